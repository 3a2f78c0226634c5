import { formatHkd, formatNumber } from "~/i18n/format.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { useProposalValue } from "./proposal-values.ts";
import type { InitiativeView } from "./types.ts";

const SCOPE = ["handlesPersonalData", "sharesDataAcrossBureaux", "needsNewInfrastructure", "citizenFacing"] as const;

/** The proposal as it stands, and the funding and benefits recorded so far. */
export function DetailsSection({ view }: { view: InitiativeView }) {
  const t = useT();
  const format = useFormat();
  const { show, yesNo } = useProposalValue();
  return (
    <section aria-labelledby="details-heading">
      <h2 id="details-heading">{t("initiative.details")}</h2>
      <dl className="summary-list">
        <div>
          <dt>{t("initiative.bureau")}</dt>
          <dd>
            {format.name(view.bureau)} ({view.bureau.code})
          </dd>
        </div>
        <div>
          <dt>{t("proposal.category")}</dt>
          <dd>{show("category", view.category)}</dd>
        </div>
        <div>
          <dt>{t("proposal.leadDivision")}</dt>
          <dd>{show("leadDivision", view.leadDivision)}</dd>
        </div>
        <div>
          <dt>{t("initiative.round")}</dt>
          <dd>{view.round}</dd>
        </div>
        <div>
          <dt>{t("initiative.financialYear")}</dt>
          <dd>{view.financialYear}</dd>
        </div>
        <div>
          <dt>{t("proposal.summary")}</dt>
          <dd className="prose">{view.summary ?? "—"}</dd>
        </div>
        <div>
          <dt>{t("initiative.scope")}</dt>
          <dd>
            <ul className="plain-list">
              {SCOPE.map((f) => (
                <li key={f}>
                  {t(`proposal.${f}`)}: {yesNo(view[f])}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t("initiative.requested")}</dt>
          <dd>{formatHkd(view.nonRecurrentCost)}</dd>
        </div>
        <div>
          <dt>{t("initiative.recurrent")}</dt>
          <dd>{formatHkd(view.recurrentCost)}</dd>
        </div>
        <div>
          <dt>{t("initiative.savings")}</dt>
          <dd>{formatHkd(view.expectedAnnualSavings)}</dd>
        </div>
        <div>
          <dt>{t("initiative.staffHours")}</dt>
          <dd>{formatNumber(view.expectedStaffHoursSaved)}</dd>
        </div>
        <div>
          <dt>{t("initiative.timeline")}</dt>
          <dd>
            {format.date(view.plannedStart)} – {format.date(view.plannedEnd)}
          </dd>
        </div>
        {view.funding.approved !== null ? (
          <div>
            <dt>{t("initiative.approved")}</dt>
            <dd>{formatHkd(view.funding.approved)}</dd>
          </div>
        ) : null}
        {view.benefits.realisedAnnualSavings !== null ? (
          <>
            <div>
              <dt>{t("initiative.realisedSavings")}</dt>
              <dd>{formatHkd(view.benefits.realisedAnnualSavings)}</dd>
            </div>
            <div>
              <dt>{t("initiative.realisedHours")}</dt>
              <dd>{view.benefits.realisedStaffHoursSaved?.toLocaleString("en-HK")}</dd>
            </div>
          </>
        ) : null}
      </dl>
    </section>
  );
}

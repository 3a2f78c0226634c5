import { criterionLabel } from "~/funding-rounds/criterion-label.ts";
import { formatHkd } from "~/i18n/format.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { RoundData } from "./types.ts";

/** The round's settings and where the line stands against the envelope. */
export function RoundSummary({ round }: { round: RoundData }) {
  const t = useT();
  const format = useFormat();
  return (
    <section aria-labelledby="round-settings">
      <h2 id="round-settings">{t("fundingRound.settings")}</h2>
      <dl className="summary-list">
        <div>
          <dt>{t("fundingRound.col.status")}</dt>
          <dd>
            <span className={`tag ${round.status === "OPEN" ? "tag--amber" : "tag--green"}`}>
              {t(`fundingRound.status.${round.status}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("fundingRound.col.envelope")}</dt>
          <dd>{formatHkd(round.envelope)}</dd>
        </div>
        <div>
          <dt>{t("fundingRound.col.deadline")}</dt>
          <dd>{format.date(round.bidDeadline)}</dd>
        </div>
        <div>
          <dt>{t("fundingRound.col.decision")}</dt>
          <dd>{format.date(round.decisionDate)}</dd>
        </div>
        <div>
          <dt>{t("fundingRound.criteriaWeights")}</dt>
          <dd>
            <ul className="plain-list">
              {round.criteria.map((c) => (
                <li key={c.key}>
                  {criterionLabel(t, c.key)} ({c.weight})
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t("fundingRound.limit")}</dt>
          <dd>{formatHkd(round.blockAllocationLimit)}</dd>
        </div>
      </dl>
      {round.cutLine.totalAbove !== null && round.cutLine.remaining !== null ? (
        <p>
          {t("fundingRound.summary.above", {
            total: formatHkd(round.cutLine.totalAbove),
            envelope: formatHkd(round.envelope),
            remaining: formatHkd(round.cutLine.remaining),
          })}
        </p>
      ) : (
        <p>{t("fundingRound.summary.officer", { envelope: formatHkd(round.envelope) })}</p>
      )}
      {round.status === "OPEN" && round.overEnvelope ? (
        <div className="notice notice--warning" role="alert">
          {t("fundingRound.overEnvelope")}
        </div>
      ) : null}
      {round.status === "OPEN" && round.unscored > 0 ? (
        <p className="notice notice--warning">{t("fundingRound.unscored", { count: round.unscored })}</p>
      ) : null}
    </section>
  );
}

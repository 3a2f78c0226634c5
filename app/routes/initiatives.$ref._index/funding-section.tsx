import { formatHkd } from "~/i18n/format.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { ReasonCode } from "~/lifecycle/divisions.ts";
import type { FundingOutcome } from "~/reviews/recorded-decisions.ts";
import type { InitiativeView } from "./types.ts";

/** Every funding decision: amount, Finance Committee paper, reason, date. */
export function FundingSection({ view }: { view: InitiativeView }) {
  const t = useT();
  const format = useFormat();
  if (view.funding.decisions.length === 0) return null;
  return (
    <section aria-labelledby="funding-heading">
      <h2 id="funding-heading">{t("initiative.funding")}</h2>
      <ul className="decisions">
        {view.funding.decisions.map((f, i) => (
          <li key={i}>
            <strong>{t(`initiative.fundingDecision.${f.decision as FundingOutcome}`)}</strong>
            {f.amount !== null ? ` · ${formatHkd(f.amount)}` : ""}
            {f.paperRef ? ` · ${f.paperRef}` : ""}
            {f.reasonCode ? ` · ${t(`reasonCodes.${f.reasonCode as ReasonCode}`)}` : ""} ·{" "}
            {format.date(f.decisionDate ?? f.createdAt)}
            {f.reason ? <p className="quote">{f.reason}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

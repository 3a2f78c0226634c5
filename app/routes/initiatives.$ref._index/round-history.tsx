import { useFormat, useT } from "~/i18n/use-t.ts";
import { diffProposals } from "~/initiatives/round-diff.ts";
import type { Division, ReasonCode } from "~/lifecycle/divisions.ts";
import type { SignoffDecision } from "~/reviews/recorded-decisions.ts";
import { PROPOSAL_LABELS, useProposalValue } from "./proposal-values.ts";
import type { InitiativeView } from "./types.ts";

/** One article per round, newest first: what changed since the round before, and each division's decision. */
export function RoundHistory({ view }: { view: InitiativeView }) {
  const t = useT();
  const format = useFormat();
  const { show } = useProposalValue();
  const roundsByNumber = new Map((view.rounds ?? []).map((r) => [r.round, r]));
  return (
    <>
      {Array.from({ length: view.round }, (_, i) => view.round - i).map((n) => {
        const round = roundsByNumber.get(n);
        const previous = roundsByNumber.get(n - 1);
        const changes = round && previous ? diffProposals(previous.proposal, round.proposal) : null;
        const decisions = view.signoffHistory.filter((s) => s.round === n);
        return (
          <article key={n} className="round">
            <h4>
              {t("initiative.roundN", { n })}
              {round ? ` · ${t("initiative.submittedOn", { date: format.date(round.createdAt) })}` : ""}
            </h4>
            {changes ? (
              changes.length === 0 ? (
                <p>{t("initiative.unchanged", { n: n - 1 })}</p>
              ) : (
                <>
                  <p>{t("initiative.changed", { n: n - 1 })}</p>
                  <ul className="changes">
                    {changes.map((c) => (
                      <li key={c.field}>
                        <strong>{PROPOSAL_LABELS[c.field] ? t(PROPOSAL_LABELS[c.field]!) : c.field}</strong>
                        {t("initiative.colon")}
                        <del>{show(c.field, c.before)}</del> → <ins>{show(c.field, c.after)}</ins>
                      </li>
                    ))}
                  </ul>
                </>
              )
            ) : null}
            {decisions.length === 0 ? (
              <p>{t("initiative.noDecisions")}</p>
            ) : (
              <ul className="decisions">
                {decisions.map((s, i) => {
                  const conditions = view.conditions.filter((c) => c.round === n && c.division === s.division);
                  return (
                    <li key={i}>
                      <strong>{t(`divisions.${s.division as Division}`)}</strong>
                      {t("initiative.colon")}
                      {t(s.reasonCode ? "initiative.decisionWithReason" : "initiative.decisionLine", {
                        decision: t(`initiative.decision.${s.decision as SignoffDecision}`),
                        reason: s.reasonCode ? t(`reasonCodes.${s.reasonCode as ReasonCode}`) : "",
                        reviewer: s.reviewer ?? "—",
                        date: format.date(s.decidedAt),
                      })}
                      {s.reason ? <p className="quote">{s.reason}</p> : null}
                      {s.comment ? <p className="quote">{s.comment}</p> : null}
                      {conditions.length > 0 ? (
                        <ul>
                          {conditions.map((c) => (
                            <li key={c.id}>
                              {c.id}: {c.text}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )}
          </article>
        );
      })}
    </>
  );
}

import { AuditPayload } from "~/components/audit-payload.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Role } from "~/lifecycle/divisions.ts";
import type { EventType } from "~/lifecycle/events.ts";
import type { Stage } from "~/lifecycle/initiative.machine.ts";
import type { InitiativeView } from "./types.ts";

/**
 * The audit trail also records what the machine does not decide: creating, editing, commenting, and a late
 * proposal marked urgent in a funding round.
 */
type AuditEvent = EventType | "CREATE" | "EDIT" | "COMMENT" | "FUNDING_BID_URGENT";

/** The audit trail: who did what and when, with the stage change it made and what they said, field by field. */
export function AuditSection({ view }: { view: InitiativeView }) {
  const t = useT();
  const format = useFormat();
  const stage = (state: string) => t(`stages.${state.split(".")[0] as Stage}`);
  const milestones = Object.fromEntries(view.milestones.map((m) => [m.id, m.name]));
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t("initiative.audit")}</h2>
      <ol className="timeline">
        {(view.audit ?? []).map((a) => (
          <li key={a.seq}>
            <span className="timeline__time">{format.dateTime(a.createdAt)}</span>{" "}
            {a.onBehalfOf
              ? // An acting reviewer's decision names both: who took it, and whose decision it was.
                t("delegations.auditEntry", {
                  event: t(`events.${a.event as AuditEvent}`),
                  actor: a.actor ?? t(`roles.${a.actorRole as Role}`),
                  delegator: a.onBehalfOf,
                })
              : t("initiative.auditEntry", {
                  event: t(`events.${a.event as AuditEvent}`),
                  actor: a.actor ?? t(`roles.${a.actorRole as Role}`),
                })}
            {a.fromState && a.toState && a.fromState !== a.toState ? (
              <span className="timeline__states">
                {" "}
                ({stage(a.fromState)} → {stage(a.toState)})
              </span>
            ) : null}
            <AuditPayload payload={a.payload} milestones={milestones} />
          </li>
        ))}
      </ol>
    </section>
  );
}

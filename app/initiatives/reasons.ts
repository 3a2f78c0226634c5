/**
 * What people said when they stopped, held, refused or turned back an initiative: the reasons given with
 * pause, resume, withdrawal, deferral, rejection, a return for changes, a Finance Committee rejection or a
 * reopening, read from the audit trail (the one place every event's words are kept). Pure.
 */

/** Events whose payload carries a reason worth showing on the initiative page. */
export const REASON_EVENTS = [
  "PAUSE",
  "RESUME",
  "WITHDRAW",
  "DEFER",
  "REOPEN",
  "REJECT",
  "REQUEST_CHANGES",
  "RECORD_FC_REJECTION",
] as const;
export type ReasonEvent = (typeof REASON_EVENTS)[number];

export type ReasonGiven = {
  event: ReasonEvent;
  reason: string;
  reasonCode: string | null;
  actorRole: string;
  actor: string | null;
  at: string;
};

/** The reasons given, oldest first, from audit entries (payload already parsed). Blank reasons are left out. */
export function reasonsFromAudit(
  entries: {
    event: string;
    actorRole: string;
    actor: string | null;
    payload: Record<string, unknown>;
    createdAt: Date | string;
  }[],
): ReasonGiven[] {
  const out: ReasonGiven[] = [];
  for (const e of entries) {
    if (!(REASON_EVENTS as readonly string[]).includes(e.event)) continue;
    const reason = e.payload.reason;
    if (typeof reason !== "string" || reason.trim() === "") continue;
    const code = e.payload.reasonCode;
    out.push({
      event: e.event as ReasonEvent,
      reason,
      reasonCode: typeof code === "string" ? code : null,
      actorRole: e.actorRole,
      actor: e.actor,
      at: typeof e.createdAt === "string" ? e.createdAt : e.createdAt.toISOString(),
    });
  }
  return out;
}

/**
 * The event that put the initiative where it now is, when that event carries a reason: a pause while on
 * hold, a withdrawal, a deferral, a rejection. Null when the current state was not reached with a reason.
 */
export function currentStateReason(stage: string, substate: string | null, reasons: ReasonGiven[]): ReasonGiven | null {
  const wanted: readonly ReasonEvent[] =
    substate === "onHold"
      ? ["PAUSE"]
      : stage === "withdrawn"
        ? ["WITHDRAW"]
        : stage === "deferred"
          ? ["DEFER"]
          : stage === "rejected"
            ? ["REJECT", "RECORD_FC_REJECTION"]
            : [];
  for (let i = reasons.length - 1; i >= 0; i--) if (wanted.includes(reasons[i]!.event)) return reasons[i]!;
  return null;
}

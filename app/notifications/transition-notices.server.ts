/**
 * The notifications of an accepted lifecycle event, written in its transaction (see send-event.server.ts):
 * the facts the rules need, read from the snapshots before and after.
 */
import { DIVISIONS } from "~/lifecycle/divisions.ts";
import type { EventType } from "~/lifecycle/events.ts";
import { signoffsOf, stageOf, type InitiativeSnapshot } from "~/lifecycle/snapshot.ts";
import type { Tx } from "~/initiatives/versioning.server.ts";
import { writeNotifications } from "./outbox.server.ts";
import { tellsForTransition } from "./rules.ts";

/** The payload fields a message may quote. */
const QUOTED = ["reasonCode", "reason", "amount", "paperRef", "date"] as const;

export async function notifyTransition(
  tx: Tx,
  args: {
    initiative: { id: string; ref: string; bureauCode: string; titleEn?: unknown; titleZh?: unknown };
    type: EventType;
    actorId: string;
    payload: Record<string, unknown>;
    before: InitiativeSnapshot;
    after: InitiativeSnapshot;
    now: Date;
  },
): Promise<number> {
  const { initiative, type, before, after, payload } = args;
  const signoffs = signoffsOf(after);
  const stageAfter = stageOf(after);
  const tells = tellsForTransition({
    type,
    stageBefore: stageOf(before),
    stageAfter,
    bureauCode: initiative.bureauCode,
    leadDivision: after.context.leadDivision,
    pendingAfter: stageAfter === "efficiencyReview" ? DIVISIONS.filter((d) => signoffs[d] === "pending") : [],
  });
  const data: Record<string, unknown> = {};
  for (const k of QUOTED) if (payload[k] !== undefined) data[k] = payload[k];
  if (Array.isArray(payload.conditions)) data.conditions = payload.conditions.length;
  return writeNotifications(
    tx,
    { initiative, event: type, actorId: args.actorId, round: after.context.round, data, now: args.now },
    tells,
  );
}

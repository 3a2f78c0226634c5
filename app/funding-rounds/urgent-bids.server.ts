/**
 * Urgent late bids: a proposal that reaches funding review after a round's deadline waits for the next
 * round, unless leadership (or an administrator) marks it urgent with a reason; it then bids in this round.
 */
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { logDenied } from "~/auth/security-log.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { db } from "~/utils/db.server.ts";
import { isUniqueViolation } from "~/utils/db/db-errors.server.ts";
import { fieldErrorsOf } from "~/utils/field-errors.ts";
import { HttpError } from "~/utils/http.server.ts";
import { mayMarkUrgent } from "./access.ts";
import { lateWhere } from "./funding-bids.server.ts";
import { loadRound } from "./funding-rounds.server.ts";
import { urgentSchema } from "./round.schema.ts";

/**
 * Marks a late proposal urgent so it bids in the round: 403 for other roles, 400 without a reason (or with
 * one too long), 409 once the round is finalised or when the proposal is not a late one waiting. Audited.
 */
export async function markUrgent(user: Caller, fy: string, body: unknown, now = new Date()): Promise<void> {
  if (!mayMarkUrgent(user.role)) {
    logDenied(user, "mark a late bid urgent", `role ${user.role} may not`);
    throw new HttpError(403, { key: "fundingRound.errors.forbidden" });
  }
  const parsed = urgentSchema.safeParse(body ?? {});
  if (!parsed.success) throw new HttpError(400, { key: "fundingRound.errors.hasErrors" }, fieldErrorsOf(parsed.error));
  const { ref, reason } = parsed.data;
  const notLate = () => new HttpError(409, { key: "fundingRound.errors.notLate", values: { ref, fy } });
  await db
    .$transaction(async (tx) => {
      const round = await loadRound(tx, fy);
      if (round.status !== "OPEN") throw new HttpError(409, { key: "fundingRound.errors.frozen", values: { fy } });
      const late = await tx.initiative.findFirst({
        where: { AND: [{ ref }, lateWhere(round)] },
        select: { id: true, round: true, nonRecurrentCost: true },
      });
      if (!late) throw notLate();
      await tx.fundingBid.create({
        data: {
          roundId: round.id,
          initiativeId: late.id,
          submissionRound: late.round,
          requested: late.nonRecurrentCost ?? 0,
          urgent: true,
          urgentReason: reason,
          createdAt: now,
          updatedAt: now,
        },
      });
      await appendAuditEvent(tx, {
        actorId: user.id,
        actorRole: user.role,
        initiativeId: late.id,
        event: "FUNDING_BID_URGENT",
        payload: { fy: round.fy, ref, reason },
        createdAt: now,
      });
    })
    .catch((error: unknown) => {
      // Two markings racing past the check: the loser hits the bid's unique key (round, initiative).
      throw isUniqueViolation(error) ? notLate() : error;
    });
}

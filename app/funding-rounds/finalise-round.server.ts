/**
 * Finalising a funding round, in one database transaction: every bid above the line is funded
 * (APPROVE_FUNDING), every bid above the block-allocation limit referred to the Finance Committee
 * (REFER_TO_FINANCE_COMMITTEE), every other bid shelved (DEFER with reason code FUNDING_PRIORITY) — each as
 * its own lifecycle event through the machine, with its own audit entry — and the round closed. If any of
 * them fails, nothing is written.
 */
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { logDenied } from "~/auth/security-log.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { sendEventInTransaction } from "~/initiatives/send-event.server.ts";
import { getSettings } from "~/settings/settings.server.ts";
import { db } from "~/utils/db.server.ts";
import { fieldErrorsOf } from "~/utils/field-errors.ts";
import { HttpError } from "~/utils/http.server.ts";
import { mayDecideRound } from "./access.ts";
import { rankWithOverrides, recordOverrides } from "./bid-moves.server.ts";
import { enrolBids } from "./funding-bids.server.ts";
import { loadRound } from "./funding-rounds.server.ts";
import { finaliseSchema } from "./round.schema.ts";

export type FinaliseResult = {
  fy: string;
  approved: { ref: string; amount: number }[];
  referred: { ref: string; amount: number }[];
  shelved: { ref: string; rank: number | null }[];
  totalApproved: number;
};

/** The shelving reason, in both languages: it is stored with the event and read by either. */
function shelvedReason(fy: string, rank: number | null, count: number) {
  return `Funding round ${fy}: below the cut line (rank ${rank} of ${count}). ${fy} 年度撥款：排名第 ${rank}（共 ${count}），低於撥款分界線。`;
}

/**
 * Leadership finalises the round of `fy`, with optional last overrides. 403 for anyone else; 409 when the
 * round is already finalised; 422 while a bid is unscored or when the overrides ask for more than the
 * envelope; a bid the machine refuses fails the whole finalisation with its reason.
 */
export async function finaliseRound(
  user: Caller,
  fy: string,
  body: unknown,
  now = new Date(),
): Promise<FinaliseResult> {
  if (!mayDecideRound(user.role)) {
    logDenied(user, `finalise funding round ${fy}`, `role ${user.role} may not`);
    throw new HttpError(403, { key: "fundingRound.errors.forbidden" });
  }
  const parsed = finaliseSchema.safeParse(body ?? {});
  if (!parsed.success) throw new HttpError(400, { key: "fundingRound.errors.hasErrors" }, fieldErrorsOf(parsed.error));
  const overrides = parsed.data.overrides ?? [];
  const { blockAllocationLimit } = await getSettings();

  return db.$transaction(
    async (tx) => {
      const round = await loadRound(tx, fy);
      if (round.status !== "OPEN") throw new HttpError(409, { key: "fundingRound.errors.frozen", values: { fy } });
      await enrolBids(tx, round, now);
      const ranking = await rankWithOverrides(tx, round, user, overrides, blockAllocationLimit);
      const unscored = ranking.bids.filter((b) => b.score === null).map((b) => b.ref);
      if (unscored.length > 0) {
        throw new HttpError(422, {
          key: "fundingRound.errors.unscored",
          values: { count: unscored.length, refs: unscored.slice(0, 10).join(", ") },
        });
      }
      await recordOverrides(tx, round, user, ranking, overrides, now);

      const result: FinaliseResult = { fy: round.fy, approved: [], referred: [], shelved: [], totalApproved: 0 };
      const ranked = ranking.bids.filter((b) => b.rank !== null).length;
      for (const bid of ranking.bids) {
        const opts = { blockAllocationLimit, fundingRound: round.fy, now };
        let outcome: "APPROVED" | "REFERRED" | "SHELVED";
        try {
          if (bid.route === "FINANCE_COMMITTEE") {
            await sendEventInTransaction(
              tx,
              user,
              bid.ref,
              { type: "REFER_TO_FINANCE_COMMITTEE", payload: { amount: bid.requested } },
              opts,
            );
            outcome = "REFERRED";
            result.referred.push({ ref: bid.ref, amount: bid.requested });
          } else if (bid.aboveLine) {
            await sendEventInTransaction(
              tx,
              user,
              bid.ref,
              { type: "APPROVE_FUNDING", payload: { amount: bid.requested } },
              opts,
            );
            outcome = "APPROVED";
            result.approved.push({ ref: bid.ref, amount: bid.requested });
            result.totalApproved += bid.requested;
          } else {
            const reason = shelvedReason(round.fy, bid.rank, ranked);
            await sendEventInTransaction(
              tx,
              user,
              bid.ref,
              { type: "DEFER", payload: { reason, reasonCode: "FUNDING_PRIORITY" } },
              opts,
            );
            outcome = "SHELVED";
            result.shelved.push({ ref: bid.ref, rank: bid.rank });
          }
        } catch (error) {
          // Say which bid stopped the finalisation; the transaction rolls back every bid before it.
          if (error instanceof HttpError) {
            throw new HttpError(error.status === 403 ? 409 : error.status, {
              key: "fundingRound.errors.bidFailed",
              values: { ref: bid.ref, reason: error.message },
            });
          }
          throw error;
        }
        await tx.fundingBid.updateMany({
          where: { roundId: round.id, initiative: { ref: bid.ref } },
          data: { outcome, updatedAt: now },
        });
      }
      // Bids that left funding review on their own before the finalisation keep no outcome: they were not decided here.
      await tx.fundingRound.update({
        where: { id: round.id },
        data: { status: "FINALISED", finalisedAt: now, finalisedById: user.id, updatedAt: now },
      });
      await appendAuditEvent(tx, {
        actorId: user.id,
        actorRole: user.role,
        event: "FUNDING_ROUND_FINALISED",
        payload: {
          fy: round.fy,
          envelope: round.envelope,
          approved: result.approved,
          referred: result.referred,
          shelved: result.shelved,
          overrides,
        },
        createdAt: now,
      });
      return result;
    },
    // Hundreds of bids, each a full lifecycle transition: more than Prisma's 5-second default.
    { timeout: 120_000, maxWait: 30_000 },
  );
}

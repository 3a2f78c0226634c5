/**
 * Leadership's moves of bids across the cut line, with a reason that is recorded. A move is refused when it
 * would ask the envelope for more than it holds, or fund a Finance Committee bid from it.
 */
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { logDenied } from "~/auth/security-log.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import type { Tx } from "~/initiatives/versioning.server.ts";
import { getSettings } from "~/settings/settings.server.ts";
import { db } from "~/utils/db.server.ts";
import { fieldErrorsOf } from "~/utils/field-errors.ts";
import { HttpError } from "~/utils/http.server.ts";
import { formatHkd } from "~/i18n/format.ts";
import { mayDecideRound } from "./access.ts";
import { enrolBids, roundBids, type RoundRow } from "./funding-bids.server.ts";
import { loadRound } from "./funding-rounds.server.ts";
import { applyOverrides, type Override, type Ranking } from "./ranking.ts";
import { overrideSchema } from "./round.schema.ts";

/**
 * The round's ranking with `overrides` applied on top of the recorded ones, or a 422 saying why it cannot
 * stand (the message names the total and the envelope, or the bid).
 */
export async function rankWithOverrides(
  tx: Tx,
  round: RoundRow,
  user: Caller,
  overrides: readonly Override[],
  limit: number,
): Promise<Ranking> {
  const bids = await roundBids(tx, round, user);
  const result = applyOverrides(bids, overrides, round.envelope, limit);
  if (!result.ok) {
    const { problem } = result;
    // Amounts read as money in the message, in either language.
    const values =
      problem.key === "fundingRound.errors.overEnvelope"
        ? { total: formatHkd(problem.values.total), envelope: formatHkd(problem.values.envelope) }
        : problem.values;
    throw new HttpError(422, { key: problem.key, values }, { overrides: [problem.key] });
  }
  return result.ranking;
}

/** Records overrides on the bids (clearing one that agrees with the rank) and audits each. */
export async function recordOverrides(
  tx: Tx,
  round: RoundRow,
  user: Caller,
  ranking: Ranking,
  overrides: readonly Override[],
  now: Date,
) {
  for (const o of overrides) {
    const bid = ranking.bids.find((b) => b.ref === o.ref)!;
    const agrees = bid.aboveLineByRank === o.aboveLine;
    await tx.fundingBid.updateMany({
      where: { roundId: round.id, initiative: { ref: o.ref } },
      data: {
        override: agrees ? null : o.aboveLine ? "ABOVE" : "BELOW",
        overrideReason: agrees ? null : o.reason,
        updatedAt: now,
      },
    });
    await appendAuditEvent(tx, {
      actorId: user.id,
      actorRole: user.role,
      event: "FUNDING_BID_MOVED",
      payload: { fy: round.fy, ref: o.ref, aboveLine: o.aboveLine, reason: o.reason },
      createdAt: now,
    });
  }
}

/** Leadership moves one bid across the line (or back to where its rank puts it). */
export async function moveBid(user: Caller, fy: string, body: unknown, now = new Date()) {
  if (!mayDecideRound(user.role)) {
    logDenied(user, "move a bid across the cut line", `role ${user.role} may not`);
    throw new HttpError(403, { key: "fundingRound.errors.forbidden" });
  }
  const parsed = overrideSchema.safeParse(body ?? {});
  if (!parsed.success) throw new HttpError(400, { key: "fundingRound.errors.hasErrors" }, fieldErrorsOf(parsed.error));
  const { blockAllocationLimit } = await getSettings();
  await db.$transaction(async (tx) => {
    const round = await loadRound(tx, fy);
    if (round.status !== "OPEN") throw new HttpError(409, { key: "fundingRound.errors.frozen", values: { fy } });
    await enrolBids(tx, round, now);
    const ranking = await rankWithOverrides(tx, round, user, [parsed.data], blockAllocationLimit);
    await recordOverrides(tx, round, user, ranking, [parsed.data], now);
  });
}

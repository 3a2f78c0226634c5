/**
 * Scoring a bid: a reviewer marks it 1–5 against each of the round's criteria, with a comment on each. The
 * lead division's scores rank the bid; another division's are advisory. A score can be changed until the
 * round is finalised; every score and change is audited.
 */
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { logDenied } from "~/auth/security-log.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { db } from "~/utils/db.server.ts";
import { fieldErrorsOf } from "~/utils/field-errors.ts";
import { HttpError } from "~/utils/http.server.ts";
import { mayScore } from "./access.ts";
import { weightedScore, type Criterion } from "./criteria.ts";
import { enrolBids } from "./funding-bids.server.ts";
import { loadRound } from "./funding-rounds.server.ts";
import { scoreSchema, type ScoreInput } from "./round.schema.ts";

export type ScoreResult = { fy: string; ref: string; total: number; advisory: boolean };

/** A reviewer's own scoring of a bid, for the scoring form. */
export async function myScore(user: Caller, fy: string, ref: string) {
  const round = await loadRound(db, fy);
  const row = await db.bidScore.findFirst({
    where: { reviewerId: user.id, bid: { roundId: round.id, initiative: { ref } } },
    select: { scores: true, comments: true, total: true, advisory: true },
  });
  return row
    ? {
        scores: JSON.parse(row.scores) as Record<string, number>,
        comments: JSON.parse(row.comments) as Record<string, string>,
        total: row.total,
        advisory: row.advisory,
      }
    : null;
}

/**
 * Records (or replaces) the caller's score of one bid. 403 for anyone but a reviewer; 404 when the round or
 * the bid is not there; 400 with field errors for marks outside 1–5 or unknown criteria; 409 once the round
 * is finalised (scores are frozen) or the proposal has left funding review.
 */
export async function scoreBid(
  user: Caller,
  fy: string,
  ref: string,
  body: unknown,
  now = new Date(),
): Promise<ScoreResult> {
  if (!mayScore(user.role) || !user.divisionCode) {
    logDenied(user, `score bid ${ref}`, `role ${user.role} may not score`);
    throw new HttpError(403, { key: "fundingRound.errors.forbidden" });
  }
  const round = await loadRound(db, fy);
  const criteria = JSON.parse(round.criteria) as Criterion[];
  const parsed = scoreSchema(criteria).safeParse(body ?? {});
  if (!parsed.success) throw new HttpError(400, { key: "fundingRound.errors.hasErrors" }, fieldErrorsOf(parsed.error));
  const input = parsed.data as ScoreInput;
  const total = weightedScore(criteria, input.scores);
  const comments = Object.fromEntries(Object.entries(input.comments ?? {}).filter(([, v]) => !!v));

  return db.$transaction(async (tx) => {
    const current = await loadRound(tx, fy);
    if (current.status !== "OPEN") throw new HttpError(409, { key: "fundingRound.errors.frozen", values: { fy } });
    await enrolBids(tx, current, now);
    const bid = await tx.fundingBid.findFirst({
      where: { roundId: current.id, initiative: { ref } },
      select: { id: true, initiative: { select: { id: true, stage: true, leadDivision: true } } },
    });
    if (!bid) throw new HttpError(404, { key: "fundingRound.errors.noBid", values: { ref, fy } });
    if (bid.initiative.stage !== "fundingReview") {
      throw new HttpError(409, { key: "fundingRound.errors.leftRound", values: { ref } });
    }
    const advisory = bid.initiative.leadDivision !== user.divisionCode;
    const data = {
      division: user.divisionCode!,
      advisory,
      scores: JSON.stringify(input.scores),
      comments: JSON.stringify(comments),
      total,
      updatedAt: now,
    };
    await tx.bidScore.upsert({
      where: { bidId_reviewerId: { bidId: bid.id, reviewerId: user.id } },
      create: { bidId: bid.id, reviewerId: user.id, ...data, createdAt: now },
      update: data,
    });
    await appendAuditEvent(tx, {
      actorId: user.id,
      actorRole: user.role,
      event: "FUNDING_BID_SCORED",
      payload: { fy, ref, division: user.divisionCode, advisory, scores: input.scores, comments, total },
      createdAt: now,
    });
    return { fy, ref, total, advisory };
  });
}

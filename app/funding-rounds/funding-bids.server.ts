/**
 * The bids of a funding round. A proposal bids in the round of the financial year its planned start falls
 * in, once it reaches funding review by the round's deadline (later only if leadership marks it urgent).
 * Bids are enrolled (written as rows) by every write to the round, so scores, overrides and the
 * finalisation always see the same set; a read adds the proposals that would join now, unwritten.
 */
import type { Caller } from "~/initiatives/access.server.ts";
import type { Tx } from "~/initiatives/versioning.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { db } from "~/utils/db.server.ts";
import { hongKongMidnight } from "~/calendar/hong-kong.ts";
import { financialYearRange } from "~/utils/financial-year.ts";
import { bidScore } from "./criteria.ts";
import { bidsCloseAt } from "./initiative-round.server.ts";

type Client = Tx | typeof db;

export type RoundRow = {
  id: string;
  fy: string;
  envelope: number;
  bidDeadline: string;
  decisionDate: string;
  criteria: string;
  status: string;
};

const DAY_MS = 86_400_000;

/** Initiatives that would join the round now and have no bid in it yet. */
function candidatesWhere(round: RoundRow): Prisma.InitiativeWhereInput {
  const range = financialYearRange(round.fy)!;
  return {
    stage: "fundingReview",
    plannedStart: { gte: range.start, lte: range.end },
    // By the end of the deadline's day, Hong Kong time.
    stageEnteredAt: { lt: new Date(hongKongMidnight(round.bidDeadline).getTime() + DAY_MS) },
    bids: { none: { roundId: round.id } },
  };
}

/** Writes a bid row for every proposal that has joined an open round since the last write. */
export async function enrolBids(tx: Tx, round: RoundRow, now: Date): Promise<void> {
  if (round.status !== "OPEN") return;
  const joining = await tx.initiative.findMany({
    where: candidatesWhere(round),
    select: { id: true, round: true, nonRecurrentCost: true },
  });
  for (const i of joining) {
    await tx.fundingBid.create({
      data: {
        roundId: round.id,
        initiativeId: i.id,
        submissionRound: i.round,
        requested: i.nonRecurrentCost ?? 0,
        createdAt: now,
        updatedAt: now,
      },
    });
  }
}

const INITIATIVE_SELECT = {
  id: true,
  ref: true,
  titleEn: true,
  titleZh: true,
  bureauCode: true,
  leadDivision: true,
  category: true,
  stage: true,
  round: true,
  nonRecurrentCost: true,
  submittedAt: true,
} satisfies Prisma.InitiativeSelect;

export type Bid = {
  /** Null for a proposal that joins the round now but has no row yet. */
  id: string | null;
  ref: string;
  initiativeId: string;
  titleEn: string | null;
  titleZh: string | null;
  bureauCode: string;
  leadDivision: string | null;
  category: string | null;
  stage: string;
  /** The initiative's submission round when it bid: a re-bid is round N+1. */
  submissionRound: number;
  requested: number;
  submittedAt: string;
  urgent: boolean;
  override: "ABOVE" | "BELOW" | null;
  overrideReason: string | null;
  outcome: string | null;
  /** The mean of the lead division's weighted scores; null while unscored. */
  score: number | null;
  /** The mean of other divisions' advisory scores. */
  advisoryScore: number | null;
  scoreCount: number;
  advisoryCount: number;
};

/**
 * The bids that take part in the round: while open, those whose initiative is still in funding review
 * (a bid decided on its own, or withdrawn, drops out) plus those joining now; once finalised, those the
 * finalisation decided. Only the caller's own B/D's for an officer.
 */
export async function roundBids(client: Client, round: RoundRow, user: Caller): Promise<Bid[]> {
  const own: Prisma.InitiativeWhereInput = user.role === "OFFICER" ? { bureauCode: user.bureauCode ?? "-" } : {};
  const rows = await client.fundingBid.findMany({
    where: {
      roundId: round.id,
      ...(round.status === "OPEN" ? { initiative: { stage: "fundingReview", ...own } } : { outcome: { not: null } }),
      ...(round.status !== "OPEN" && user.role === "OFFICER" ? { initiative: own } : {}),
    },
    select: {
      id: true,
      submissionRound: true,
      requested: true,
      urgent: true,
      override: true,
      overrideReason: true,
      outcome: true,
      initiative: { select: INITIATIVE_SELECT },
      scores: { select: { advisory: true, total: true } },
    },
  });
  const bids: Bid[] = rows.map((r) => ({
    ...fromInitiative(r.initiative),
    id: r.id,
    submissionRound: r.submissionRound,
    requested: r.requested,
    urgent: r.urgent,
    override: r.override === "ABOVE" || r.override === "BELOW" ? r.override : null,
    overrideReason: r.overrideReason,
    outcome: r.outcome,
    score: bidScore(r.scores.filter((s) => !s.advisory).map((s) => s.total)),
    advisoryScore: bidScore(r.scores.filter((s) => s.advisory).map((s) => s.total)),
    scoreCount: r.scores.filter((s) => !s.advisory).length,
    advisoryCount: r.scores.filter((s) => s.advisory).length,
  }));
  if (round.status === "OPEN") {
    const joining = await client.initiative.findMany({
      where: { AND: [candidatesWhere(round), own] },
      select: INITIATIVE_SELECT,
    });
    for (const i of joining) {
      bids.push({
        ...fromInitiative(i),
        id: null,
        submissionRound: i.round,
        requested: i.nonRecurrentCost ?? 0,
        urgent: false,
        override: null,
        overrideReason: null,
        outcome: null,
        score: null,
        advisoryScore: null,
        scoreCount: 0,
        advisoryCount: 0,
      });
    }
  }
  return bids;
}

function fromInitiative(i: {
  id: string;
  ref: string;
  titleEn: string | null;
  titleZh: string | null;
  bureauCode: string;
  leadDivision: string | null;
  category: string | null;
  stage: string;
  submittedAt: Date | null;
}) {
  return {
    ref: i.ref,
    initiativeId: i.id,
    titleEn: i.titleEn,
    titleZh: i.titleZh,
    bureauCode: i.bureauCode,
    leadDivision: i.leadDivision,
    category: i.category,
    stage: i.stage,
    submittedAt: (i.submittedAt ?? new Date(0)).toISOString(),
  };
}

export type LateProposal = { ref: string; titleEn: string | null; titleZh: string | null; bureauCode: string };

/** Proposals of the round's year that reached funding review after the bids closed and have no bid in it. */
export function lateWhere(round: Pick<RoundRow, "id" | "fy" | "bidDeadline">): Prisma.InitiativeWhereInput {
  const range = financialYearRange(round.fy)!;
  return {
    stage: "fundingReview",
    plannedStart: { gte: range.start, lte: range.end },
    stageEnteredAt: { gte: bidsCloseAt(round.bidDeadline) },
    bids: { none: { roundId: round.id } },
  };
}

/** The late proposals waiting on an open round, oldest in funding review first. */
export async function lateProposals(client: Client, round: RoundRow): Promise<LateProposal[]> {
  if (round.status !== "OPEN") return [];
  return client.initiative.findMany({
    where: lateWhere(round),
    orderBy: { stageEnteredAt: "asc" },
    select: { ref: true, titleEn: true, titleZh: true, bureauCode: true },
  });
}

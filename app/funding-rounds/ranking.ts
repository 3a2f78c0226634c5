/**
 * The ranking of a funding round and its cut line (DESIGN.md §6): pure, so that the page, the API and the
 * finalisation all draw the same line. Bids are ranked by score (unscored last), ties broken by the
 * earlier submission; the line falls where the envelope runs out, strictly by rank. Bids that request more
 * than the block-allocation limit are set apart: the Finance Committee decides them whatever their rank,
 * and they never count against the envelope.
 */
import { fundingRouteOf } from "~/lifecycle/funding-rules.ts";

export type RankInput = {
  ref: string;
  /** The weighted score, or null while unscored. */
  score: number | null;
  /** HK$ requested. */
  requested: number;
  /** When the proposal was submitted (ISO): the earlier wins a tie. */
  submittedAt: string;
  /** Leadership's move across the line, if any. */
  override?: "ABOVE" | "BELOW" | null;
};

export type RankedBid = RankInput & {
  /** 1, 2, … among the bids the envelope can fund; null for a Finance Committee bid. */
  rank: number | null;
  route: "BLOCK_ALLOCATION" | "FINANCE_COMMITTEE";
  /** Running total of requests in rank order (envelope bids only). */
  cumulative: number | null;
  /** Where the line puts it by rank alone. */
  aboveLineByRank: boolean;
  /** Where it stands after leadership's overrides: the bids to fund. */
  aboveLine: boolean;
  /** Below the line by rank, yet small enough for what the bids above the line leave of the envelope. */
  fitsRemainder: boolean;
};

export type Ranking = {
  envelope: number;
  bids: RankedBid[];
  cutLine: {
    /** How many bids stand above the line by rank; the line is drawn after this many. */
    afterRank: number;
    /** Requested by the bids above the line by rank. */
    totalByRank: number;
    /** Requested by the bids to fund, after overrides. */
    totalAbove: number;
    /** What is left of the envelope after the bids to fund. */
    remaining: number;
  };
};

/** Best score first; unscored after every scored bid; the earlier submission, then the reference, on a tie. */
export function compareBids(a: RankInput, b: RankInput): number {
  if (a.score !== b.score) {
    if (a.score === null) return 1;
    if (b.score === null) return -1;
    return b.score - a.score;
  }
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? -1 : 1;
  return a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;
}

/** Ranks the bids of a round and draws its cut line. */
export function rankBids(bids: readonly RankInput[], envelope: number, limit: number): Ranking {
  const sorted = [...bids].sort(compareBids);
  const envelopeBids = sorted.filter((b) => fundingRouteOf(b.requested, limit) === "APPROVE_FUNDING");
  const committee = sorted.filter((b) => fundingRouteOf(b.requested, limit) !== "APPROVE_FUNDING");

  let cumulative = 0;
  let lineDrawn = false;
  let afterRank = 0;
  const ranked: RankedBid[] = envelopeBids.map((b, i) => {
    cumulative += b.requested;
    // Strictly by rank: once one bid does not fit, every bid after it is below the line.
    if (!lineDrawn && cumulative > envelope) lineDrawn = true;
    const aboveLineByRank = !lineDrawn;
    if (aboveLineByRank) afterRank = i + 1;
    const aboveLine = b.override === "ABOVE" ? true : b.override === "BELOW" ? false : aboveLineByRank;
    return {
      ...b,
      rank: i + 1,
      route: "BLOCK_ALLOCATION",
      cumulative,
      aboveLineByRank,
      aboveLine,
      fitsRemainder: false,
    };
  });
  const totalByRank = ranked.filter((b) => b.aboveLineByRank).reduce((s, b) => s + b.requested, 0);
  const totalAbove = ranked.filter((b) => b.aboveLine).reduce((s, b) => s + b.requested, 0);
  const leftByRank = envelope - totalByRank;
  for (const b of ranked) b.fitsRemainder = !b.aboveLineByRank && b.requested <= leftByRank;

  const apart: RankedBid[] = committee.map((b) => ({
    ...b,
    rank: null,
    route: "FINANCE_COMMITTEE",
    cumulative: null,
    aboveLineByRank: false,
    aboveLine: false,
    fitsRemainder: false,
  }));
  return {
    envelope,
    bids: [...ranked, ...apart],
    cutLine: { afterRank, totalByRank, totalAbove, remaining: envelope - totalAbove },
  };
}

export type Override = { ref: string; aboveLine: boolean; reason: string };

/** Why a set of overrides cannot stand, as an i18n key with its values; null when it can. */
export type OverrideProblem =
  | { key: "fundingRound.errors.unknownBid"; values: { ref: string } }
  | { key: "fundingRound.errors.committeeBid"; values: { ref: string } }
  | { key: "fundingRound.errors.overEnvelope"; values: { total: number; envelope: number } };

/**
 * Applies overrides on top of the bids' own and checks the result: a Finance Committee bid can never be
 * moved above the line, and the bids above the line may never ask for more than the envelope.
 */
export function applyOverrides(
  bids: readonly RankInput[],
  overrides: readonly Override[],
  envelope: number,
  limit: number,
): { ok: true; ranking: Ranking } | { ok: false; problem: OverrideProblem } {
  const byRef = new Map(overrides.map((o) => [o.ref, o]));
  for (const o of overrides) {
    const bid = bids.find((b) => b.ref === o.ref);
    if (!bid) return { ok: false, problem: { key: "fundingRound.errors.unknownBid", values: { ref: o.ref } } };
    if (o.aboveLine && fundingRouteOf(bid.requested, limit) !== "APPROVE_FUNDING") {
      return { ok: false, problem: { key: "fundingRound.errors.committeeBid", values: { ref: o.ref } } };
    }
  }
  const merged = bids.map((b) => {
    const o = byRef.get(b.ref);
    return o ? { ...b, override: o.aboveLine ? ("ABOVE" as const) : ("BELOW" as const) } : b;
  });
  const ranking = rankBids(merged, envelope, limit);
  if (ranking.cutLine.totalAbove > envelope) {
    return {
      ok: false,
      problem: { key: "fundingRound.errors.overEnvelope", values: { total: ranking.cutLine.totalAbove, envelope } },
    };
  }
  return { ok: true, ranking };
}

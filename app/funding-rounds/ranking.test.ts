import { describe, expect, it } from "vitest";
import { DEFAULT_CRITERIA, bidScore, weightedScore } from "./criteria.ts";
import { applyOverrides, rankBids, type RankInput } from "./ranking.ts";

const M = 1_000_000;
const LIMIT = 20 * M;
const bid = (ref: string, score: number | null, requested: number, submittedAt = "2026-05-01"): RankInput => ({
  ref,
  score,
  requested,
  submittedAt,
});
// The example: HK$50M, bids of 19M, 18M, 15M and 4M in that order of merit.
const example = [bid("A", 4.6, 19 * M), bid("B", 4.2, 18 * M), bid("C", 3.9, 15 * M), bid("D", 3.1, 4 * M)];

describe("the cut line", () => {
  it("falls where the envelope runs out, strictly by rank, and marks a smaller bid that still fits", () => {
    const { bids, cutLine } = rankBids(example, 50 * M, LIMIT);
    expect(bids.map((b) => [b.ref, b.rank, b.cumulative, b.aboveLine, b.fitsRemainder])).toEqual([
      ["A", 1, 19 * M, true, false],
      ["B", 2, 37 * M, true, false],
      ["C", 3, 52 * M, false, false],
      ["D", 4, 56 * M, false, true],
    ]);
    expect(cutLine).toEqual({ afterRank: 2, totalByRank: 37 * M, totalAbove: 37 * M, remaining: 13 * M });
  });

  it("keeps a bid that reaches the envelope exactly above the line", () => {
    const { bids, cutLine } = rankBids(
      [bid("A", 5, 20 * M), bid("B", 4, 20 * M), bid("C", 4, 10 * M), bid("D", 3, 1)],
      50 * M,
      LIMIT,
    );
    expect(bids.map((b) => b.aboveLine)).toEqual([true, true, true, false]);
    expect(cutLine.remaining).toBe(0);
    expect(bids[3]!.fitsRemainder).toBe(false);
  });

  it("breaks a tie by the earlier submission, then ranks unscored bids last", () => {
    const { bids } = rankBids(
      [
        bid("LATE", 4, 1 * M, "2026-06-02"),
        bid("NONE", null, 1 * M, "2026-01-01"),
        bid("EARLY", 4, 1 * M, "2026-06-01"),
      ],
      50 * M,
      LIMIT,
    );
    expect(bids.map((b) => b.ref)).toEqual(["EARLY", "LATE", "NONE"]);
  });

  it("sets a bid above the block-allocation limit apart: never funded from the envelope, whatever its rank", () => {
    const { bids, cutLine } = rankBids([bid("BIG", 5, LIMIT + 1), bid("A", 4, LIMIT)], 50 * M, LIMIT);
    expect(bids.map((b) => [b.ref, b.route, b.aboveLine, b.rank])).toEqual([
      ["A", "BLOCK_ALLOCATION", true, 1],
      ["BIG", "FINANCE_COMMITTEE", false, null],
    ]);
    expect(cutLine.totalAbove).toBe(LIMIT);
    const moved = applyOverrides(
      [bid("BIG", 5, LIMIT + 1)],
      [{ ref: "BIG", aboveLine: true, reason: "x" }],
      50 * M,
      LIMIT,
    );
    expect(moved).toEqual({ ok: false, problem: { key: "fundingRound.errors.committeeBid", values: { ref: "BIG" } } });
  });
});

describe("overrides", () => {
  it("moving the 4M bid above the line funds three (41M)", () => {
    const result = applyOverrides(
      example,
      [{ ref: "D", aboveLine: true, reason: "Statutory deadline" }],
      50 * M,
      LIMIT,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ranking.bids.filter((b) => b.aboveLine).map((b) => b.ref)).toEqual(["A", "B", "D"]);
    expect(result.ranking.cutLine.totalAbove).toBe(41 * M);
  });

  it("moving the 15M bid above the line as well (56M) is refused", () => {
    const result = applyOverrides(
      example,
      [
        { ref: "D", aboveLine: true, reason: "Statutory deadline" },
        { ref: "C", aboveLine: true, reason: "Ministerial priority" },
      ],
      50 * M,
      LIMIT,
    );
    expect(result).toEqual({
      ok: false,
      problem: { key: "fundingRound.errors.overEnvelope", values: { total: 56 * M, envelope: 50 * M } },
    });
  });

  it("moving a bid below the line frees its share of the envelope", () => {
    const result = applyOverrides(
      example,
      [
        { ref: "B", aboveLine: false, reason: "Not ready" },
        { ref: "C", aboveLine: true, reason: "Ready now" },
        { ref: "D", aboveLine: true, reason: "Small" },
      ],
      50 * M,
      LIMIT,
    );
    expect(result.ok && result.ranking.cutLine.totalAbove).toBe(38 * M);
  });

  it("refuses a bid that is not in the round", () => {
    expect(applyOverrides(example, [{ ref: "Z", aboveLine: true, reason: "?" }], 50 * M, LIMIT)).toEqual({
      ok: false,
      problem: { key: "fundingRound.errors.unknownBid", values: { ref: "Z" } },
    });
  });
});

describe("scores", () => {
  it("is the weighted sum on the 1–5 scale", () => {
    const all = (n: number) => Object.fromEntries(DEFAULT_CRITERIA.map((c) => [c.key, n]));
    expect(weightedScore(DEFAULT_CRITERIA, all(5))).toBe(5);
    expect(weightedScore(DEFAULT_CRITERIA, all(1))).toBe(1);
    expect(
      weightedScore(
        [
          { key: "a", weight: 3 },
          { key: "b", weight: 1 },
        ],
        { a: 5, b: 1 },
      ),
    ).toBe(4);
  });

  it("a bid's score is the mean of its ranking scores, null while unscored", () => {
    expect(bidScore([])).toBeNull();
    expect(bidScore([4, 3])).toBe(3.5);
  });
});

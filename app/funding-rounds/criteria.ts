/**
 * The scoring criteria of a funding round and the weighted score of a bid. Pure and browser-safe: the
 * scoring form and the server compute the same number.
 */

export const DEFAULT_CRITERIA = [
  { key: "benefitsAgainstCost", weight: 35 },
  { key: "policyPriority", weight: 25 },
  { key: "urgencyAndRisk", weight: 25 },
  { key: "readiness", weight: 15 },
] as const satisfies readonly Criterion[];

export type Criterion = { key: string; weight: number };

/** Each criterion is scored on this whole-number scale. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/**
 * The weighted score of one scoring: Σ(weight × score) / Σ weight, so that it stays on the 1–5 scale
 * whatever the weights add up to. Rounded to two decimals so that equal marks tie exactly.
 */
export function weightedScore(criteria: readonly Criterion[], scores: Record<string, number>): number {
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (totalWeight <= 0) return 0;
  const sum = criteria.reduce((acc, c) => acc + c.weight * (scores[c.key] ?? 0), 0);
  return Math.round((sum / totalWeight) * 100) / 100;
}

/** The mean of the ranking scores (the lead division's), or null while a bid has none. */
export function bidScore(totals: readonly number[]): number | null {
  if (totals.length === 0) return null;
  return Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 100) / 100;
}

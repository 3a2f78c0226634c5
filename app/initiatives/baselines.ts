/**
 * Baselines and variance (pure; shared by the initiative page, the API and the dashboard). Baseline 1 is
 * the plan as funded; each approved change request adds the next. Health is measured against the current
 * plan — the latest baseline — by delivery-health.ts; slippage and cost growth against the first.
 */
import { daysBetween } from "./delivery-health.ts";

export type BaselineMilestone = { id: string; name: string; due: string; status?: string };

export type BaselineView = {
  number: number;
  plannedEnd: string | null;
  budget: number;
  milestones: BaselineMilestone[];
  /** When it was set: at funding for baseline 1, at the approval for the others. */
  createdAt: string | Date;
};

export type Variance = {
  /** Days the planned end moved against baseline 1 (negative: earlier); null without both dates. */
  slippageDays: number | null;
  /** HK$ funded now minus HK$ funded at baseline 1. */
  costGrowth: number;
  /** Cost growth as a share of baseline 1's funding, in percent to one decimal; null when that was 0. */
  costGrowthPercent: number | null;
};

/** The variance of the current plan against baseline 1. */
export function varianceOf(
  first: Pick<BaselineView, "plannedEnd" | "budget">,
  current: { plannedEnd: string | null; budget: number },
): Variance {
  const slippageDays =
    first.plannedEnd && current.plannedEnd ? daysBetween(first.plannedEnd, current.plannedEnd) : null;
  const costGrowth = current.budget - first.budget;
  const costGrowthPercent = first.budget > 0 ? Math.round((costGrowth / first.budget) * 1000) / 10 : null;
  return { slippageDays, costGrowth, costGrowthPercent };
}

/**
 * The demo portfolio: about ninety digital-government initiatives of many bureaux and departments, in
 * every state and substate of the lifecycle, spread over the financial years 2024-25 to 2026-27.
 *
 * Every initiative is created and moved only through the lifecycle service (createDraft, updateDraft,
 * sendEvent, addComment), each call with a `now` in the past, so that every row, sign-off, funding
 * decision and audit entry is what the real application would have written. Nothing here writes a state
 * or a row directly, except the demo officers of the B/Ds that have no demo officer yet.
 *
 * Deterministic: a seeded pseudo-random generator plans every journey (gaps between events, decisions,
 * reason codes, conditions, milestones), against a fixed "today", so every run builds the same portfolio.
 * The plan is made first for all initiatives, then the events of all of them are replayed in time order,
 * so that audit sequence numbers follow time and reference numbers follow creation dates.
 */
import { db } from "../../../app/utils/db.server.ts";
import { callers } from "./callers.ts";
import { fundingRoundSteps } from "./funding-rounds.ts";
import { planPortfolio } from "./planner.ts";

export { PORTFOLIO_START, PORTFOLIO_TODAY } from "./clock.ts";

/**
 * Builds the demo portfolio through the lifecycle service when there are no initiatives yet. Returns
 * how many initiatives it created (0 when the database already had some).
 */
export async function seedPortfolio(): Promise<number> {
  if ((await db.initiative.count()) > 0) return 0;
  const c = await callers();
  const plans = planPortfolio(c);
  // The funding rounds' steps are replayed in the same time order (after the plans' at the same instant).
  const timeline = [
    ...plans
      .flatMap((plan) => plan.steps.map((step, order) => ({ plan, step, order })))
      .map(({ plan, step, order }) => ({
        at: step.at,
        key: [plan.index, order],
        run: () => step.act(plan, new Date(step.at)),
        what: () => `"${plan.titleEn}" (${plan.ref || "not created"})`,
      })),
    ...fundingRoundSteps(c).map((step, order) => ({
      at: step.at,
      key: [plans.length, order],
      run: () => step.run(new Date(step.at)),
      what: () => `funding rounds: ${step.what}`,
    })),
  ].sort((a, b) => a.at - b.at || a.key[0]! - b.key[0]! || a.key[1]! - b.key[1]!);
  for (const step of timeline) {
    try {
      await step.run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`Demo portfolio: ${step.what()} at ${new Date(step.at).toISOString()}: ${message}`);
    }
  }
  return plans.length;
}

/**
 * The funding rules (DESIGN.md §1), in one place for the machine's guard, the server's refusal and the
 * decision form. The route is decided by what a project REQUESTS, not by what is granted: a request above
 * the block-allocation limit goes to the Finance Committee, and the lead division may not trim it (or split
 * it) to fit the block allocation; a request within the limit is the DPO's to approve. No amount may exceed
 * the request. Pure and browser-safe.
 */

/** HK$20,000,000: the Head 710 Computerisation block allocation's ceiling per project (Subhead A007GX). */
export const DEFAULT_BLOCK_ALLOCATION_LIMIT = 20_000_000;

export type FundingRoute = "APPROVE_FUNDING" | "REFER_TO_FINANCE_COMMITTEE";

/** The rule a funding decision breaks, as the i18n key of its message (shown beside the amount). */
export type FundingRuleKey =
  | "funding.errors.requestAboveLimit"
  | "funding.errors.requestWithinLimit"
  | "funding.errors.aboveRequested"
  | "funding.errors.referAboveLimit";

export type FundingFacts = {
  /** What the proposal requests (its non-recurrent cost). */
  requested: number;
  /** The block-allocation limit in force. */
  limit: number;
  /** The amount the decision grants or refers; absent when not yet given. */
  amount?: number | null;
};

/** The route a request takes: block allocation within the limit, the Finance Committee above it. */
export function fundingRouteOf(requested: number, limit: number): FundingRoute {
  return requested > limit ? "REFER_TO_FINANCE_COMMITTEE" : "APPROVE_FUNDING";
}

/**
 * The first funding rule that `type` with these facts breaks, or null when it keeps them all. Checked in
 * the order people should hear them: the wrong route first, then the amount.
 */
export function fundingRuleBroken(
  type: FundingRoute,
  { requested, limit, amount }: FundingFacts,
): FundingRuleKey | null {
  if (fundingRouteOf(requested, limit) !== type) {
    return type === "APPROVE_FUNDING" ? "funding.errors.requestAboveLimit" : "funding.errors.requestWithinLimit";
  }
  if (amount === undefined || amount === null) return null;
  if (amount > requested) return "funding.errors.aboveRequested";
  // Within the limit anything up to the request may be approved; a referral must itself be above the limit.
  if (type === "REFER_TO_FINANCE_COMMITTEE" && amount <= limit) return "funding.errors.referAboveLimit";
  return null;
}

/** Who approves a change request's money: the lead division, or the Finance Committee (recorded by leadership). */
export type ChangeRoute = "LEAD_DIVISION" | "FINANCE_COMMITTEE";

/**
 * The route of a change request in delivery, by the same rule as a new project's: the new total (what was
 * funded plus the additional money asked for) is what is compared with the limit, so a project cannot
 * reach the Finance Committee's territory in small steps. A change that asks for no money is the lead
 * division's to decide, whatever the project's size.
 */
export function changeRouteOf(funded: number, additional: number, limit: number): ChangeRoute {
  return additional > 0 && fundingRouteOf(funded + additional, limit) === "REFER_TO_FINANCE_COMMITTEE"
    ? "FINANCE_COMMITTEE"
    : "LEAD_DIVISION";
}

/** The limit a machine event carries, or the default when it carries none that makes sense. */
export function limitOrDefault(limit: unknown): number {
  return typeof limit === "number" && Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_BLOCK_ALLOCATION_LIMIT;
}

/** A division's sign-off decision as stored on a round (the review events' past tense). */
export const SIGNOFF_DECISIONS = ["APPROVED", "APPROVED_WITH_CONDITIONS", "CHANGES_REQUESTED", "REJECTED"] as const;
export type SignoffDecision = (typeof SIGNOFF_DECISIONS)[number];

/** A funding decision as stored: the lead division's, then the Finance Committee's. */
export const FUNDING_OUTCOMES = [
  "APPROVED",
  "REFERRED",
  "DEFERRED",
  "REOPENED",
  "REJECTED",
  "FC_APPROVED",
  "FC_REJECTED",
] as const;
export type FundingOutcome = (typeof FUNDING_OUTCOMES)[number];

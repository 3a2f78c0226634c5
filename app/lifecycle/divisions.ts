/**
 * The DPO's fixed vocabularies (divisions, roles, categories, refusal reason codes) and the rule that
 * decides which divisions must sign off a proposal. Browser-safe: no I/O.
 */

/** The DPO's three divisions, in the order every list and region follows. */
export const DIVISIONS = ["DIGITAL_GOVERNMENT", "DATA_GOVERNANCE", "DIGITAL_INFRASTRUCTURE"] as const;
export type Division = (typeof DIVISIONS)[number];

export const ROLES = ["OFFICER", "REVIEWER", "LEADERSHIP", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const CATEGORIES = [
  "E_SERVICE",
  "DATA_SHARING",
  "INFRASTRUCTURE",
  "AI_AUTOMATION",
  "CYBERSECURITY",
  "OTHER",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Why a proposal was sent back, rejected, deferred or paused; `OTHER` when the decider gives none. */
export const REASON_CODES = [
  "INCOMPLETE_BUSINESS_CASE",
  "COST_NOT_JUSTIFIED",
  "DUPLICATES_EXISTING_SYSTEM",
  "DATA_PRIVACY_RISK",
  "SECURITY_RISK",
  "NOT_ALIGNED_WITH_POLICY",
  "FUNDING_PRIORITY",
  "OTHER",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export type RegionKey = "digitalGovernment" | "dataGovernance" | "digitalInfrastructure";

/** The efficiency-review region (a key of the parallel state's value) that belongs to each division. */
export const REGION_OF: Record<Division, RegionKey> = {
  DIGITAL_GOVERNMENT: "digitalGovernment",
  DATA_GOVERNANCE: "dataGovernance",
  DIGITAL_INFRASTRUCTURE: "digitalInfrastructure",
};

const LEAD_BY_CATEGORY: Record<Category, Division> = {
  E_SERVICE: "DIGITAL_GOVERNMENT",
  DATA_SHARING: "DATA_GOVERNANCE",
  INFRASTRUCTURE: "DIGITAL_INFRASTRUCTURE",
  AI_AUTOMATION: "DIGITAL_GOVERNMENT",
  CYBERSECURITY: "DIGITAL_INFRASTRUCTURE",
  OTHER: "DIGITAL_GOVERNMENT",
};

/**
 * The lead division a new proposal starts with for its category. Only a default: the officer may
 * choose another lead before submitting.
 */
export function defaultLeadDivision(category: Category): Division {
  return LEAD_BY_CATEGORY[category];
}

export interface ScopeFlags {
  leadDivision: Division;
  handlesPersonalData: boolean;
  sharesDataAcrossBureaux: boolean;
  /** New hosting, cloud, network, or a cyber-security component. */
  needsNewInfrastructure: boolean;
  /** A citizen-facing e-service. */
  citizenFacing: boolean;
}

/**
 * The divisions whose sign-off a proposal needs, in {@link DIVISIONS} order: the lead always; Data
 * Governance for personal data or cross-B/D sharing; Digital Infrastructure for new infrastructure or
 * cyber-security; Digital Government for citizen-facing e-services.
 */
export function requiredDivisions(scope: ScopeFlags): Division[] {
  const needed = new Set<Division>([scope.leadDivision]);
  if (scope.handlesPersonalData || scope.sharesDataAcrossBureaux) needed.add("DATA_GOVERNANCE");
  if (scope.needsNewInfrastructure) needed.add("DIGITAL_INFRASTRUCTURE");
  if (scope.citizenFacing) needed.add("DIGITAL_GOVERNMENT");
  return DIVISIONS.filter((d) => needed.has(d));
}

/** Type guard for untrusted strings (form fields, database columns). */
export function isDivision(value: unknown): value is Division {
  return typeof value === "string" && (DIVISIONS as readonly string[]).includes(value);
}

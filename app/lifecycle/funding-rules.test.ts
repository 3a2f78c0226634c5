import { describe, expect, it } from "vitest";
import { fundingRouteOf, fundingRuleBroken, limitOrDefault } from "./funding-rules.ts";

const LIMIT = 20_000_000;

describe("funding rules", () => {
  it("routes by the request: within the limit by block allocation, above it to the Finance Committee", () => {
    expect(fundingRouteOf(20_000_000, LIMIT)).toBe("APPROVE_FUNDING");
    expect(fundingRouteOf(20_000_001, LIMIT)).toBe("REFER_TO_FINANCE_COMMITTEE");
  });

  it.each([
    ["APPROVE_FUNDING", 5_000_000, 5_000_000, null],
    ["APPROVE_FUNDING", 5_000_000, 4_000_000, null],
    ["APPROVE_FUNDING", 5_000_000, 5_000_001, "funding.errors.aboveRequested"],
    ["APPROVE_FUNDING", 20_000_001, 20_000_000, "funding.errors.requestAboveLimit"],
    ["APPROVE_FUNDING", 20_000_001, undefined, "funding.errors.requestAboveLimit"],
    ["REFER_TO_FINANCE_COMMITTEE", 5_000_000, 5_000_000, "funding.errors.requestWithinLimit"],
    ["REFER_TO_FINANCE_COMMITTEE", 30_000_000, 30_000_000, null],
    ["REFER_TO_FINANCE_COMMITTEE", 30_000_000, 20_000_001, null],
    ["REFER_TO_FINANCE_COMMITTEE", 30_000_000, 20_000_000, "funding.errors.referAboveLimit"],
    ["REFER_TO_FINANCE_COMMITTEE", 30_000_000, 30_000_001, "funding.errors.aboveRequested"],
  ] as const)("%s of a %i request with %s → %s", (type, requested, amount, expected) => {
    expect(fundingRuleBroken(type, { requested, limit: LIMIT, amount })).toBe(expected);
  });

  it("falls back to the default limit when an event carries none that makes sense", () => {
    expect(limitOrDefault(undefined)).toBe(LIMIT);
    expect(limitOrDefault(-1)).toBe(LIMIT);
    expect(limitOrDefault(25_000_000)).toBe(25_000_000);
  });
});

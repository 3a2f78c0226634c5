import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  EVENT_ERROR_KEYS,
  EVENT_TYPES,
  eventPayloadSchemas,
  isEventType,
  parseEventPayload,
  type EventType,
} from "./events.ts";

function errors(result: z.SafeParseReturnType<unknown, unknown>): Record<string, string> {
  if (result.success) return {};
  // The first message per field, as a form shows it.
  const byPath: Record<string, string> = {};
  for (const i of result.error.issues) byPath[i.path.join(".")] ??= i.message;
  return byPath;
}

/** A minimal valid payload per event type, as JSON. */
const VALID: Record<EventType, Record<string, unknown>> = {
  SUBMIT: {},
  RESUBMIT: {},
  WITHDRAW: { reason: "No longer needed" },
  APPROVE: {},
  APPROVE_WITH_CONDITIONS: { conditions: ["Complete a PIA"] },
  REQUEST_CHANGES: { reason: "Cost breakdown missing" },
  REJECT: { reason: "Duplicates an existing system" },
  DEFER: { reason: "Next funding round" },
  PAUSE: { reason: "Vendor dispute" },
  RESUME: { reason: "Dispute settled" },
  REOPEN: {},
  REBID: { plannedStart: "2027-04-01", plannedEnd: "2028-12-31", nonRecurrentCost: 9_000_000, note: "A year later" },
  APPROVE_FUNDING: { amount: 18_000_000 },
  REFER_TO_FINANCE_COMMITTEE: { amount: 45_000_000 },
  RECORD_FC_APPROVAL: { paperRef: "FCR(2026-27)12", date: "2026-06-19" },
  RECORD_FC_REJECTION: {},
  REPORT_PROGRESS: { milestoneId: "m1", date: "2026-09-01" },
  COMPLETE: {},
  REPORT_BENEFITS: { realisedAnnualSavings: 2_000_000, realisedStaffHoursSaved: 4_000, note: "Audited figures" },
  CLOSE: {},
  MEET_CONDITION: { conditionId: "C1", note: "PIA report attached" },
  REQUEST_CHANGE: { reason: "The supplier is late", plannedEnd: "2028-06-30" },
  WITHDRAW_CHANGE: {},
  APPROVE_CHANGE: {},
  REJECT_CHANGE: { reason: "Not justified" },
};

describe("event payload schemas", () => {
  it("has a schema for every event type and nothing else", () => {
    expect(Object.keys(eventPayloadSchemas).sort()).toEqual([...EVENT_TYPES].sort());
    expect(new Set(EVENT_TYPES).size).toBe(25);
  });

  it.each(EVENT_TYPES.map((t) => [t]))("accepts a minimal valid %s payload", (type) => {
    expect(errors(parseEventPayload(type, VALID[type]))).toEqual({});
  });

  it("strips the request envelope (type, expectedVersion, an actor smuggled in the body)", () => {
    const result = parseEventPayload("APPROVE", {
      type: "APPROVE",
      expectedVersion: 3,
      actor: { role: "ADMIN" },
      comment: " Well argued. ",
    });
    expect(result).toEqual({ success: true, data: { comment: "Well argued." } });
  });

  it("treats a missing body as empty", () => {
    expect(parseEventPayload("COMPLETE", undefined).success).toBe(true);
    expect(errors(parseEventPayload("WITHDRAW", null))).toEqual({ reason: "errors.required" });
  });

  it("recognises event type names", () => {
    expect(isEventType("CLOSE")).toBe(true);
    expect(isEventType("close")).toBe(false);
    expect(isEventType(undefined)).toBe(false);
  });
});

describe("reasons", () => {
  it.each(["REQUEST_CHANGES", "REJECT", "DEFER", "PAUSE"] as const)("%s defaults the reason code to OTHER", (type) => {
    expect(parseEventPayload(type, { reason: "Because" })).toEqual({
      success: true,
      data: { reason: "Because", reasonCode: "OTHER" },
    });
    expect(parseEventPayload(type, { reason: "Because", reasonCode: "" }).data?.reasonCode).toBe("OTHER");
    expect(parseEventPayload(type, { reason: "Because", reasonCode: "SECURITY_RISK" }).data?.reasonCode).toBe(
      "SECURITY_RISK",
    );
  });

  it.each(["REQUEST_CHANGES", "REJECT", "DEFER", "PAUSE", "WITHDRAW", "RESUME"] as const)(
    "%s needs a reason",
    (type) => {
      expect(errors(parseEventPayload(type, {}))).toMatchObject({ reason: "errors.required" });
      expect(errors(parseEventPayload(type, { reason: "   " }))).toMatchObject({ reason: "errors.required" });
      expect(errors(parseEventPayload(type, { reason: "x".repeat(2001) }))).toMatchObject({ reason: "errors.tooLong" });
      expect(parseEventPayload(type, { reason: "x".repeat(2000) }).success).toBe(true);
    },
  );

  it("refuses a reason code outside the list", () => {
    expect(errors(parseEventPayload("REJECT", { reason: "r", reasonCode: "BUDGET" }))).toEqual({
      reasonCode: "errors.invalidChoice",
    });
  });

  it("keeps optional notes optional", () => {
    expect(parseEventPayload("REOPEN", { reason: "" })).toEqual({ success: true, data: {} });
    expect(parseEventPayload("CLOSE", { note: "Benefits realised" }).data).toEqual({ note: "Benefits realised" });
  });
});

describe("APPROVE_WITH_CONDITIONS", () => {
  it("normalises strings and objects to { text, due? }", () => {
    const result = parseEventPayload("APPROVE_WITH_CONDITIONS", {
      conditions: [
        "  Complete a PIA  ",
        { text: "Pen test before launch", due: "2026-12-01" },
        { text: "Use iAM Smart", due: "" },
      ],
    });
    expect(result).toEqual({
      success: true,
      data: {
        conditions: [
          { text: "Complete a PIA" },
          { text: "Pen test before launch", due: "2026-12-01" },
          { text: "Use iAM Smart" },
        ],
      },
    });
  });

  it("reads a textarea: one condition per line, blank lines ignored", () => {
    const result = parseEventPayload("APPROVE_WITH_CONDITIONS", { conditions: "Complete a PIA\r\n\r\n  Pen test  \n" });
    expect(result.data?.conditions).toEqual([{ text: "Complete a PIA" }, { text: "Pen test" }]);
  });

  it("needs at least one condition", () => {
    for (const conditions of [[], undefined, "", "  \n ", [""]]) {
      expect(errors(parseEventPayload("APPROVE_WITH_CONDITIONS", { conditions }))).toEqual({
        conditions: "errors.atLeastOneCondition",
      });
    }
  });

  it("reports a bad condition at its index", () => {
    const result = parseEventPayload("APPROVE_WITH_CONDITIONS", {
      conditions: ["Fine", "x".repeat(1001), { text: "" }, { text: "Dated", due: "2026-02-30" }],
    });
    expect(errors(result)).toEqual({
      "conditions.1.text": "errors.tooLong",
      "conditions.2.text": "errors.required",
      "conditions.3.due": "errors.invalidDate",
    });
  });

  it("caps the number of conditions", () => {
    const many = Array.from({ length: 51 }, (_, i) => `Condition ${i}`);
    expect(errors(parseEventPayload("APPROVE_WITH_CONDITIONS", { conditions: many }))).toEqual({
      conditions: "errors.tooMany",
    });
  });
});

describe("amounts and numbers", () => {
  it.each(["APPROVE_FUNDING", "REFER_TO_FINANCE_COMMITTEE"] as const)(
    "%s reads whole HK$ from JSON or a form",
    (type) => {
      expect(parseEventPayload(type, { amount: 20_000_000 }).data).toEqual({ amount: 20_000_000 });
      expect(parseEventPayload(type, { amount: "20,000,000" }).data).toEqual({ amount: 20_000_000 });
      expect(parseEventPayload(type, { amount: " 1500000 " }).data).toEqual({ amount: 1_500_000 });
    },
  );

  it.each([
    [0, "errors.positiveAmount"],
    [-5, "errors.positiveAmount"],
    ["12.5", "errors.wholeDollars"],
    [0.5, "errors.wholeDollars"],
    ["HK$ lots", "errors.wholeDollars"],
    [true, "errors.wholeDollars"],
    ["", "errors.required"],
    [undefined, "errors.required"],
    [10_000_000_001, "errors.tooLarge"],
  ])("APPROVE_FUNDING refuses amount %j with %s", (amount, key) => {
    expect(errors(parseEventPayload("APPROVE_FUNDING", { amount }))).toEqual({ amount: key });
  });

  it("RECORD_FC_APPROVAL needs a paper reference and a real date; the amount is optional but positive", () => {
    expect(errors(parseEventPayload("RECORD_FC_APPROVAL", {}))).toEqual({
      paperRef: "errors.required",
      date: "errors.required",
    });
    expect(
      errors(parseEventPayload("RECORD_FC_APPROVAL", { paperRef: "x".repeat(51), date: "2026-06-31", amount: "0" })),
    ).toEqual({ paperRef: "errors.tooLong", date: "errors.invalidDate", amount: "errors.positiveAmount" });
    expect(
      parseEventPayload("RECORD_FC_APPROVAL", { paperRef: "FCR(2026-27)12", date: "2026-06-19", amount: "" }).data,
    ).toEqual({
      paperRef: "FCR(2026-27)12",
      date: "2026-06-19",
    });
  });

  it("RECORD_FC_REJECTION takes its details when given", () => {
    expect(
      parseEventPayload("RECORD_FC_REJECTION", { paperRef: "FCR(2026-27)13", date: "2026-07-03", reason: "" }).data,
    ).toEqual({
      paperRef: "FCR(2026-27)13",
      date: "2026-07-03",
    });
    expect(errors(parseEventPayload("RECORD_FC_REJECTION", { date: "3 July" }))).toEqual({
      date: "errors.invalidDate",
    });
  });

  it("REPORT_BENEFITS reads form strings and refuses negatives and fractions", () => {
    expect(
      parseEventPayload("REPORT_BENEFITS", {
        realisedAnnualSavings: "2,500,000",
        realisedStaffHoursSaved: "0",
        note: "Audited",
      }).data,
    ).toEqual({ realisedAnnualSavings: 2_500_000, realisedStaffHoursSaved: 0, note: "Audited" });
    expect(
      errors(
        parseEventPayload("REPORT_BENEFITS", { realisedAnnualSavings: -1, realisedStaffHoursSaved: "1.5", note: "" }),
      ),
    ).toEqual({
      realisedAnnualSavings: "errors.notNegative",
      realisedStaffHoursSaved: "errors.wholeNumber",
      note: "errors.required",
    });
  });

  it("REPORT_PROGRESS and MEET_CONDITION need their ids", () => {
    expect(errors(parseEventPayload("REPORT_PROGRESS", { date: "2026-13-01" }))).toEqual({
      milestoneId: "errors.required",
      date: "errors.invalidDate",
    });
    expect(errors(parseEventPayload("MEET_CONDITION", { conditionId: " ", note: "x".repeat(2001) }))).toEqual({
      conditionId: "errors.required",
      note: "errors.tooLong",
    });
  });
});

describe("error keys", () => {
  it("every message produced is a listed i18n key", () => {
    const junk = [{}, { reason: 5, amount: "x", conditions: 7, date: 1, note: [], paperRef: {}, reasonCode: 3 }];
    for (const type of EVENT_TYPES) {
      for (const input of junk) {
        const result = parseEventPayload(type, input);
        for (const issue of result.success ? [] : result.error.issues) {
          expect(EVENT_ERROR_KEYS, `${type}: ${issue.path.join(".")}`).toContain(issue.message);
        }
      }
    }
  });

  it("keys look like i18n keys", () => {
    for (const key of EVENT_ERROR_KEYS) expect(key).toMatch(/^errors\.[a-zA-Z]+$/);
  });
});

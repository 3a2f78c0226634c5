import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  CATEGORIES,
  defaultLeadDivision,
  DIVISIONS,
  REGION_OF,
  requiredDivisions,
  type Division,
} from "../lifecycle/divisions.ts";
import {
  isIsoDate,
  PROPOSAL_ERROR_KEYS,
  proposalDraftSchema,
  proposalSubmissionSchema,
  requestedAmount,
} from "./proposal.schema.ts";

const complete = {
  titleEn: "Smart Tender Platform",
  titleZh: "智能招標平台",
  category: "E_SERVICE",
  leadDivision: "DIGITAL_GOVERNMENT",
  summary: "An online platform for government tenders.",
  handlesPersonalData: true,
  sharesDataAcrossBureaux: false,
  needsNewInfrastructure: true,
  citizenFacing: true,
  nonRecurrentCost: 12_500_000,
  recurrentCost: 800_000,
  expectedAnnualSavings: 3_000_000,
  expectedStaffHoursSaved: 9_000,
  plannedStart: "2026-04-01",
  plannedEnd: "2027-03-31",
  milestones: [
    { name: "Contract awarded", due: "2026-04-01" },
    { id: "ms-2", name: "Launch", due: "2027-03-31" },
  ],
};

/** The same proposal as an HTML form posts it: every value a string. */
const asForm = {
  titleEn: "  Smart Tender Platform ",
  titleZh: "智能招標平台",
  category: "E_SERVICE",
  leadDivision: "DIGITAL_GOVERNMENT",
  summary: "An online platform for government tenders.",
  handlesPersonalData: "on",
  needsNewInfrastructure: "true",
  citizenFacing: "1",
  nonRecurrentCost: "12,500,000",
  recurrentCost: "800000",
  expectedAnnualSavings: " 3,000,000 ",
  expectedStaffHoursSaved: "9,000",
  plannedStart: "2026-04-01",
  plannedEnd: "2027-03-31",
  milestones: [
    { id: "", name: "Contract awarded", due: "2026-04-01" },
    { id: "ms-2", name: "Launch", due: "2027-03-31" },
    { id: "", name: "", due: "" },
  ],
  intent: "submit",
};

function errors(result: z.SafeParseReturnType<unknown, unknown>): Record<string, string> {
  if (result.success) return {};
  // The first message per field, as a form shows it.
  const byPath: Record<string, string> = {};
  for (const i of result.error.issues) byPath[i.path.join(".")] ??= i.message;
  return byPath;
}

describe("proposalSubmissionSchema", () => {
  it("accepts a complete JSON proposal", () => {
    const result = proposalSubmissionSchema.safeParse(complete);
    expect(errors(result)).toEqual({});
    expect(result.success && result.data).toEqual(complete);
  });

  it("reads the same proposal from form strings, dropping a blank trailing milestone row", () => {
    const result = proposalSubmissionSchema.safeParse(asForm);
    expect(errors(result)).toEqual({});
    expect(result.success && result.data).toEqual({
      ...complete,
      milestones: [
        { name: "Contract awarded", due: "2026-04-01" },
        { id: "ms-2", name: "Launch", due: "2027-03-31" },
      ],
    });
  });

  it("treats an absent checkbox as false and drops unknown fields", () => {
    const { sharesDataAcrossBureaux: _a, citizenFacing: _b, ...rest } = complete;
    const result = proposalSubmissionSchema.safeParse({ ...rest, _csrf: "x" });
    expect(result.success && result.data).toMatchObject({ sharesDataAcrossBureaux: false, citizenFacing: false });
    expect(result.success && "_csrf" in result.data).toBe(false);
  });

  it.each([
    [true, true],
    ["on", true],
    ["true", true],
    ["1", true],
    [1, true],
    [false, false],
    ["false", false],
    ["0", false],
    ["off", false],
    ["", false],
  ])("reads the checkbox value %j as %s", (value, expected) => {
    const result = proposalSubmissionSchema.safeParse({ ...complete, citizenFacing: value });
    expect(result.success && result.data.citizenFacing).toBe(expected);
  });

  it("reports every missing field at once, with i18n keys", () => {
    expect(errors(proposalSubmissionSchema.safeParse({}))).toEqual({
      titleEn: "errors.required",
      titleZh: "errors.required",
      category: "errors.required",
      leadDivision: "errors.required",
      summary: "errors.required",
      nonRecurrentCost: "errors.required",
      recurrentCost: "errors.required",
      expectedAnnualSavings: "errors.required",
      expectedStaffHoursSaved: "errors.required",
      plannedStart: "errors.required",
      plannedEnd: "errors.required",
      milestones: "errors.atLeastOneMilestone",
    });
  });

  it("treats blank, whitespace and null as missing", () => {
    expect(
      errors(proposalSubmissionSchema.safeParse({ ...complete, titleEn: "   ", summary: null, recurrentCost: "" })),
    ).toEqual({
      titleEn: "errors.required",
      summary: "errors.required",
      recurrentCost: "errors.required",
    });
  });

  it.each([
    ["titleEn", "x".repeat(201), "errors.tooLong"],
    ["titleZh", "字".repeat(201), "errors.tooLong"],
    ["summary", "x".repeat(5001), "errors.tooLong"],
    ["category", "BLOCKCHAIN", "errors.invalidChoice"],
    ["leadDivision", "EFFICIENCY_OFFICE", "errors.invalidChoice"],
    ["citizenFacing", "maybe", "errors.invalidValue"],
    ["titleEn", 42, "errors.invalidValue"],
    ["nonRecurrentCost", "12.50", "errors.wholeDollars"],
    ["nonRecurrentCost", 1.5, "errors.wholeDollars"],
    ["nonRecurrentCost", "twelve", "errors.wholeDollars"],
    ["nonRecurrentCost", "1,2,3", "errors.wholeDollars"],
    ["nonRecurrentCost", 0, "errors.positiveAmount"],
    ["recurrentCost", -1, "errors.notNegative"],
    ["recurrentCost", "-5", "errors.notNegative"],
    ["expectedAnnualSavings", 10_000_000_001, "errors.tooLarge"],
    ["expectedStaffHoursSaved", "7.5", "errors.wholeNumber"],
    ["plannedStart", "2026-02-30", "errors.invalidDate"],
    ["plannedStart", "01/04/2026", "errors.invalidDate"],
    ["plannedStart", 20260401, "errors.invalidDate"],
  ])("rejects %s = %j with %s", (field, value, key) => {
    expect(errors(proposalSubmissionSchema.safeParse({ ...complete, [field]: value }))[field]).toBe(key);
  });

  it("accepts the boundaries: 200-character titles, zero recurrent cost, HK$2 billion, 29 February of a leap year", () => {
    const result = proposalSubmissionSchema.safeParse({
      ...complete,
      titleEn: "x".repeat(200),
      recurrentCost: 0,
      expectedAnnualSavings: 2_000_000_000,
      plannedStart: "2028-02-29",
      plannedEnd: "2028-12-31",
      milestones: [{ name: "Start", due: "2028-02-29" }],
    });
    expect(errors(result)).toEqual({});
  });

  it("puts an end date on or before the start on plannedEnd", () => {
    for (const plannedEnd of ["2026-04-01", "2026-03-31"]) {
      expect(errors(proposalSubmissionSchema.safeParse({ ...complete, plannedEnd, milestones: [] }))).toEqual({
        plannedEnd: "errors.endBeforeStart",
        milestones: "errors.atLeastOneMilestone",
      });
    }
  });

  it("puts a milestone outside the timeline on that milestone's due date", () => {
    const milestones = [
      { name: "Too early", due: "2026-03-31" },
      { name: "On the first day", due: "2026-04-01" },
      { name: "Too late", due: "2027-04-01" },
    ];
    expect(errors(proposalSubmissionSchema.safeParse({ ...complete, milestones }))).toEqual({
      "milestones.0.due": "errors.milestoneOutsideTimeline",
      "milestones.2.due": "errors.milestoneOutsideTimeline",
    });
  });

  it("reports each milestone field on its own path", () => {
    const milestones = [
      { name: "", due: "2026-05-01" },
      { name: "x".repeat(201), due: "2026-13-01" },
      { name: "Launch" },
    ];
    expect(errors(proposalSubmissionSchema.safeParse({ ...complete, milestones }))).toEqual({
      "milestones.0.name": "errors.required",
      "milestones.1.name": "errors.tooLong",
      "milestones.1.due": "errors.invalidDate",
      "milestones.2.due": "errors.required",
    });
  });

  it("caps milestones at 50", () => {
    const milestones = Array.from({ length: 51 }, (_, i) => ({ name: `M${i}`, due: "2026-06-01" }));
    expect(errors(proposalSubmissionSchema.safeParse({ ...complete, milestones })).milestones).toBe("errors.tooMany");
    expect(errors(proposalSubmissionSchema.safeParse({ ...complete, milestones: milestones.slice(0, 50) }))).toEqual(
      {},
    );
  });

  it("still checks the timeline when other fields are missing", () => {
    const { titleZh: _t, ...rest } = complete;
    expect(errors(proposalSubmissionSchema.safeParse({ ...rest, plannedEnd: "2025-01-01" }))).toEqual({
      titleZh: "errors.required",
      plannedEnd: "errors.endBeforeStart",
    });
  });

  it("uses only the listed error keys", () => {
    const inputs = [
      {},
      { ...complete, nonRecurrentCost: "x", plannedEnd: "2020-01-01" },
      { milestones: "nope" },
      asForm,
    ];
    for (const input of inputs) {
      const result = proposalSubmissionSchema.safeParse(input);
      for (const issue of result.success ? [] : result.error.issues) {
        expect(PROPOSAL_ERROR_KEYS).toContain(issue.message);
      }
    }
  });
});

describe("proposalDraftSchema", () => {
  it("saves with a title only, in either language", () => {
    expect(proposalDraftSchema.safeParse({ titleEn: "Draft" }).success).toBe(true);
    expect(proposalDraftSchema.safeParse({ titleZh: "草稿" })).toEqual({ success: true, data: { titleZh: "草稿" } });
  });

  it("needs a title in at least one language, reported on titleEn", () => {
    expect(errors(proposalDraftSchema.safeParse({}))).toEqual({ titleEn: "errors.titleRequired" });
    expect(errors(proposalDraftSchema.safeParse({ titleEn: " ", titleZh: "" }))).toEqual({
      titleEn: "errors.titleRequired",
    });
  });

  it("coerces form strings and leaves absent fields absent", () => {
    const result = proposalDraftSchema.safeParse({
      titleEn: "Draft",
      nonRecurrentCost: "1,200,000",
      recurrentCost: "",
      handlesPersonalData: "on",
      plannedStart: "",
      milestones: [{ name: "", due: "" }],
    });
    expect(result).toEqual({
      success: true,
      data: { titleEn: "Draft", nonRecurrentCost: 1_200_000, handlesPersonalData: true, milestones: [] },
    });
  });

  it("still enforces types of the values given", () => {
    expect(
      errors(
        proposalDraftSchema.safeParse({
          titleEn: "Draft",
          nonRecurrentCost: "lots",
          plannedStart: "2026-02-29",
          category: "NOPE",
          milestones: [{ name: "Kick-off" }],
        }),
      ),
    ).toEqual({
      nonRecurrentCost: "errors.wholeDollars",
      plannedStart: "errors.invalidDate",
      category: "errors.invalidChoice",
      "milestones.0.due": "errors.required",
    });
  });

  it("allows an incomplete timeline and zero costs while drafting", () => {
    const result = proposalDraftSchema.safeParse({
      titleEn: "Draft",
      nonRecurrentCost: 0,
      plannedStart: "2027-01-01",
      plannedEnd: "2026-01-01",
      milestones: [],
    });
    expect(result.success).toBe(true);
  });
});

describe("requestedAmount", () => {
  it("is the non-recurrent cost", () => {
    const parsed = proposalSubmissionSchema.parse(complete);
    expect(requestedAmount(parsed)).toBe(12_500_000);
  });
});

describe("isIsoDate", () => {
  it.each([
    ["2026-01-31", true],
    ["2024-02-29", true],
    ["2000-02-29", true],
    ["1900-02-29", false],
    ["2026-02-29", false],
    ["2026-04-31", false],
    ["2026-00-10", false],
    ["2026-1-1", false],
    ["2026-01-01T00:00:00Z", false],
    [20260101, false],
  ])("%j → %s", (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe("divisions", () => {
  it("maps each category to its default lead division", () => {
    expect(Object.fromEntries(CATEGORIES.map((c) => [c, defaultLeadDivision(c)]))).toEqual({
      E_SERVICE: "DIGITAL_GOVERNMENT",
      DATA_SHARING: "DATA_GOVERNANCE",
      INFRASTRUCTURE: "DIGITAL_INFRASTRUCTURE",
      AI_AUTOMATION: "DIGITAL_GOVERNMENT",
      CYBERSECURITY: "DIGITAL_INFRASTRUCTURE",
      OTHER: "DIGITAL_GOVERNMENT",
    });
  });

  it("names a distinct efficiency-review region for each division", () => {
    expect(new Set(DIVISIONS.map((d) => REGION_OF[d])).size).toBe(3);
  });

  const none = {
    handlesPersonalData: false,
    sharesDataAcrossBureaux: false,
    needsNewInfrastructure: false,
    citizenFacing: false,
  };
  it.each<[string, Partial<typeof none> & { leadDivision: Division }, Division[]]>([
    ["the lead alone", { leadDivision: "DATA_GOVERNANCE" }, ["DATA_GOVERNANCE"]],
    [
      "personal data",
      { leadDivision: "DIGITAL_GOVERNMENT", handlesPersonalData: true },
      ["DIGITAL_GOVERNMENT", "DATA_GOVERNANCE"],
    ],
    [
      "cross-B/D sharing",
      { leadDivision: "DIGITAL_INFRASTRUCTURE", sharesDataAcrossBureaux: true },
      ["DATA_GOVERNANCE", "DIGITAL_INFRASTRUCTURE"],
    ],
    [
      "new infrastructure",
      { leadDivision: "DATA_GOVERNANCE", needsNewInfrastructure: true },
      ["DATA_GOVERNANCE", "DIGITAL_INFRASTRUCTURE"],
    ],
    [
      "citizen-facing",
      { leadDivision: "DIGITAL_INFRASTRUCTURE", citizenFacing: true },
      ["DIGITAL_GOVERNMENT", "DIGITAL_INFRASTRUCTURE"],
    ],
    [
      "a flag that repeats the lead",
      { leadDivision: "DATA_GOVERNANCE", handlesPersonalData: true },
      ["DATA_GOVERNANCE"],
    ],
    [
      "everything",
      {
        leadDivision: "DIGITAL_INFRASTRUCTURE",
        handlesPersonalData: true,
        needsNewInfrastructure: true,
        citizenFacing: true,
      },
      ["DIGITAL_GOVERNMENT", "DATA_GOVERNANCE", "DIGITAL_INFRASTRUCTURE"],
    ],
  ])("requiredDivisions: %s", (_name, scope, expected) => {
    expect(requiredDivisions({ ...none, ...scope })).toEqual(expected);
  });
});

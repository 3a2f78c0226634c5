/**
 * The proposal's zod schemas, shared by react-hook-form in the browser and by the server. One schema
 * accepts both JSON values and HTML form strings ("1,200,000", "on", ""), so the pages, the JSON API and
 * the machine's `proposalComplete` guard all agree on what a complete proposal is.
 *
 * Error messages are i18n keys (see {@link PROPOSAL_ERROR_KEYS}); the UI translates them.
 */
import { z } from "zod";
import { CATEGORIES, DIVISIONS } from "../lifecycle/divisions.ts";

/** Every message this module (and the event schemas built from its field helpers) can produce. */
export const PROPOSAL_ERROR_KEYS = [
  "errors.required",
  "errors.titleRequired",
  "errors.tooLong",
  "errors.tooMany",
  "errors.invalidValue",
  "errors.invalidChoice",
  "errors.invalidDate",
  "errors.wholeDollars",
  "errors.wholeNumber",
  "errors.notNegative",
  "errors.positiveAmount",
  "errors.tooLarge",
  "errors.endBeforeStart",
  "errors.milestoneOutsideTimeline",
  "errors.atLeastOneMilestone",
] as const;
export type ProposalErrorKey = (typeof PROPOSAL_ERROR_KEYS)[number];

// A typo in a key would surface as an untranslated string in the UI; routing every message through
// this function makes the compiler catch it.
const E = (key: ProposalErrorKey) => key;

/**
 * The largest amount any money field accepts: HK$2 billion, far above any single computerisation
 * project, and safely inside the 32-bit integer columns that both SQLite and PostgreSQL give Prisma Int.
 */
export const MAX_HKD = 2_000_000_000;
export const MAX_MILESTONES = 50;

// ---------------------------------------------------------------------------------------------------
// Coercion: the same schema reads JSON and form posts. Absent, null and blank all mean "not given".
// ---------------------------------------------------------------------------------------------------

function blankToUndefined(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") {
    const trimmed = value.trim();
    return trimmed === "" ? undefined : trimmed;
  }
  return value;
}

// Commas are accepted only as thousands separators, so "1,2,3" is an error rather than 123.
const NUMERIC = /^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;

function toNumber(value: unknown): unknown {
  const v = blankToUndefined(value);
  if (typeof v !== "string") return v;
  const compact = v.replace(/\s/g, "");
  return NUMERIC.test(compact) ? Number(compact.replace(/,/g, "")) : v;
}

const TRUE_STRINGS = new Set(["true", "on", "1", "yes"]);
const FALSE_STRINGS = new Set(["false", "off", "0", "no"]);

function toBoolean(value: unknown): unknown {
  const v = blankToUndefined(value);
  if (typeof v === "string") {
    const lower = v.toLowerCase();
    if (TRUE_STRINGS.has(lower)) return true;
    if (FALSE_STRINGS.has(lower)) return false;
  }
  if (v === 1) return true;
  if (v === 0) return false;
  return v;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is false). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

// `refine` (not a type error) reports a missing required value: zod keeps parsing the rest of the
// object after a refinement fails, so the cross-field checks still run and a form shows every error
// at once instead of one layer at a time.
function isPresent<T>(value: T | undefined): value is T {
  return value !== undefined;
}

const trimmedString = (max: number) =>
  z.string({ invalid_type_error: E("errors.invalidValue") }).max(max, E("errors.tooLong"));

const isoDateString = () =>
  z.string({ invalid_type_error: E("errors.invalidDate") }).refine(isIsoDate, E("errors.invalidDate"));

const wholeAmount = (min: 0 | 1) =>
  z
    .number({ invalid_type_error: E("errors.wholeDollars") })
    .int(E("errors.wholeDollars"))
    .min(min, min === 0 ? E("errors.notNegative") : E("errors.positiveAmount"))
    .max(MAX_HKD, E("errors.tooLarge"));

const wholeCount = () =>
  z
    .number({ invalid_type_error: E("errors.wholeNumber") })
    .int(E("errors.wholeNumber"))
    .min(0, E("errors.notNegative"))
    .max(MAX_HKD, E("errors.tooLarge"));

/**
 * Field builders shared with the event schemas, each accepting JSON values and form strings alike.
 * `required*` variants report `errors.required` when the value is absent, null or blank.
 */
export const field = {
  optionalText: (max: number) => z.preprocess(blankToUndefined, trimmedString(max).optional()),
  requiredText: (max: number) =>
    z.preprocess(blankToUndefined, trimmedString(max).optional().refine(isPresent, E("errors.required"))),
  optionalDate: () => z.preprocess(blankToUndefined, isoDateString().optional()),
  requiredDate: () =>
    z.preprocess(blankToUndefined, isoDateString().optional().refine(isPresent, E("errors.required"))),
  /** Whole, non-negative HK$. */
  optionalMoney: () => z.preprocess(toNumber, wholeAmount(0).optional()),
  requiredMoney: () => z.preprocess(toNumber, wholeAmount(0).optional().refine(isPresent, E("errors.required"))),
  /** Whole HK$ greater than zero: what a funding decision may grant. */
  optionalPositiveMoney: () => z.preprocess(toNumber, wholeAmount(1).optional()),
  requiredPositiveMoney: () =>
    z.preprocess(toNumber, wholeAmount(1).optional().refine(isPresent, E("errors.required"))),
  optionalCount: () => z.preprocess(toNumber, wholeCount().optional()),
  requiredCount: () => z.preprocess(toNumber, wholeCount().optional().refine(isPresent, E("errors.required"))),
  optionalBoolean: () =>
    z.preprocess(toBoolean, z.boolean({ invalid_type_error: E("errors.invalidValue") }).optional()),
  /** An unticked checkbox is simply absent from a form post, so absent means false. */
  booleanDefaultFalse: () =>
    z.preprocess(toBoolean, z.boolean({ invalid_type_error: E("errors.invalidValue") }).default(false)),
  optionalEnum: <T extends readonly [string, ...string[]]>(values: T) =>
    z.preprocess(
      blankToUndefined,
      z.enum(values, { errorMap: () => ({ message: E("errors.invalidChoice") }) }).optional(),
    ),
  requiredEnum: <T extends readonly [string, ...string[]]>(values: T) =>
    z.preprocess(
      blankToUndefined,
      z
        .enum(values, { errorMap: () => ({ message: E("errors.invalidChoice") }) })
        .optional()
        .refine(isPresent, E("errors.required")),
    ),
};

/**
 * Form posts usually carry one spare, empty row for adding a line; dropping empty rows at the end (and
 * only there) keeps every remaining row's index, so errors still point at the right row.
 */
export function dropTrailingBlankRows(value: unknown, keys: readonly string[]): unknown {
  if (!Array.isArray(value)) return value;
  const rows = [...value];
  const isBlank = (row: unknown) =>
    row === null ||
    row === undefined ||
    (typeof row === "string" && row.trim() === "") ||
    (typeof row === "object" && keys.every((k) => blankToUndefined((row as Record<string, unknown>)[k]) === undefined));
  while (rows.length > 0 && isBlank(rows[rows.length - 1])) rows.pop();
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// The proposal
// ---------------------------------------------------------------------------------------------------

const milestoneSchema = z.object({
  id: field.optionalText(100),
  name: field.requiredText(200),
  due: field.requiredDate(),
});

const milestoneList = () =>
  z.array(milestoneSchema, { invalid_type_error: E("errors.invalidValue") }).max(MAX_MILESTONES, E("errors.tooMany"));

const milestonesPreprocess = (value: unknown) => dropTrailingBlankRows(blankToUndefined(value), ["id", "name", "due"]);

const draftShape = {
  titleEn: field.optionalText(200),
  titleZh: field.optionalText(200),
  category: field.optionalEnum(CATEGORIES),
  leadDivision: field.optionalEnum(DIVISIONS),
  summary: field.optionalText(5000),
  handlesPersonalData: field.optionalBoolean(),
  sharesDataAcrossBureaux: field.optionalBoolean(),
  needsNewInfrastructure: field.optionalBoolean(),
  citizenFacing: field.optionalBoolean(),
  nonRecurrentCost: field.optionalMoney(),
  recurrentCost: field.optionalMoney(),
  expectedAnnualSavings: field.optionalMoney(),
  expectedStaffHoursSaved: field.optionalCount(),
  plannedStart: field.optionalDate(),
  plannedEnd: field.optionalDate(),
  milestones: z.preprocess(milestonesPreprocess, milestoneList().optional()),
};

const submissionShape = {
  titleEn: field.requiredText(200),
  titleZh: field.requiredText(200),
  category: field.requiredEnum(CATEGORIES),
  leadDivision: field.requiredEnum(DIVISIONS),
  summary: field.requiredText(5000),
  handlesPersonalData: field.booleanDefaultFalse(),
  sharesDataAcrossBureaux: field.booleanDefaultFalse(),
  needsNewInfrastructure: field.booleanDefaultFalse(),
  citizenFacing: field.booleanDefaultFalse(),
  // The block allocation funds the one-off cost; a proposal asking for nothing could never pass the
  // funding stage, so a submission must request something.
  nonRecurrentCost: field.requiredPositiveMoney(),
  recurrentCost: field.requiredMoney(),
  expectedAnnualSavings: field.requiredMoney(),
  expectedStaffHoursSaved: field.requiredCount(),
  plannedStart: field.requiredDate(),
  plannedEnd: field.requiredDate(),
  milestones: z.preprocess(
    milestonesPreprocess,
    milestoneList()
      .optional()
      .refine(
        (list): list is z.output<typeof milestoneSchema>[] => list !== undefined && list.length > 0,
        E("errors.atLeastOneMilestone"),
      ),
  ),
};

/**
 * A saved draft: every field optional (types still enforced when a value is given), but the draft needs
 * a title in at least one language so that it can be found in the register.
 */
export const proposalDraftSchema = z.preprocess((value, ctx) => {
  // Checked before the fields (a refinement after them would be skipped when any field is invalid), so
  // a missing title is reported together with every other error.
  const v = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const hasTitle = (t: unknown) => typeof t === "string" && t.trim() !== "";
  if (!hasTitle(v.titleEn) && !hasTitle(v.titleZh)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["titleEn"], message: E("errors.titleRequired") });
  }
  return value;
}, z.object(draftShape));

/**
 * A proposal ready for efficiency review: every field required, the timeline in order, at least one
 * milestone and each milestone inside the timeline (start and end inclusive).
 */
export const proposalSubmissionSchema = z.object(submissionShape).superRefine((p, ctx) => {
  // Fields may be invalid here (their own issues are already recorded): compare only what parsed.
  const start = isIsoDate(p.plannedStart) ? p.plannedStart : undefined;
  const end = isIsoDate(p.plannedEnd) ? p.plannedEnd : undefined;
  if (start && end && end <= start) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["plannedEnd"], message: E("errors.endBeforeStart") });
  }
  if (!start || !end || end <= start || !Array.isArray(p.milestones)) return;
  p.milestones.forEach((m, i) => {
    if (isIsoDate(m?.due) && (m.due < start || m.due > end)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["milestones", i, "due"],
        message: E("errors.milestoneOutsideTimeline"),
      });
    }
  });
});

export type ProposalDraft = z.output<typeof proposalDraftSchema>;
export type ProposalSubmission = z.output<typeof proposalSubmissionSchema>;
export type ProposalMilestone = z.output<typeof milestoneSchema>;

type DraftShape = typeof draftShape;

/** The proposal's own fields (its milestone list aside): the keys of the schema's shape. */
export type ProposalField = Exclude<keyof DraftShape, "milestones">;
/** The yes/no fields (checkboxes on the form, columns that default to false). */
export type ProposalFlagField = {
  [K in ProposalField]: NonNullable<z.output<DraftShape[K]>> extends boolean ? K : never;
}[ProposalField];
export type ProposalTextField = Exclude<ProposalField, ProposalFlagField>;

function isBooleanSchema(schema: z.ZodTypeAny): boolean {
  let inner = schema;
  for (;;) {
    if (inner instanceof z.ZodEffects) inner = inner.innerType();
    else if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner._def.innerType;
    else return inner instanceof z.ZodBoolean;
  }
}

// Derived from the schema, so that a new field reaches the columns, the form post and the form values at once.
/** Every proposal field, in the form's order. */
export const PROPOSAL_FIELDS: readonly ProposalField[] = Object.keys(draftShape).filter(
  (k): k is ProposalField => k !== "milestones",
);
/** The yes/no fields. */
export const FLAG_FIELDS: readonly ProposalFlagField[] = PROPOSAL_FIELDS.filter((k): k is ProposalFlagField =>
  isBooleanSchema(draftShape[k]),
);
/** The fields a form holds as text (numbers and dates included). */
export const TEXT_FIELDS: readonly ProposalTextField[] = PROPOSAL_FIELDS.filter(
  (k): k is ProposalTextField => !isBooleanSchema(draftShape[k]),
);

/**
 * What a proposal form holds before parsing (react-hook-form's field values): text inputs give
 * strings, checkboxes booleans, JSON clients numbers.
 */
export type ProposalFormValues = {
  [K in ProposalTextField]?: NonNullable<z.output<DraftShape[K]>> extends number ? number | string : string;
} & { [K in ProposalFlagField]?: boolean | string } & {
  milestones?: { id?: string; name?: string; due?: string }[];
};

/**
 * The amount a proposal asks the DPO to fund: its non-recurrent (one-off) cost, because the Capital
 * Works Reserve Fund block allocation funds one-off computerisation costs only; recurrent costs are met
 * from the B/D's own recurrent provision.
 */
export function requestedAmount(p: Pick<ProposalSubmission, "nonRecurrentCost">): number {
  return p.nonRecurrentCost;
}

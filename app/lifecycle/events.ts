/**
 * zod schemas for what a client sends with each lifecycle event (the API body or the decision form),
 * before the server adds the actor, the stored proposal or the block-allocation limit. The same
 * coercion as the proposal form applies, so HTML form strings and JSON values both parse.
 */
import { z } from "zod";
import { REASON_CODES } from "./divisions.ts";
import { dropTrailingBlankRows, field, PROPOSAL_ERROR_KEYS } from "../initiatives/proposal.schema.ts";

export const EVENT_TYPES = [
  "SUBMIT",
  "RESUBMIT",
  "WITHDRAW",
  "APPROVE",
  "APPROVE_WITH_CONDITIONS",
  "REQUEST_CHANGES",
  "REJECT",
  "DEFER",
  "PAUSE",
  "RESUME",
  "REOPEN",
  "REBID",
  "APPROVE_FUNDING",
  "REFER_TO_FINANCE_COMMITTEE",
  "RECORD_FC_APPROVAL",
  "RECORD_FC_REJECTION",
  "REPORT_PROGRESS",
  "COMPLETE",
  "REPORT_BENEFITS",
  "CLOSE",
  "MEET_CONDITION",
  "REQUEST_CHANGE",
  "WITHDRAW_CHANGE",
  "APPROVE_CHANGE",
  "REJECT_CHANGE",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Every message the event schemas can produce: the proposal's keys (the field helpers are shared) plus
 * the one that only decisions use.
 */
export const EVENT_ERROR_KEYS = [
  ...PROPOSAL_ERROR_KEYS,
  "errors.atLeastOneCondition",
  "errors.changeNeedsContent",
  "errors.duplicateMilestone",
] as const;
export type EventErrorKey = (typeof EVENT_ERROR_KEYS)[number];

export const MAX_REASON = 2000;
export const MAX_CONDITION = 1000;
export const MAX_CONDITIONS = 50;
export const MAX_CHANGE_MILESTONES = 50;

const reason = () => field.requiredText(MAX_REASON);

/** A refusal or hold: a free-text reason plus a code from the fixed list, so refusals can be analysed. */
const coded = () =>
  z.object({
    reason: reason(),
    reasonCode: z.preprocess(
      (v) => ((typeof v === "string" && v.trim() === "") || v === null ? undefined : v),
      z.enum(REASON_CODES, { errorMap: () => ({ message: "errors.invalidChoice" }) }).default("OTHER"),
    ),
  });

const conditionSchema = z.preprocess(
  // A bare string is the common case (a textarea line, an API string array); normalise it to an object.
  (v) => (typeof v === "string" ? { text: v } : v),
  z.object(
    { text: field.requiredText(MAX_CONDITION), due: field.optionalDate() },
    { invalid_type_error: "errors.invalidValue" },
  ),
);

const conditions = z.preprocess(
  (v) => {
    // A single textarea posts one string: one condition per line.
    if (typeof v === "string")
      return v
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
    return dropTrailingBlankRows(v, ["text", "due"]);
  },
  z
    .array(conditionSchema, {
      required_error: "errors.atLeastOneCondition",
      invalid_type_error: "errors.invalidValue",
    })
    .min(1, "errors.atLeastOneCondition")
    .max(MAX_CONDITIONS, "errors.tooMany"),
);

/** One milestone of a change request's new plan: an open milestone (with its id) re-dated, or a new one. */
const changeMilestone = z.object(
  { id: field.optionalText(100), name: field.requiredText(200), due: field.requiredDate() },
  { invalid_type_error: "errors.invalidValue" },
);

/**
 * A change request: the new plan for what is not yet done. `milestones`, when given, is the whole list of
 * open milestones after the change (an open one left out is removed; one without an id is added); done
 * milestones are history and are never listed. At least one of the plan's parts must be given.
 */
const requestChange = z.object({
  reason: reason(),
  plannedEnd: field.optionalDate(),
  milestones: z.preprocess(
    (v) => dropTrailingBlankRows(v, ["id", "name", "due"]),
    z
      .array(changeMilestone, { invalid_type_error: "errors.invalidValue" })
      .max(MAX_CHANGE_MILESTONES, "errors.tooMany")
      .optional(),
  ),
  additionalFunding: field.optionalPositiveMoney(),
});

/**
 * Rules across a change request's fields, kept apart from its object schema so that the API contract can
 * still extend the object: something must change, and no milestone may be listed twice.
 */
function checkChange(c: z.output<typeof requestChange>, ctx: z.RefinementCtx) {
  if (c.plannedEnd === undefined && c.milestones === undefined && c.additionalFunding === undefined) {
    ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "errors.changeNeedsContent" });
  }
  const seen = new Set<string>();
  c.milestones?.forEach((m, i) => {
    if (!m.id) return;
    if (seen.has(m.id)) {
      ctx.addIssue({ code: "custom", path: ["milestones", i, "name"], message: "errors.duplicateMilestone" });
    }
    seen.add(m.id);
  });
}

const schemas = {
  SUBMIT: z.object({}),
  RESUBMIT: z.object({}),
  WITHDRAW: z.object({ reason: reason() }),
  APPROVE: z.object({ comment: field.optionalText(MAX_REASON) }),
  APPROVE_WITH_CONDITIONS: z.object({ conditions, comment: field.optionalText(MAX_REASON) }),
  REQUEST_CHANGES: coded(),
  REJECT: coded(),
  DEFER: coded(),
  PAUSE: coded(),
  RESUME: z.object({ reason: reason() }),
  REOPEN: z.object({ reason: field.optionalText(MAX_REASON) }),
  // A shelved proposal bids again in a later funding round: the new dates and cost, and what changed.
  REBID: z.object({
    plannedStart: field.requiredDate(),
    plannedEnd: field.requiredDate(),
    nonRecurrentCost: field.requiredPositiveMoney(),
    recurrentCost: field.optionalMoney(),
    note: field.requiredText(MAX_REASON),
  }),
  APPROVE_FUNDING: z.object({ amount: field.requiredPositiveMoney() }),
  REFER_TO_FINANCE_COMMITTEE: z.object({ amount: field.requiredPositiveMoney() }),
  RECORD_FC_APPROVAL: z.object({
    paperRef: field.requiredText(50),
    date: field.requiredDate(),
    amount: field.optionalPositiveMoney(),
  }),
  RECORD_FC_REJECTION: z.object({
    paperRef: field.optionalText(50),
    date: field.optionalDate(),
    reason: field.optionalText(MAX_REASON),
  }),
  REPORT_PROGRESS: z.object({ milestoneId: field.requiredText(100), date: field.requiredDate() }),
  COMPLETE: z.object({}),
  REPORT_BENEFITS: z.object({
    realisedAnnualSavings: field.requiredMoney(),
    realisedStaffHoursSaved: field.requiredCount(),
    note: field.requiredText(MAX_REASON),
  }),
  CLOSE: z.object({ note: field.optionalText(MAX_REASON) }),
  MEET_CONDITION: z.object({ conditionId: field.requiredText(100), note: field.requiredText(MAX_REASON) }),
  REQUEST_CHANGE: requestChange,
  WITHDRAW_CHANGE: z.object({ reason: field.optionalText(MAX_REASON) }),
  APPROVE_CHANGE: z.object({ comment: field.optionalText(MAX_REASON) }),
  REJECT_CHANGE: coded(),
} satisfies Record<EventType, z.ZodTypeAny>;

/**
 * Payload schema per event type. Unknown keys (`type`, `expectedVersion`, a CSRF token) are stripped,
 * so a whole request body can be passed as is.
 */
export const eventPayloadSchemas: { readonly [K in EventType]: (typeof schemas)[K] } = schemas;

/** The parsed payload of one event type. */
export type EventPayload<T extends EventType> = z.output<(typeof schemas)[T]>;

/** A condition as the machine stores it after normalisation. */
export type ConditionInput = EventPayload<"APPROVE_WITH_CONDITIONS">["conditions"][number];

/** Type guard for an untrusted event name (a form's `intent`, an API body's `type`). */
export function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && (EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * Parses one event's client payload (JSON or form values). Field errors carry i18n keys at their
 * path, e.g. `["conditions", 0, "text"]`.
 */
export function parseEventPayload<T extends EventType>(
  type: T,
  input: unknown,
): z.SafeParseReturnType<unknown, EventPayload<T>> {
  const schema = type === "REQUEST_CHANGE" ? requestChange.superRefine(checkChange) : eventPayloadSchemas[type];
  return (schema as z.ZodType<EventPayload<T>, z.ZodTypeDef, unknown>).safeParse(input ?? {});
}

/**
 * The schemas of the reviewer's decision forms on the initiative page (efficiency review and funding),
 * shared by react-hook-form in the browser and by the page's action on the server. They are the event
 * payload schemas of `lifecycle/events.ts`, with one addition for people using the page: a refusal's
 * reason category must be chosen (the API keeps defaulting it to OTHER, as DESIGN.md §1 says), and the
 * funding amount is checked against the request and the block-allocation limit before it is sent.
 * Browser-safe: no I/O.
 */
import { z } from "zod";
import { REASON_CODES } from "~/lifecycle/divisions.ts";
import { eventPayloadSchemas, type EventType } from "~/lifecycle/events.ts";
import { fundingRuleBroken, type FundingRoute } from "~/lifecycle/funding-rules.ts";
import { fieldErrorsOf } from "~/utils/field-errors.ts";

/** The efficiency-review decisions a division reviewer makes for their division. */
export const REVIEW_DECISIONS = ["APPROVE", "APPROVE_WITH_CONDITIONS", "REQUEST_CHANGES", "REJECT"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The lead division's funding decisions (REOPEN has its own small form). */
export const FUNDING_DECISIONS = ["APPROVE_FUNDING", "REFER_TO_FINANCE_COMMITTEE", "DEFER", "REJECT"] as const;
export type FundingDecision = (typeof FUNDING_DECISIONS)[number];

/** Which decision form of the initiative page sent a post (a hidden `form` field). */
export const DECISION_FORMS = ["review", "funding"] as const;
export type DecisionFormName = (typeof DECISION_FORMS)[number];

export function isDecisionForm(value: unknown): value is DecisionFormName {
  return typeof value === "string" && (DECISION_FORMS as readonly string[]).includes(value);
}

export const MAX_CONDITION_ROWS = 50;
/** Rows a page without JavaScript offers for conditions (trailing empty rows are ignored). */
export const SPARE_CONDITION_ROWS = 3;

const reasonCodeRequired = z.preprocess(
  (v) => ((typeof v === "string" && v.trim() === "") || v === null ? undefined : v),
  z
    .enum(REASON_CODES, { errorMap: () => ({ message: "errors.invalidChoice" }) })
    .optional()
    .refine((v) => v !== undefined, "reviews.errors.chooseReasonCode"),
);

const coded = <T extends "REQUEST_CHANGES" | "REJECT" | "DEFER">(type: T) =>
  eventPayloadSchemas[type].extend({ reasonCode: reasonCodeRequired });

/** What a decision form must hold for each event, beyond (and including) the event's payload schema. */
export const decisionFormSchemas = {
  APPROVE: eventPayloadSchemas.APPROVE,
  APPROVE_WITH_CONDITIONS: eventPayloadSchemas.APPROVE_WITH_CONDITIONS,
  REQUEST_CHANGES: coded("REQUEST_CHANGES"),
  REJECT: coded("REJECT"),
  DEFER: coded("DEFER"),
  APPROVE_FUNDING: eventPayloadSchemas.APPROVE_FUNDING,
  REFER_TO_FINANCE_COMMITTEE: eventPayloadSchemas.REFER_TO_FINANCE_COMMITTEE,
  REOPEN: eventPayloadSchemas.REOPEN,
} satisfies Partial<Record<EventType, z.ZodTypeAny>>;
export type DecisionFormEvent = keyof typeof decisionFormSchemas;

export function hasDecisionFormSchema(type: string): type is DecisionFormEvent {
  return type in decisionFormSchemas;
}

/**
 * The funding schema for one initiative: the funding rules (funding-rules.ts) checked against the amount
 * typed, beside the amount. (The machine decides again on the server; this only tells people sooner and
 * in their own language.)
 */
export function fundingAmountSchema(type: FundingRoute, requested: number, limit: number) {
  return decisionFormSchemas[type].superRefine((v, ctx) => {
    if (typeof v.amount !== "number") return;
    const rule = fundingRuleBroken(type, { requested, limit, amount: v.amount });
    if (rule) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["amount"], message: rule });
  });
}

/**
 * Field errors (i18n keys by dotted path) of a decision form's body for `type`, or null when it is fine.
 * The server runs this before sending the event so that a page post without JavaScript gets the same
 * messages as the browser's validation.
 */
export function decisionFormErrors(type: DecisionFormEvent, body: unknown): Record<string, string[]> | null {
  const result = decisionFormSchemas[type].safeParse(body);
  return result.success ? null : fieldErrorsOf(result.error);
}

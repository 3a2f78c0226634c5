/**
 * zod schemas for what a client sends about funding rounds (the API's JSON and the pages' forms alike):
 * opening a round, scoring a bid, moving a bid across the cut line, finalising. Browser-safe.
 */
import { z } from "zod";
import { field } from "~/initiatives/proposal.schema.ts";
import { financialYearRange } from "~/utils/financial-year.ts";
import { DEFAULT_CRITERIA, SCORE_MAX, SCORE_MIN } from "./criteria.ts";

export const MAX_REASON = 2000;
export const MAX_COMMENT = 2000;
export const MAX_CRITERIA = 10;

/** A financial year written `2026-27`. */
export const fySchema = z
  .string({ required_error: "errors.required", invalid_type_error: "errors.invalidValue" })
  .trim()
  .refine((v) => financialYearRange(v) !== null, "fundingRound.errors.badYear");

const criterionKey = z
  .string({ invalid_type_error: "errors.invalidValue" })
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, "fundingRound.errors.badCriterion");

export const openRoundSchema = z
  .object({
    fy: fySchema,
    envelope: field.requiredPositiveMoney(),
    bidDeadline: field.requiredDate(),
    decisionDate: field.requiredDate(),
    criteria: z
      .array(
        z.object({
          key: criterionKey,
          weight: z.preprocess(
            (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v),
            z
              .number({ invalid_type_error: "errors.wholeNumber", required_error: "errors.required" })
              .int("errors.wholeNumber")
              .min(1, "fundingRound.errors.badWeight")
              .max(100, "fundingRound.errors.badWeight"),
          ),
        }),
        { invalid_type_error: "errors.invalidValue" },
      )
      .min(1, "errors.required")
      .max(MAX_CRITERIA, "errors.tooMany")
      .refine((list) => new Set(list.map((c) => c.key)).size === list.length, "fundingRound.errors.duplicateCriterion")
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.bidDeadline && v.decisionDate && v.decisionDate < v.bidDeadline) {
      ctx.addIssue({ code: "custom", path: ["decisionDate"], message: "fundingRound.errors.decisionBeforeDeadline" });
    }
  })
  .transform((v) => ({ ...v, criteria: v.criteria ?? DEFAULT_CRITERIA.map((c) => ({ ...c })) }));
export type OpenRoundInput = z.output<typeof openRoundSchema>;

const oneScore = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v),
  z
    .number({ required_error: "errors.required", invalid_type_error: "fundingRound.errors.badScore" })
    .int("fundingRound.errors.badScore")
    .min(SCORE_MIN, "fundingRound.errors.badScore")
    .max(SCORE_MAX, "fundingRound.errors.badScore"),
);

/** A score of a bid: one whole number 1–5 per criterion of the round, and an optional comment on each. */
export function scoreSchema(criteria: readonly { key: string }[]) {
  const keys = criteria.map((c) => c.key);
  return z.object({
    scores: z
      .object(Object.fromEntries(keys.map((k) => [k, oneScore])), {
        required_error: "errors.required",
        invalid_type_error: "errors.invalidValue",
      })
      .strict("fundingRound.errors.unknownCriterion"),
    comments: z
      .object(Object.fromEntries(keys.map((k) => [k, field.optionalText(MAX_COMMENT)])), {
        invalid_type_error: "errors.invalidValue",
      })
      .strict("fundingRound.errors.unknownCriterion")
      .optional(),
  });
}
export type ScoreInput = { scores: Record<string, number>; comments?: Record<string, string | undefined> };

const aboveLine = z.preprocess(
  (v) => (v === "true" ? true : v === "false" ? false : v),
  z.boolean({ required_error: "errors.required", invalid_type_error: "errors.invalidValue" }),
);

export const overrideSchema = z.object({
  ref: field.requiredText(40),
  aboveLine,
  reason: field.requiredText(MAX_REASON),
});

export const finaliseSchema = z.object({
  overrides: z
    .array(overrideSchema, { invalid_type_error: "errors.invalidValue" })
    .max(500, "errors.tooMany")
    .optional(),
});
export type FinaliseInput = z.output<typeof finaliseSchema>;

/** Leadership lets a late proposal bid in the round: which one, and why (recorded). */
export const urgentSchema = z.object({
  ref: field.requiredText(40),
  reason: field.requiredText(MAX_REASON),
});

import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { AUTH_ERRORS, errorResponse } from "./document.server.ts";
import { z } from "./schemas.server.ts";

const money = z.number().int().openapi({ description: "Whole Hong Kong dollars" });
const isoDate = z.string().openapi({ format: "date", example: "2026-01-31" });
const fyParams = z.object({
  fy: z.string().openapi({ param: { name: "fy", in: "path" }, example: "2026-27" }),
});
const criterion = z.object({ key: z.string().openapi({ example: "policyPriority" }), weight: z.number().int() });

const RoundSummarySchema = z
  .object({
    fy: z.string().openapi({ example: "2026-27" }),
    envelope: money,
    bidDeadline: isoDate,
    decisionDate: isoDate,
    status: z.enum(["OPEN", "FINALISED"]),
    criteria: z.array(criterion),
    finalisedAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("FundingRoundSummary");

const BidSchema = z
  .object({
    ref: z.string(),
    bureau: z.string(),
    titleEn: z.string().nullable(),
    titleZh: z.string().nullable(),
    round: z.number().int().openapi({ description: "The initiative's submission round: a re-bid is round N+1" }),
    rank: z.number().int().nullable().openapi({ description: "Null for a Finance Committee bid" }),
    score: z.number().nullable().openapi({ description: "Mean of the lead division's weighted scores (1–5)" }),
    advisoryScore: z.number().nullable(),
    requested: money,
    cumulative: money.nullable().openapi({ description: "Running total in rank order; null for officers" }),
    aboveLine: z.boolean().openapi({ description: "To be funded (after overrides)" }),
    fitsRemainder: z.boolean().openapi({ description: "Below the line but fits in what the envelope has left" }),
    route: z.enum(["BLOCK_ALLOCATION", "FINANCE_COMMITTEE"]),
    urgent: z.boolean().openapi({ description: "A late proposal leadership let bid in this round" }),
    override: z.object({ aboveLine: z.boolean(), reason: z.string().nullable() }).nullable(),
    outcome: z.enum(["APPROVED", "SHELVED", "REFERRED"]).nullable(),
    changes: z.array(z.string()).nullable().openapi({
      description: "A re-bid's proposal fields that changed since its previous round; null for a first bid",
    }),
  })
  .openapi("FundingBid");

const RoundSchema = z
  .object({
    fy: z.string(),
    envelope: money,
    status: z.enum(["OPEN", "FINALISED"]),
    bidDeadline: isoDate,
    decisionDate: isoDate,
    criteria: z.array(criterion),
    finalisedAt: z.string().nullable(),
    blockAllocationLimit: money,
    cutLine: z.object({
      afterRank: z.number().int().openapi({ description: "The line is drawn after this many bids, by rank" }),
      totalByRank: money.nullable(),
      totalAbove: money.nullable(),
      remaining: money.nullable(),
    }),
    overEnvelope: z.boolean(),
    bids: z.array(BidSchema),
  })
  .openapi("FundingRound");

const OpenRoundSchema = z
  .object({
    fy: z.string().openapi({ example: "2027-28" }),
    envelope: money,
    bidDeadline: isoDate,
    decisionDate: isoDate,
    criteria: z
      .array(criterion)
      .optional()
      .openapi({ description: "Default: benefitsAgainstCost 35, policyPriority 25, urgencyAndRisk 25, readiness 15" }),
  })
  .openapi("FundingRoundOpening");

const ScoreSchema = z
  .object({
    scores: z.record(z.number().int().min(1).max(5)).openapi({ description: "One mark per criterion of the round" }),
    comments: z.record(z.string()).optional(),
  })
  .openapi("FundingBidScore");

const OverrideSchema = z
  .object({ ref: z.string(), aboveLine: z.boolean(), reason: z.string() })
  .openapi("FundingBidMove");

const UrgentSchema = z
  .object({ ref: z.string(), reason: z.string().openapi({ description: "Why it cannot wait (1–2000 characters)" }) })
  .openapi("FundingBidUrgent");

const FinaliseResultSchema = z
  .object({
    fy: z.string(),
    approved: z.array(z.object({ ref: z.string(), amount: money })),
    referred: z.array(z.object({ ref: z.string(), amount: money })),
    shelved: z.array(z.object({ ref: z.string(), rank: z.number().int().nullable() })),
    totalApproved: money,
  })
  .openapi("FundingRoundFinalisation");

const json = <T extends z.ZodTypeAny>(schema: T) => ({ "application/json": { schema } });

/** The funding-round endpoints' part of the contract. */
export function registerFundingRoundPaths(registry: OpenAPIRegistry): void {
  const security = [{ bearerAuth: [] }];
  const tags = ["Funding rounds"];
  const notFound = errorResponse("No round for this financial year");
  registry.registerPath({
    method: "get",
    path: "/api/v1/funding-rounds",
    summary: "Every funding round's settings and status",
    tags,
    security,
    responses: {
      200: {
        description: "The rounds, newest year first",
        content: json(z.object({ items: z.array(RoundSummarySchema) })),
      },
      ...AUTH_ERRORS,
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/funding-rounds",
    summary: "Open the funding round of a financial year (leadership or an administrator)",
    tags,
    security,
    request: { body: { required: true, content: json(OpenRoundSchema) } },
    responses: {
      201: { description: "The round, open for bids", content: json(RoundSummarySchema) },
      400: errorResponse("A field is invalid"),
      ...AUTH_ERRORS,
      409: errorResponse("The financial year already has a round"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/funding-rounds/{fy}",
    summary: "A round's bids ranked by score with the cut line (an officer sees only their B/D's bids)",
    tags,
    security,
    request: { params: fyParams },
    responses: { 200: { description: "The round", content: json(RoundSchema) }, ...AUTH_ERRORS, 404: notFound },
  });
  registry.registerPath({
    method: "put",
    path: "/api/v1/funding-rounds/{fy}/scores/{ref}",
    summary: "The calling reviewer's score of a bid (advisory unless their division leads it)",
    tags,
    security,
    request: {
      params: fyParams.extend({ ref: z.string().openapi({ param: { name: "ref", in: "path" } }) }),
      body: { required: true, content: json(ScoreSchema) },
    },
    responses: {
      200: {
        description: "The weighted score",
        content: json(z.object({ fy: z.string(), ref: z.string(), total: z.number(), advisory: z.boolean() })),
      },
      400: errorResponse("A mark is not a whole number 1–5, or a criterion is not the round's"),
      ...AUTH_ERRORS,
      404: errorResponse("No such round, or the initiative is not a bid in it"),
      409: errorResponse("The round is finalised (scores are frozen), or the bid left funding review"),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/funding-rounds/{fy}/moves",
    summary: "Move a bid across the cut line, with a reason (leadership)",
    tags,
    security,
    request: { params: fyParams, body: { required: true, content: json(OverrideSchema) } },
    responses: {
      200: { description: "The round after the move", content: json(RoundSchema) },
      400: errorResponse("A field is invalid"),
      ...AUTH_ERRORS,
      404: notFound,
      409: errorResponse("The round is finalised"),
      422: errorResponse("The bids above the line would exceed the envelope, or the bid goes to the Finance Committee"),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/funding-rounds/{fy}/urgent",
    summary: "Let a proposal that reached funding review after the deadline bid in the round (leadership, admin)",
    tags,
    security,
    request: { params: fyParams, body: { required: true, content: json(UrgentSchema) } },
    responses: {
      200: { description: "The round with the urgent bid", content: json(RoundSchema) },
      400: errorResponse("The reference or the reason is missing or too long"),
      ...AUTH_ERRORS,
      404: notFound,
      409: errorResponse("The round is finalised, or the proposal is not a late one waiting for this round"),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/funding-rounds/{fy}/finalise",
    summary: "Finalise the round: fund above the line, refer above the limit, shelve the rest — all or nothing",
    tags,
    security,
    request: {
      params: fyParams,
      body: { required: false, content: json(z.object({ overrides: z.array(OverrideSchema).optional() })) },
    },
    responses: {
      200: { description: "What was funded, referred and shelved", content: json(FinaliseResultSchema) },
      400: errorResponse("A field is invalid"),
      ...AUTH_ERRORS,
      404: notFound,
      409: errorResponse("The round is already finalised, or a bid changed meanwhile (nothing was written)"),
      422: errorResponse("A bid is unscored, or the overrides exceed the envelope (nothing was written)"),
    },
  });
}

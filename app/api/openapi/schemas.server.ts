/**
 * zod schemas of what the API answers, for the OpenAPI contract. Requests are described by the schemas
 * the routes really validate with (the proposal, event and filter schemas); answers have no runtime
 * validation of their own, so the API tests check every answer against these through the document.
 */
import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { CATEGORIES, DIVISIONS } from "~/lifecycle/divisions.ts";
import { EVENT_TYPES } from "~/lifecycle/events.ts";
import { STAGES } from "~/lifecycle/initiative.machine.ts";

// Gives every zod schema `.openapi()` (names and descriptions); it patches zod once, server-side only.
extendZodWithOpenApi(z);

export { z };

const isoDateTime = z.string().openapi({ format: "date-time", example: "2026-11-27T09:30:00.000Z" });
const isoDate = z.string().openapi({ format: "date", example: "2026-11-27" });
const hkd = z.number().int().openapi({ description: "Whole Hong Kong dollars" });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "NOT_FOUND" }),
      message: z.string(),
      fields: z
        .record(z.array(z.string()))
        .optional()
        .openapi({ description: "Message keys per field path (e.g. `milestones.0.due`)" }),
    }),
  })
  .openapi("Error");

export const TokenSchema = z.object({ token: z.string(), expiresAt: isoDateTime }).openapi("Token");

export const TokenRequestSchema = z
  .object({ email: z.string().openapi({ format: "email" }), password: z.string() })
  .openapi("TokenRequest");

const Stage = z.enum(STAGES).openapi("Stage");
const Division = z.enum(DIVISIONS);
const Category = z.enum(CATEGORIES);
const Health = z.enum(["red", "amber", "green"]);

export const RegisterItemSchema = z
  .object({
    ref: z.string().openapi({ example: "DPO-2026-0042" }),
    titleEn: z.string().nullable(),
    titleZh: z.string().nullable(),
    bureauCode: z.string(),
    category: Category.nullable(),
    leadDivision: Division.nullable(),
    stage: Stage,
    substate: z.string().nullable(),
    round: z.number().int(),
    version: z.number().int(),
    financialYear: z.string(),
    nonRecurrentCost: hkd.nullable(),
    recurrentCost: hkd.nullable(),
    fundedAmount: hkd.nullable(),
    plannedStart: isoDate.nullable(),
    plannedEnd: isoDate.nullable(),
    submittedAt: isoDateTime.nullable(),
    updatedAt: isoDateTime,
    health: Health.nullable(),
  })
  .openapi("RegisterItem");

export const RegisterSchema = z
  .object({
    items: z.array(RegisterItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi("Register");

export const CommentSchema = z
  .object({ id: z.string(), body: z.string(), createdAt: isoDateTime, author: z.string().nullable() })
  .openapi("Comment");

const SignoffStatus = z.enum(["pending", "approved", "notRequired", "changesRequested", "rejected"]);

const Quarter = z.string().openapi({ example: "2026-Q3", description: "Calendar quarter (Q3 = July to September)" });
const QuarterRow = z.object({
  quarter: Quarter,
  periodEnd: isoDate,
  dueDate: isoDate,
  status: z.enum(["reported", "late", "due", "overdue", "missed"]),
});
const BaselineSchema = z
  .object({
    number: z.number().int().min(1),
    plannedEnd: isoDate.nullable(),
    budget: hkd.openapi({ description: "HK$ funded at this baseline" }),
    milestones: z.array(
      z.object({ id: z.string(), name: z.string(), due: isoDate, status: z.string().optional() }).passthrough(),
    ),
    createdAt: isoDateTime,
  })
  .openapi("Baseline");

const ChangeRequestSchema = z
  .object({
    number: z.number().int().min(1),
    status: z.enum(["REQUESTED", "AWAITING_FC", "APPROVED", "REJECTED", "WITHDRAWN"]),
    route: z.enum(["LEAD_DIVISION", "FINANCE_COMMITTEE"]).openapi({
      description: "Who decides: the lead division, or the Finance Committee when the new total is above the limit",
    }),
    reason: z.string(),
    plannedEnd: isoDate.nullable(),
    milestones: z
      .array(z.object({ id: z.string(), name: z.string(), due: isoDate, added: z.boolean() }))
      .nullable()
      .openapi({ description: "The open milestones after the change; null when the change leaves them" }),
    additionalFunding: hkd,
    grantedFunding: hkd.nullable(),
    requestedBy: z.string().nullable(),
    requestedAt: isoDateTime,
    decidedBy: z.string().nullable(),
    decidedAt: isoDateTime.nullable(),
    decisionReason: z.string().nullable(),
    reasonCode: z.string().nullable(),
    paperRef: z.string().nullable(),
    decisionDate: isoDate.nullable(),
    baseline: z.number().int().nullable().openapi({ description: "The baseline its approval created" }),
  })
  .openapi("ChangeRequest");

const VarianceSchema = z
  .object({
    slippageDays: z.number().int().nullable().openapi({ description: "Days the planned end moved against baseline 1" }),
    costGrowth: hkd.openapi({ description: "HK$ funded now minus HK$ funded at baseline 1" }),
    costGrowthPercent: z.number().nullable(),
  })
  .openapi("Variance");

export const InitiativeSchema = z
  .object({
    ref: z.string(),
    titleEn: z.string().nullable(),
    titleZh: z.string().nullable(),
    category: Category.nullable(),
    leadDivision: Division.nullable(),
    summary: z.string().nullable(),
    handlesPersonalData: z.boolean(),
    sharesDataAcrossBureaux: z.boolean(),
    needsNewInfrastructure: z.boolean(),
    citizenFacing: z.boolean(),
    nonRecurrentCost: hkd.nullable(),
    recurrentCost: hkd.nullable(),
    expectedAnnualSavings: hkd.nullable(),
    expectedStaffHoursSaved: z.number().int().nullable(),
    plannedStart: isoDate.nullable(),
    plannedEnd: isoDate.nullable(),
    bureau: z.object({ code: z.string(), nameEn: z.string(), nameZh: z.string(), kind: z.string() }),
    stage: Stage,
    substate: z.string().nullable(),
    state: z.union([z.string(), z.record(z.unknown())]).openapi({ description: "The machine's full state value" }),
    version: z.number().int(),
    round: z.number().int(),
    financialYear: z.string(),
    requiredDivisions: z.array(Division),
    signoffs: z.record(z.string()).openapi({ description: `Division → ${SignoffStatus.options.join(" | ")}` }),
    signoffHistory: z.array(
      z.object({
        round: z.number().int(),
        division: Division,
        decision: z.string(),
        reasonCode: z.string().nullable(),
        reason: z.string().nullable(),
        comment: z.string().nullable(),
        decidedAt: isoDateTime,
        reviewer: z.string().nullable(),
      }),
    ),
    milestones: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        due: isoDate,
        status: z.enum(["PLANNED", "DONE"]),
        actualDate: isoDate.nullable(),
      }),
    ),
    conditions: z.array(
      z.object({
        id: z.string().openapi({ example: "C1" }),
        text: z.string(),
        division: z.string(),
        round: z.number().int(),
        due: isoDate.nullable(),
        status: z.enum(["open", "met"]),
        metNote: z.string().nullable(),
        metAt: isoDateTime.nullable(),
      }),
    ),
    funding: z.object({
      requested: hkd.nullable(),
      approved: hkd.nullable(),
      blockAllocationLimit: hkd,
      decisions: z.array(
        z.object({
          decision: z.string(),
          route: z.string().nullable(),
          amount: hkd.nullable(),
          paperRef: z.string().nullable(),
          decisionDate: isoDate.nullable(),
          reasonCode: z.string().nullable(),
          reason: z.string().nullable(),
          createdAt: isoDateTime,
        }),
      ),
    }),
    health: Health.nullable().openapi({
      description: "Delivery health against the current baseline (delivery and benefits review only)",
    }),
    baseline: z.number().int().min(0).openapi({ description: "The current baseline: 0 until funded" }),
    changeState: z
      .enum(["requested", "awaitingFinanceCommittee"])
      .nullable()
      .openapi({ description: "Where the open change request stands, or null when none is open" }),
    baselines: z.array(BaselineSchema),
    variance: VarianceSchema.nullable().openapi({ description: "The current plan against baseline 1" }),
    changeRequests: z.array(ChangeRequestSchema),
    benefits: z.object({
      expectedAnnualSavings: hkd.nullable(),
      expectedStaffHoursSaved: z.number().int().nullable(),
      realisedAnnualSavings: hkd.nullable(),
      realisedStaffHoursSaved: z.number().int().nullable(),
      reports: z.array(
        z.object({
          realisedAnnualSavings: hkd,
          realisedStaffHoursSaved: z.number().int(),
          note: z.string(),
          createdAt: isoDateTime,
        }),
      ),
    }),
    reasons: z
      .array(
        z.object({
          event: z.enum([
            "PAUSE",
            "RESUME",
            "WITHDRAW",
            "DEFER",
            "REOPEN",
            "REJECT",
            "REQUEST_CHANGES",
            "RECORD_FC_REJECTION",
          ]),
          reason: z.string(),
          reasonCode: z.string().nullable(),
          actorRole: z.string(),
          actor: z.string().nullable(),
          at: isoDateTime,
        }),
      )
      .openapi({
        description:
          "What was said with each pause, resume, withdrawal, deferral, reopening, rejection or return, oldest first",
      }),
    statusReports: z
      .object({
        deliveryStart: isoDate,
        deliveryEnd: isoDate.nullable(),
        dueWorkingDays: z
          .number()
          .int()
          .openapi({ description: "Working days after a quarter ends that its report is due" }),
        reportingQuarter: Quarter.nullable().openapi({ description: "The quarter a report filed today would be for" }),
        quarters: z.array(QuarterRow).openapi({ description: "Every quarter owed, oldest first" }),
        current: QuarterRow.nullable().openapi({ description: "The quarter in progress, while in delivery" }),
        reports: z.array(
          z.object({
            quarter: Quarter,
            periodEnd: isoDate,
            dueDate: isoDate,
            rag: z.enum(["red", "amber", "green"]),
            percentComplete: z.number().int(),
            spendToDate: hkd,
            fundedAmount: hkd.openapi({ description: "Whole Hong Kong dollars funded when the report was made" }),
            overspent: z.boolean().openapi({ description: "Spend to date above the funded amount: accepted, flagged" }),
            note: z.string(),
            risks: z.string().nullable(),
            reportedAt: isoDateTime,
            reportedBy: z.string().nullable(),
            late: z.boolean(),
          }),
        ),
      })
      .nullable()
      .openapi({ description: "Quarterly status reports; null before the initiative was funded" }),
    statusReportsOverdue: z
      .array(QuarterRow)
      .openapi({ description: "Owed quarters past their due date without a report" }),
    fundingRound: z
      .object({
        fy: z.string().openapi({ example: "2026-27" }),
        bidDeadline: z.string().openapi({ example: "2026-03-31" }),
        status: z.enum(["OPEN", "FINALISED"]),
        place: z.enum(["bid", "late"]).openapi({
          description:
            "bid: it bids in the round; late: it reached funding review after the deadline and waits for the next round unless marked urgent",
        }),
        urgent: z.boolean(),
      })
      .nullable(),
    submittedAt: isoDateTime.nullable(),
    stageEnteredAt: isoDateTime,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    availableEvents: z.array(z.enum(EVENT_TYPES)),
    actingFor: z
      .array(
        z.object({
          delegationId: z.string(),
          delegator: z.object({
            name: z.string(),
            email: z.string(),
            role: z.string(),
            divisionCode: z.string().nullable(),
          }),
          until: z.string().openapi({ format: "date" }),
          availableEvents: z.array(z.enum(EVENT_TYPES)),
        }),
      )
      .openapi({
        description:
          "The reviewers and leaders the caller acts for today, with the events the caller may send on behalf of each (send them with onBehalfOf)",
      }),
    comments: z.array(CommentSchema).optional(),
    audit: z
      .array(
        z.object({
          seq: z.number().int(),
          event: z.string(),
          actorRole: z.string(),
          actor: z.string().nullable(),
          onBehalfOf: z
            .string()
            .nullable()
            .openapi({ description: "The delegator's name when an acting reviewer took the decision" }),
          fromState: z.string().nullable(),
          toState: z.string().nullable(),
          payload: z.record(z.unknown()),
          createdAt: isoDateTime,
        }),
      )
      .optional(),
    rounds: z
      .array(z.object({ round: z.number().int(), proposal: z.record(z.unknown()), createdAt: isoDateTime }))
      .optional(),
  })
  .openapi("Initiative");

export const CommentListSchema = z.object({ ref: z.string(), items: z.array(CommentSchema) }).openapi("CommentList");
export const CommentRequestSchema = z.object({ body: z.string().min(1).max(4000) }).openapi("CommentRequest");

export const EventResultSchema = z
  .object({
    ref: z.string(),
    stage: Stage,
    state: z.string().openapi({ example: "efficiencyReview.digitalGovernment.pending" }),
    version: z.number().int(),
    round: z.number().int(),
    initiative: InitiativeSchema.optional().openapi({
      description: "The initiative as the caller now sees it; left out when the request says Prefer: return=minimal",
    }),
  })
  .passthrough()
  .openapi("EventResult");

const Percentiles = z.object({ median: z.number(), p90: z.number(), count: z.number().int() });

export const DashboardSchema = z
  .object({
    filters: z.record(z.unknown()).optional(),
    byStage: z.record(z.number().int()).openapi({ description: "Stage → count" }),
    byBureau: z.array(
      z
        .object({
          bureau: z.string(),
          nameEn: z.string(),
          nameZh: z.string(),
          total: z.number().int(),
          requested: hkd,
          approved: hkd,
          stages: z.record(z.number().int()),
        })
        .passthrough(),
    ),
    byDivision: z.array(z.object({ division: Division, pending: z.number().int() }).passthrough()),
    funding: z
      .object({ requested: hkd, approved: hkd, referred: hkd, blockAllocationLimit: hkd })
      .passthrough()
      .openapi({ description: "HK$ requested, approved by block allocation and referred to the Finance Committee" }),
    cycleTimeDays: z.record(Percentiles).openapi({ description: "Stage → { median, p90, count } in days" }),
    oldestPending: z.array(z.record(z.unknown())),
    deliveryHealth: z.object({ red: z.number().int(), amber: z.number().int(), green: z.number().int() }).passthrough(),
    reasonCodes: z.unknown().optional(),
    statusReports: z
      .object({
        spend: z
          .object({
            initiatives: z.number().int(),
            reporting: z.number().int(),
            funded: hkd,
            fundedReporting: hkd,
            spent: hkd,
            byBureau: z.array(z.object({ bureau: z.string(), funded: hkd, spent: hkd }).passthrough()),
          })
          .openapi({ description: "Initiatives in delivery: funded, and spend to date from each one's latest report" }),
        overdue: z.object({
          count: z.number().int(),
          initiatives: z.number().int(),
          items: z.array(
            z
              .object({ ref: z.string(), quarter: z.string(), dueDate: isoDate, daysOverdue: z.number().int() })
              .passthrough(),
          ),
        }),
        overspends: z.object({
          count: z.number().int(),
          items: z.array(
            z
              .object({ ref: z.string(), quarter: z.string(), spendToDate: hkd, fundedAmount: hkd, over: hkd })
              .passthrough(),
          ),
        }),
      })
      .openapi({ description: "Status reports: spend against funding, overdue reports and flagged overspends" }),
    replanning: z
      .object({
        byBaseline: z.array(
          z.object({
            baseline: z.number().int(),
            red: z.number().int(),
            amber: z.number().int(),
            green: z.number().int(),
            total: z.number().int(),
          }),
        ),
        slippedMost: z.array(
          z
            .object({
              ref: z.string(),
              bureauCode: z.string(),
              slippageDays: z.number().int(),
              baseline: z.number().int(),
            })
            .passthrough(),
        ),
        costGrowthByBureau: z.array(
          z
            .object({
              bureauCode: z.string(),
              firstBudget: hkd,
              budget: hkd,
              growth: hkd,
              growthPercent: z.number().nullable(),
            })
            .passthrough(),
        ),
        changeRequests: z.array(
          z.object({ status: z.string(), reasonCode: z.string().nullable(), count: z.number().int() }),
        ),
      })
      .openapi({
        description:
          "Re-planning: delivery health by baseline, the initiatives that slipped most (days against baseline 1), cost growth by B/D, change requests by outcome and reason code",
      }),
  })
  .passthrough()
  .openapi("Dashboard");

/**
 * The initiative lifecycle (DESIGN.md §1): the single source of truth for what may happen next. Pure —
 * no clock, no I/O, no randomness — so the server can compute transitions with XState's `transition()`
 * inside a database transaction and the browser can ask the same machine which actions to offer.
 *
 * Events reach the machine parsed (see machine-event.ts: `applyEvent` and `availableEvents` send only
 * what `toMachineEvent` accepts), so the guards below decide facts and roles, never the payload's shape.
 */
import { and, assign, or, setup } from "xstate";
import { DIVISIONS, REGION_OF, requiredDivisions, type Division } from "./divisions.ts";
import { changeRouteOf, fundingRuleBroken } from "./funding-rules.ts";
import type { InitiativeEvent } from "./machine-event.ts";
import { requestedAmount } from "../initiatives/proposal.schema.ts";

export { DEFAULT_BLOCK_ALLOCATION_LIMIT } from "./funding-rules.ts";
export type { Actor, InitiativeEvent, InitiativeEventOf, StoredProposal } from "./machine-event.ts";

/**
 * Bump when a change would make stored snapshots resolve differently (renamed states, a new context
 * shape); ship a data migration with it.
 */
export const MACHINE_VERSION = 2;

export type ConditionStatus = "open" | "met";

export interface InitiativeCondition {
  /** `C1`, `C2`, … in the order conditions were attached. */
  id: string;
  text: string;
  due?: string;
  division: Division;
  round: number;
  status: ConditionStatus;
}

/** A change request waiting for its decision: what the machine must know to decide and to apply it. */
export interface PendingChange {
  /** Whole HK$ asked for on top of the funded amount (0 when the change asks for no money). */
  additionalFunding: number;
  /** The ids of the open milestones after the change, in order; null when the change leaves them as they are. */
  milestoneIds: string[] | null;
}

export interface InitiativeContext {
  bureauCode: string;
  leadDivision: Division | null;
  requiredDivisions: Division[];
  /** 0 while a draft; SUBMIT opens round 1 and each RESUBMIT the next. */
  round: number;
  requestedAmount: number;
  conditions: InitiativeCondition[];
  milestones: { id: string; done: boolean }[];
  benefitsReported: boolean;
  fundedAmount: number | null;
  /** The amount put to the Finance Committee, which it approves unless it records another. */
  referredAmount: number | null;
  /**
   * Divisions that signed off in the current round. The regions say the same while in efficiency
   * review; this keeps the answer once the initiative has left it (e.g. rejected, withdrawn).
   */
  signedOff: Division[];
  /** The plan's baseline: 0 until funded, 1 from funding (the plan as funded), +1 per approved change. */
  baseline: number;
  /** The open change request in delivery (one at a time), or null. */
  change: PendingChange | null;
}

export interface InitiativeInput {
  bureauCode: string;
}

/** Top-level states, in lifecycle order. */
export const STAGES = [
  "draft",
  "efficiencyReview",
  "returned",
  "fundingReview",
  "deferred",
  "awaitingFinanceCommittee",
  "delivery",
  "benefitsReview",
  "rejected",
  "withdrawn",
  "closed",
] as const;
export type Stage = (typeof STAGES)[number];

export const FINAL_STAGES = ["rejected", "withdrawn", "closed"] as const satisfies readonly Stage[];

type DivisionParams = { division: Division };

const lifecycle = setup({
  types: {
    context: {} as InitiativeContext,
    events: {} as InitiativeEvent,
    input: {} as InitiativeInput,
  },
  guards: {
    isOwningOfficer: ({ context, event }) =>
      event.actor.role === "OFFICER" && !!event.actor.bureauCode && event.actor.bureauCode === context.bureauCode,
    isReviewerOf: ({ event }, params: DivisionParams) =>
      event.actor.role === "REVIEWER" && event.actor.division === params.division,
    isLeadReviewer: ({ context, event }) =>
      event.actor.role === "REVIEWER" && context.leadDivision !== null && event.actor.division === context.leadDivision,
    isLeadership: ({ event }) => event.actor.role === "LEADERSHIP",
    // Leadership decides funding for the lead division when it finalises the year's funding round.
    isRoundFinalisation: ({ event }) =>
      event.actor.role === "LEADERSHIP" &&
      (event.type === "APPROVE_FUNDING" || event.type === "REFER_TO_FINANCE_COMMITTEE" || event.type === "DEFER") &&
      typeof event.fundingRound === "string",
    isDivisionRequired: ({ context }, params: DivisionParams) => context.requiredDivisions.includes(params.division),
    keepsFundingRules: ({ context, event }) =>
      (event.type === "APPROVE_FUNDING" || event.type === "REFER_TO_FINANCE_COMMITTEE") &&
      fundingRuleBroken(event.type, {
        requested: context.requestedAmount,
        limit: event.blockAllocationLimit,
        amount: event.amount,
      }) === null,
    // The Finance Committee may approve less than was put to it, never more.
    financeCommitteeAmountValid: ({ context, event }) =>
      event.type === "RECORD_FC_APPROVAL" &&
      (event.amount === undefined || event.amount <= (context.referredAmount ?? context.requestedAmount)),
    milestoneOpen: ({ context, event }) =>
      event.type === "REPORT_PROGRESS" && context.milestones.some((m) => m.id === event.milestoneId && !m.done),
    allMilestonesDone: ({ context }) => context.milestones.every((m) => m.done),
    conditionOpen: ({ context, event }) =>
      event.type === "MEET_CONDITION" &&
      context.conditions.some((c) => c.id === event.conditionId && c.status === "open"),
    noOpenConditions: ({ context }) => context.conditions.every((c) => c.status !== "open"),
    benefitsReported: ({ context }) => context.benefitsReported,
    // A change re-plans only what is not done: each listed milestone is an open one or one the change adds.
    changeKeepsDoneMilestones: ({ context, event }) => {
      if (event.type !== "REQUEST_CHANGE") return false;
      const added = new Set(event.addedMilestoneIds);
      return (event.milestones ?? []).every(
        (m) => !!m.id && (added.has(m.id) || context.milestones.some((c) => c.id === m.id && !c.done)),
      );
    },
    changeNeedsFinanceCommittee: ({ context, event }) =>
      event.type === "REQUEST_CHANGE" &&
      changeRouteOf(context.fundedAmount ?? 0, event.additionalFunding ?? 0, event.blockAllocationLimit) ===
        "FINANCE_COMMITTEE",
    noChangeOpen: ({ context }) => context.change === null,
    // As for a new project, the Finance Committee may approve less money than was asked for, never more.
    changeAmountValid: ({ context, event }) =>
      event.type === "RECORD_FC_APPROVAL" &&
      (event.amount === undefined || event.amount <= (context.change?.additionalFunding ?? 0)),
  },
  actions: {
    recordSubmission: assign(({ context, event }) => {
      if (event.type !== "SUBMIT" && event.type !== "RESUBMIT") return {};
      const { proposal } = event;
      return {
        leadDivision: proposal.leadDivision,
        requiredDivisions: requiredDivisions(proposal),
        requestedAmount: requestedAmount(proposal),
        milestones: proposal.milestones.map((m) => ({ id: m.id, done: false })),
        round: context.round + 1,
        signedOff: [],
      };
    }),
    // A re-bid is the next round of the same proposal, with the dates and cost it now asks for; its
    // sign-offs stand, since the efficiency review already passed.
    recordRebid: assign(({ context, event }) => {
      if (event.type !== "REBID") return {};
      return {
        requestedAmount: requestedAmount(event.proposal),
        milestones: event.proposal.milestones.map((m) => ({ id: m.id, done: false })),
        round: context.round + 1,
      };
    }),
    recordSignoff: assign(({ context }, params: DivisionParams) => ({
      signedOff: context.signedOff.includes(params.division)
        ? context.signedOff
        : DIVISIONS.filter((d) => d === params.division || context.signedOff.includes(d)),
    })),
    attachConditions: assign(({ context, event }, params: DivisionParams) => {
      if (event.type !== "APPROVE_WITH_CONDITIONS") return {};
      const added = event.conditions.map((c, i): InitiativeCondition => ({
        id: `C${context.conditions.length + i + 1}`,
        text: c.text,
        ...(c.due ? { due: c.due } : {}),
        division: params.division,
        round: context.round,
        status: "open",
      }));
      return { conditions: [...context.conditions, ...added] };
    }),
    recordFunding: assign(({ event }) => ({
      fundedAmount: event.type === "APPROVE_FUNDING" ? event.amount : null,
      baseline: 1,
    })),
    recordReferral: assign(({ event }) => ({
      referredAmount: event.type === "REFER_TO_FINANCE_COMMITTEE" ? event.amount : null,
    })),
    recordFinanceCommitteeApproval: assign(({ context, event }) => ({
      fundedAmount:
        (event.type === "RECORD_FC_APPROVAL" ? event.amount : undefined) ??
        context.referredAmount ??
        context.requestedAmount,
      baseline: 1,
    })),
    recordChange: assign(({ event }) => {
      if (event.type !== "REQUEST_CHANGE") return {};
      return {
        change: {
          additionalFunding: event.additionalFunding ?? 0,
          milestoneIds: event.milestones ? event.milestones.map((m) => m.id!) : null,
        },
      };
    }),
    /**
     * The approved change becomes the plan (the next baseline): done milestones stay as they are, even
     * one the change meant to re-date or drop if it was done while the change waited; the open ones are
     * the change's list; the money granted is added to the funded amount.
     */
    applyChange: assign(({ context, event }) => {
      const change = context.change;
      if (!change) return {};
      const granted = (event.type === "RECORD_FC_APPROVAL" ? event.amount : undefined) ?? change.additionalFunding;
      const done = context.milestones.filter((m) => m.done);
      const doneIds = new Set(done.map((m) => m.id));
      const milestones = change.milestoneIds
        ? [...done, ...change.milestoneIds.filter((id) => !doneIds.has(id)).map((id) => ({ id, done: false }))]
        : context.milestones;
      return {
        milestones,
        fundedAmount: (context.fundedAmount ?? 0) + granted,
        baseline: context.baseline + 1,
        change: null,
      };
    }),
    clearChange: assign({ change: null }),
    markMilestoneDone: assign(({ context, event }) => {
      const id = event.type === "REPORT_PROGRESS" ? event.milestoneId : undefined;
      return { milestones: context.milestones.map((m) => (m.id === id ? { ...m, done: true } : m)) };
    }),
    markConditionMet: assign(({ context, event }) => {
      const id = event.type === "MEET_CONDITION" ? event.conditionId : undefined;
      return {
        conditions: context.conditions.map((c) => (c.id === id ? { ...c, status: "met" as const } : c)),
      };
    }),
    recordBenefits: assign({ benefitsReported: true }),
  },
});

// Transitions several states share. The owning officer may withdraw until funding is decided, and may
// meet a condition from the moment one is attached until the project is complete.
const withdraw = { guard: "isOwningOfficer", target: "#initiative.withdrawn" } as const;
const meetCondition = { guard: and(["isOwningOfficer", "conditionOpen"]), actions: "markConditionMet" } as const;

/**
 * One division's region of efficiency review: routed to `pending` when the proposal needs the division's
 * sign-off, else straight to `notRequired`. Built with `createStateConfig`, so XState still checks every
 * guard and action name, and each region differs from the others only by its division.
 */
function reviewRegion(division: Division) {
  const isReviewer = { type: "isReviewerOf", params: { division } } as const;
  const signoff = { type: "recordSignoff", params: { division } } as const;
  return lifecycle.createStateConfig({
    initial: "routing",
    states: {
      routing: {
        always: [
          { guard: { type: "isDivisionRequired", params: { division } }, target: "pending" },
          { target: "notRequired" },
        ],
      },
      pending: {
        on: {
          APPROVE: { guard: isReviewer, target: "approved", actions: signoff },
          APPROVE_WITH_CONDITIONS: {
            guard: isReviewer,
            target: "approved",
            actions: [signoff, { type: "attachConditions", params: { division } }],
          },
          REQUEST_CHANGES: { guard: isReviewer, target: "#initiative.returned" },
          REJECT: { guard: isReviewer, target: "#initiative.rejected" },
        },
      },
      approved: { type: "final" },
      notRequired: { type: "final" },
    },
  });
}

/** The efficiency-review regions, one per division, keyed as {@link REGION_OF} names them. */
const reviewRegions = Object.fromEntries(DIVISIONS.map((d) => [REGION_OF[d], reviewRegion(d)])) as Record<
  (typeof REGION_OF)[Division],
  ReturnType<typeof reviewRegion>
>;

export const initiativeMachine = lifecycle.createMachine({
  id: "initiative",
  initial: "draft",
  context: ({ input }) => ({
    bureauCode: input.bureauCode,
    leadDivision: null,
    requiredDivisions: [],
    round: 0,
    requestedAmount: 0,
    conditions: [],
    milestones: [],
    benefitsReported: false,
    fundedAmount: null,
    referredAmount: null,
    signedOff: [],
    baseline: 0,
    change: null,
  }),
  states: {
    draft: {
      on: {
        SUBMIT: { guard: "isOwningOfficer", target: "efficiencyReview", actions: "recordSubmission" },
        WITHDRAW: withdraw,
      },
    },
    efficiencyReview: {
      type: "parallel",
      onDone: { target: "fundingReview" },
      on: { WITHDRAW: withdraw, MEET_CONDITION: meetCondition },
      states: reviewRegions,
    },
    returned: {
      on: {
        // Re-entering efficiencyReview re-runs every region's routing, so each required division is
        // pending again and any change of scope in the revised proposal is honoured.
        RESUBMIT: { guard: "isOwningOfficer", target: "efficiencyReview", actions: "recordSubmission" },
        WITHDRAW: withdraw,
        MEET_CONDITION: meetCondition,
      },
    },
    fundingReview: {
      on: {
        APPROVE_FUNDING: {
          guard: and([or(["isLeadReviewer", "isRoundFinalisation"]), "keepsFundingRules"]),
          target: "delivery",
          actions: "recordFunding",
        },
        REFER_TO_FINANCE_COMMITTEE: {
          guard: and([or(["isLeadReviewer", "isRoundFinalisation"]), "keepsFundingRules"]),
          target: "awaitingFinanceCommittee",
          actions: "recordReferral",
        },
        DEFER: { guard: or(["isLeadReviewer", "isRoundFinalisation"]), target: "deferred" },
        REJECT: { guard: "isLeadReviewer", target: "rejected" },
        WITHDRAW: withdraw,
        MEET_CONDITION: meetCondition,
      },
    },
    deferred: {
      on: {
        REOPEN: { guard: "isLeadReviewer", target: "fundingReview" },
        REBID: { guard: "isOwningOfficer", target: "fundingReview", actions: "recordRebid" },
        WITHDRAW: withdraw,
        MEET_CONDITION: meetCondition,
      },
    },
    awaitingFinanceCommittee: {
      on: {
        RECORD_FC_APPROVAL: {
          guard: and(["isLeadership", "financeCommitteeAmountValid"]),
          target: "delivery",
          actions: "recordFinanceCommitteeApproval",
        },
        RECORD_FC_REJECTION: { guard: "isLeadership", target: "rejected" },
        MEET_CONDITION: meetCondition,
      },
    },
    // Two regions: the work goes on (in progress or on hold) while a change request waits for its decision.
    delivery: {
      type: "parallel",
      on: { MEET_CONDITION: meetCondition },
      states: {
        work: {
          initial: "inProgress",
          states: {
            inProgress: {
              on: {
                REPORT_PROGRESS: { guard: and(["isOwningOfficer", "milestoneOpen"]), actions: "markMilestoneDone" },
                PAUSE: { guard: or(["isOwningOfficer", "isLeadReviewer"]), target: "onHold" },
                // Only from inProgress: a project on hold is resumed before it can be declared complete, and a
                // change that would re-plan it is decided first.
                COMPLETE: {
                  guard: and(["isOwningOfficer", "allMilestonesDone", "noOpenConditions", "noChangeOpen"]),
                  target: "#initiative.benefitsReview",
                },
              },
            },
            onHold: {
              on: { RESUME: { guard: or(["isOwningOfficer", "isLeadReviewer"]), target: "inProgress" } },
            },
          },
        },
        change: {
          initial: "none",
          states: {
            // Only from here: one change request is open at a time.
            none: {
              on: {
                REQUEST_CHANGE: [
                  {
                    guard: and(["isOwningOfficer", "changeKeepsDoneMilestones", "changeNeedsFinanceCommittee"]),
                    target: "awaitingFinanceCommittee",
                    actions: "recordChange",
                  },
                  {
                    guard: and(["isOwningOfficer", "changeKeepsDoneMilestones"]),
                    target: "requested",
                    actions: "recordChange",
                  },
                ],
              },
            },
            requested: {
              on: {
                APPROVE_CHANGE: { guard: "isLeadReviewer", target: "none", actions: "applyChange" },
                REJECT_CHANGE: { guard: "isLeadReviewer", target: "none", actions: "clearChange" },
                WITHDRAW_CHANGE: { guard: "isOwningOfficer", target: "none", actions: "clearChange" },
              },
            },
            // The new total is above the block-allocation limit: as for a new project, the Finance Committee
            // decides and leadership records its decision; the lead division cannot approve it.
            awaitingFinanceCommittee: {
              on: {
                RECORD_FC_APPROVAL: {
                  guard: and(["isLeadership", "changeAmountValid"]),
                  target: "none",
                  actions: "applyChange",
                },
                RECORD_FC_REJECTION: { guard: "isLeadership", target: "none", actions: "clearChange" },
                WITHDRAW_CHANGE: { guard: "isOwningOfficer", target: "none", actions: "clearChange" },
              },
            },
          },
        },
      },
    },
    benefitsReview: {
      on: {
        // Repeatable: a later report replaces an earlier estimate.
        REPORT_BENEFITS: { guard: "isOwningOfficer", actions: "recordBenefits" },
        CLOSE: { guard: and(["isLeadReviewer", "benefitsReported"]), target: "closed" },
      },
    },
    rejected: { type: "final" },
    withdrawn: { type: "final" },
    closed: { type: "final" },
  },
});

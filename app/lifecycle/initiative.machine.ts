/**
 * The initiative lifecycle (DESIGN.md §1): the single source of truth for what may happen next. Pure —
 * no clock, no I/O, no randomness — so the server can compute transitions with XState's `transition()`
 * inside a database transaction and the browser can ask the same machine which actions to offer.
 */
import { and, assign, or, setup } from "xstate";
import { DIVISIONS, requiredDivisions, type Division, type Role } from "./divisions.ts";
import { eventPayloadSchemas, type EventPayload, type EventType } from "./events.ts";
import { proposalSubmissionSchema, requestedAmount, type ProposalSubmission } from "../initiatives/proposal.schema.ts";

/**
 * Bump when a change would make stored snapshots resolve differently (renamed states, a new context
 * shape); ship a data migration with it.
 */
export const MACHINE_VERSION = 1;

/** HK$20,000,000: the Head 710 Computerisation block allocation's ceiling per project (Subhead A007GX). */
export const DEFAULT_BLOCK_ALLOCATION_LIMIT = 20_000_000;

/** Who sends an event; the server fills it from the signed-in user, never from the request body. */
export type Actor = {
  id: string;
  role: Role;
  bureauCode?: string | null;
  division?: Division | null;
};

/** The proposal as stored: a complete submission whose milestones already have their database ids. */
export type StoredProposal = Omit<ProposalSubmission, "milestones"> & {
  milestones: (ProposalSubmission["milestones"][number] & { id: string })[];
};

type EventExtras = {
  SUBMIT: { proposal: StoredProposal };
  RESUBMIT: { proposal: StoredProposal };
  APPROVE_FUNDING: { blockAllocationLimit: number };
  REFER_TO_FINANCE_COMMITTEE: { blockAllocationLimit: number };
};

/** A machine event: the client payload plus what the server adds (actor, proposal, limit). */
export type InitiativeEventOf<T extends EventType> = { type: T; actor: Actor } & EventPayload<T> &
  (T extends keyof EventExtras ? EventExtras[T] : unknown);

export type InitiativeEvent = { [T in EventType]: InitiativeEventOf<T> }[EventType];

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

// Parameterised guard and action references, typed as literals so that setup() checks them.
const reviewerOf = (division: Division) => ({ type: "isReviewerOf", params: { division } }) as const;
const required = (division: Division) => ({ type: "isDivisionRequired", params: { division } }) as const;
const signoff = (division: Division) => ({ type: "recordSignoff", params: { division } }) as const;
const conditionsFrom = (division: Division) => ({ type: "attachConditions", params: { division } }) as const;

// A caller may hand the machine a raw body rather than a parsed one, so every transition re-validates
// the payload with the schema the API uses (`validPayload`) and actions read the parsed values.
function parsedPayload<T extends EventType>(event: { type: T }) {
  const schema = eventPayloadSchemas[event.type] as unknown as {
    safeParse: (v: unknown) => { success: true; data: EventPayload<T> } | { success: false };
  };
  const result = schema.safeParse(event);
  return result.success ? result.data : null;
}

function isPositiveWhole(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0;
}

function limitOf(event: object): number {
  const limit = (event as { blockAllocationLimit?: unknown }).blockAllocationLimit;
  return typeof limit === "number" && Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_BLOCK_ALLOCATION_LIMIT;
}

function hasText(value: unknown): boolean {
  return typeof value === "string" && value.trim().length > 0;
}

function storedProposal(event: { proposal?: unknown }): StoredProposal | null {
  const result = proposalSubmissionSchema.safeParse(event.proposal);
  if (!result.success) return null;
  const ids = result.data.milestones.map((m) => m.id);
  // Progress is reported against milestone ids, so each must exist and be unique.
  if (ids.some((id) => !id) || new Set(ids).size !== ids.length) return null;
  return result.data as StoredProposal;
}

export const initiativeMachine = setup({
  types: {
    context: {} as InitiativeContext,
    events: {} as InitiativeEvent,
    input: {} as InitiativeInput,
  },
  guards: {
    isOwningOfficer: ({ context, event }) =>
      event.actor?.role === "OFFICER" && !!event.actor.bureauCode && event.actor.bureauCode === context.bureauCode,
    isReviewerOf: ({ event }, params: DivisionParams) =>
      event.actor?.role === "REVIEWER" && event.actor.division === params.division,
    isLeadReviewer: ({ context, event }) =>
      event.actor?.role === "REVIEWER" &&
      context.leadDivision !== null &&
      event.actor.division === context.leadDivision,
    isLeadership: ({ event }) => event.actor?.role === "LEADERSHIP",
    isDivisionRequired: ({ context }, params: DivisionParams) => context.requiredDivisions.includes(params.division),
    validPayload: ({ event }) => parsedPayload(event) !== null,
    proposalComplete: ({ event }) => storedProposal(event as { proposal?: unknown }) !== null,
    hasReason: ({ event }) => hasText((event as { reason?: unknown }).reason),
    hasNote: ({ event }) => hasText((event as { note?: unknown }).note),
    hasConditions: ({ event }) => {
      const list = (event as { conditions?: unknown }).conditions;
      return Array.isArray(list) && list.length > 0;
    },
    // Which route a project takes is decided by what it REQUESTS, not by what is granted: a request
    // above the limit goes to the Finance Committee, and the lead division may not trim it (or split
    // it) to fit the block allocation; a request within the limit is the DPO's to approve.
    requestWithinBlockAllocation: ({ context, event }) => context.requestedAmount <= limitOf(event),
    requestAboveBlockAllocation: ({ context, event }) => context.requestedAmount > limitOf(event),
    amountWithinBlockAllocation: ({ context, event }) => {
      const amount = (event as { amount?: unknown }).amount;
      return isPositiveWhole(amount) && amount <= context.requestedAmount && amount <= limitOf(event);
    },
    amountAboveBlockAllocation: ({ context, event }) => {
      const amount = (event as { amount?: unknown }).amount;
      return isPositiveWhole(amount) && amount > limitOf(event) && amount <= context.requestedAmount;
    },
    // The Finance Committee may approve less than was put to it, never more.
    financeCommitteeAmountValid: ({ context, event }) => {
      const amount = (event as { amount?: unknown }).amount;
      if (amount === undefined || amount === null || amount === "") return true;
      const ceiling = context.referredAmount ?? context.requestedAmount;
      return isPositiveWhole(amount) && amount <= ceiling;
    },
    milestoneOpen: ({ context, event }) => {
      const id = (event as { milestoneId?: unknown }).milestoneId;
      return context.milestones.some((m) => m.id === id && !m.done);
    },
    allMilestonesDone: ({ context }) => context.milestones.every((m) => m.done),
    conditionOpen: ({ context, event }) => {
      const id = (event as { conditionId?: unknown }).conditionId;
      return context.conditions.some((c) => c.id === id && c.status === "open");
    },
    noOpenConditions: ({ context }) => context.conditions.every((c) => c.status !== "open"),
    benefitsReported: ({ context }) => context.benefitsReported,
  },
  actions: {
    recordSubmission: assign(({ context, event }) => {
      const proposal = storedProposal(event as { proposal?: unknown });
      if (!proposal) return {};
      return {
        leadDivision: proposal.leadDivision,
        requiredDivisions: requiredDivisions(proposal),
        requestedAmount: requestedAmount(proposal),
        milestones: proposal.milestones.map((m) => ({ id: m.id, done: false })),
        round: context.round + 1,
        signedOff: [],
      };
    }),
    recordSignoff: assign(({ context }, params: DivisionParams) => ({
      signedOff: context.signedOff.includes(params.division)
        ? context.signedOff
        : DIVISIONS.filter((d) => d === params.division || context.signedOff.includes(d)),
    })),
    attachConditions: assign(({ context, event }, params: DivisionParams) => {
      const payload = event.type === "APPROVE_WITH_CONDITIONS" ? parsedPayload(event) : null;
      if (!payload) return {};
      const added = payload.conditions.map((c, i): InitiativeCondition => ({
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
    })),
    recordReferral: assign(({ event }) => ({
      referredAmount: event.type === "REFER_TO_FINANCE_COMMITTEE" ? event.amount : null,
    })),
    recordFinanceCommitteeApproval: assign(({ context, event }) => {
      const payload = event.type === "RECORD_FC_APPROVAL" ? parsedPayload(event) : null;
      return { fundedAmount: payload?.amount ?? context.referredAmount ?? context.requestedAmount };
    }),
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
}).createMachine({
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
  }),
  states: {
    draft: {
      on: {
        SUBMIT: {
          guard: and(["isOwningOfficer", "proposalComplete", "validPayload"]),
          target: "efficiencyReview",
          actions: "recordSubmission",
        },
        WITHDRAW: {
          guard: and(["isOwningOfficer", "hasReason", "validPayload"]),
          target: "withdrawn",
        },
      },
    },
    efficiencyReview: {
      type: "parallel",
      onDone: { target: "fundingReview" },
      on: {
        WITHDRAW: {
          guard: and(["isOwningOfficer", "hasReason", "validPayload"]),
          target: "withdrawn",
        },
        MEET_CONDITION: {
          guard: and(["isOwningOfficer", "conditionOpen", "hasNote", "validPayload"]),
          actions: "markConditionMet",
        },
      },
      // One region per division (keys as REGION_OF). Written out rather than generated so that XState's
      // types check every guard and action name in them.
      states: {
        digitalGovernment: {
          initial: "routing",
          states: {
            routing: {
              always: [
                {
                  guard: required("DIGITAL_GOVERNMENT"),
                  target: "pending",
                },
                { target: "notRequired" },
              ],
            },
            pending: {
              on: {
                APPROVE: {
                  guard: and([reviewerOf("DIGITAL_GOVERNMENT"), "validPayload"]),
                  target: "approved",
                  actions: signoff("DIGITAL_GOVERNMENT"),
                },
                APPROVE_WITH_CONDITIONS: {
                  guard: and([reviewerOf("DIGITAL_GOVERNMENT"), "hasConditions", "validPayload"]),
                  target: "approved",
                  actions: [signoff("DIGITAL_GOVERNMENT"), conditionsFrom("DIGITAL_GOVERNMENT")],
                },
                REQUEST_CHANGES: {
                  guard: and([reviewerOf("DIGITAL_GOVERNMENT"), "hasReason", "validPayload"]),
                  target: "#initiative.returned",
                },
                REJECT: {
                  guard: and([reviewerOf("DIGITAL_GOVERNMENT"), "hasReason", "validPayload"]),
                  target: "#initiative.rejected",
                },
              },
            },
            approved: { type: "final" },
            notRequired: { type: "final" },
          },
        },
        dataGovernance: {
          initial: "routing",
          states: {
            routing: {
              always: [
                {
                  guard: required("DATA_GOVERNANCE"),
                  target: "pending",
                },
                { target: "notRequired" },
              ],
            },
            pending: {
              on: {
                APPROVE: {
                  guard: and([reviewerOf("DATA_GOVERNANCE"), "validPayload"]),
                  target: "approved",
                  actions: signoff("DATA_GOVERNANCE"),
                },
                APPROVE_WITH_CONDITIONS: {
                  guard: and([reviewerOf("DATA_GOVERNANCE"), "hasConditions", "validPayload"]),
                  target: "approved",
                  actions: [signoff("DATA_GOVERNANCE"), conditionsFrom("DATA_GOVERNANCE")],
                },
                REQUEST_CHANGES: {
                  guard: and([reviewerOf("DATA_GOVERNANCE"), "hasReason", "validPayload"]),
                  target: "#initiative.returned",
                },
                REJECT: {
                  guard: and([reviewerOf("DATA_GOVERNANCE"), "hasReason", "validPayload"]),
                  target: "#initiative.rejected",
                },
              },
            },
            approved: { type: "final" },
            notRequired: { type: "final" },
          },
        },
        digitalInfrastructure: {
          initial: "routing",
          states: {
            routing: {
              always: [
                {
                  guard: required("DIGITAL_INFRASTRUCTURE"),
                  target: "pending",
                },
                { target: "notRequired" },
              ],
            },
            pending: {
              on: {
                APPROVE: {
                  guard: and([reviewerOf("DIGITAL_INFRASTRUCTURE"), "validPayload"]),
                  target: "approved",
                  actions: signoff("DIGITAL_INFRASTRUCTURE"),
                },
                APPROVE_WITH_CONDITIONS: {
                  guard: and([reviewerOf("DIGITAL_INFRASTRUCTURE"), "hasConditions", "validPayload"]),
                  target: "approved",
                  actions: [signoff("DIGITAL_INFRASTRUCTURE"), conditionsFrom("DIGITAL_INFRASTRUCTURE")],
                },
                REQUEST_CHANGES: {
                  guard: and([reviewerOf("DIGITAL_INFRASTRUCTURE"), "hasReason", "validPayload"]),
                  target: "#initiative.returned",
                },
                REJECT: {
                  guard: and([reviewerOf("DIGITAL_INFRASTRUCTURE"), "hasReason", "validPayload"]),
                  target: "#initiative.rejected",
                },
              },
            },
            approved: { type: "final" },
            notRequired: { type: "final" },
          },
        },
      },
    },
    returned: {
      on: {
        // Re-entering efficiencyReview re-runs every region's routing, so each required division is
        // pending again and any change of scope in the revised proposal is honoured.
        RESUBMIT: {
          guard: and(["isOwningOfficer", "proposalComplete", "validPayload"]),
          target: "efficiencyReview",
          actions: "recordSubmission",
        },
        WITHDRAW: {
          guard: and(["isOwningOfficer", "hasReason", "validPayload"]),
          target: "withdrawn",
        },
        MEET_CONDITION: {
          guard: and(["isOwningOfficer", "conditionOpen", "hasNote", "validPayload"]),
          actions: "markConditionMet",
        },
      },
    },
    fundingReview: {
      on: {
        APPROVE_FUNDING: {
          guard: and(["isLeadReviewer", "requestWithinBlockAllocation", "amountWithinBlockAllocation", "validPayload"]),
          target: "delivery",
          actions: "recordFunding",
        },
        REFER_TO_FINANCE_COMMITTEE: {
          guard: and(["isLeadReviewer", "requestAboveBlockAllocation", "amountAboveBlockAllocation", "validPayload"]),
          target: "awaitingFinanceCommittee",
          actions: "recordReferral",
        },
        DEFER: {
          guard: and(["isLeadReviewer", "hasReason", "validPayload"]),
          target: "deferred",
        },
        REJECT: {
          guard: and(["isLeadReviewer", "hasReason", "validPayload"]),
          target: "rejected",
        },
        WITHDRAW: {
          guard: and(["isOwningOfficer", "hasReason", "validPayload"]),
          target: "withdrawn",
        },
        MEET_CONDITION: {
          guard: and(["isOwningOfficer", "conditionOpen", "hasNote", "validPayload"]),
          actions: "markConditionMet",
        },
      },
    },
    deferred: {
      on: {
        REOPEN: {
          guard: and(["isLeadReviewer", "validPayload"]),
          target: "fundingReview",
        },
        WITHDRAW: {
          guard: and(["isOwningOfficer", "hasReason", "validPayload"]),
          target: "withdrawn",
        },
        MEET_CONDITION: {
          guard: and(["isOwningOfficer", "conditionOpen", "hasNote", "validPayload"]),
          actions: "markConditionMet",
        },
      },
    },
    awaitingFinanceCommittee: {
      on: {
        RECORD_FC_APPROVAL: {
          guard: and(["isLeadership", "financeCommitteeAmountValid", "validPayload"]),
          target: "delivery",
          actions: "recordFinanceCommitteeApproval",
        },
        RECORD_FC_REJECTION: {
          guard: and(["isLeadership", "validPayload"]),
          target: "rejected",
        },
        MEET_CONDITION: {
          guard: and(["isOwningOfficer", "conditionOpen", "hasNote", "validPayload"]),
          actions: "markConditionMet",
        },
      },
    },
    delivery: {
      initial: "inProgress",
      on: {
        MEET_CONDITION: {
          guard: and(["isOwningOfficer", "conditionOpen", "hasNote", "validPayload"]),
          actions: "markConditionMet",
        },
      },
      states: {
        inProgress: {
          on: {
            REPORT_PROGRESS: {
              guard: and(["isOwningOfficer", "milestoneOpen", "validPayload"]),
              actions: "markMilestoneDone",
            },
            PAUSE: {
              guard: and([or(["isOwningOfficer", "isLeadReviewer"]), "hasReason", "validPayload"]),
              target: "onHold",
            },
            // Only from inProgress: a project on hold is resumed before it can be declared complete.
            COMPLETE: {
              guard: and(["isOwningOfficer", "allMilestonesDone", "noOpenConditions", "validPayload"]),
              target: "#initiative.benefitsReview",
            },
          },
        },
        onHold: {
          on: {
            RESUME: {
              guard: and([or(["isOwningOfficer", "isLeadReviewer"]), "hasReason", "validPayload"]),
              target: "inProgress",
            },
          },
        },
      },
    },
    benefitsReview: {
      on: {
        // Repeatable: a later report replaces an earlier estimate.
        REPORT_BENEFITS: {
          guard: and(["isOwningOfficer", "hasNote", "validPayload"]),
          actions: "recordBenefits",
        },
        CLOSE: {
          guard: and(["isLeadReviewer", "benefitsReported", "validPayload"]),
          target: "closed",
        },
      },
    },
    rejected: { type: "final" },
    withdrawn: { type: "final" },
    closed: { type: "final" },
  },
});

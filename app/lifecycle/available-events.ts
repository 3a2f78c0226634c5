/**
 * Which events an actor may send now, asked of the machine itself: each event type is probed with a
 * valid sample payload, so the answer is "this actor may do this in this state, given these facts"
 * (open conditions, undone milestones, benefits not yet reported, the amount requested) without a
 * second copy of the guards. What the actor will actually type (amount, reason) is checked again when
 * the real event is applied.
 */
import { EVENT_TYPES, type EventType } from "./events.ts";
import {
  DEFAULT_BLOCK_ALLOCATION_LIMIT,
  type Actor,
  type InitiativeEvent,
  type StoredProposal,
} from "./initiative.machine.ts";
import type { InitiativeSnapshot } from "./snapshot.ts";

/**
 * A complete proposal used only to ask whether SUBMIT/RESUBMIT are open to an actor; whether the
 * actual proposal is complete is the form's and the server's business.
 */
const SAMPLE_PROPOSAL: StoredProposal = {
  titleEn: "Availability probe",
  titleZh: "可用性檢查",
  category: "E_SERVICE",
  leadDivision: "DIGITAL_GOVERNMENT",
  summary: "Probe",
  handlesPersonalData: false,
  sharesDataAcrossBureaux: false,
  needsNewInfrastructure: false,
  citizenFacing: false,
  nonRecurrentCost: 1,
  recurrentCost: 0,
  expectedAnnualSavings: 0,
  expectedStaffHoursSaved: 0,
  plannedStart: "2000-01-01",
  plannedEnd: "2000-12-31",
  milestones: [{ id: "probe", name: "Probe", due: "2000-06-30" }],
};

const PROBE_TEXT = "probe";

function probeEvent(
  type: EventType,
  snapshot: InitiativeSnapshot,
  actor: Actor,
  limit: number,
): InitiativeEvent | null {
  const { context } = snapshot;
  switch (type) {
    case "SUBMIT":
    case "RESUBMIT":
      return { type, actor, proposal: SAMPLE_PROPOSAL };
    case "WITHDRAW":
    case "RESUME":
      return { type, actor, reason: PROBE_TEXT };
    case "APPROVE":
      return { type, actor };
    case "APPROVE_WITH_CONDITIONS":
      return { type, actor, conditions: [{ text: PROBE_TEXT }] };
    case "REQUEST_CHANGES":
    case "REJECT":
    case "DEFER":
    case "PAUSE":
      return { type, actor, reason: PROBE_TEXT, reasonCode: "OTHER" };
    case "REBID":
      return {
        type,
        actor,
        proposal: SAMPLE_PROPOSAL,
        plannedStart: SAMPLE_PROPOSAL.plannedStart,
        plannedEnd: SAMPLE_PROPOSAL.plannedEnd,
        nonRecurrentCost: SAMPLE_PROPOSAL.nonRecurrentCost,
        note: PROBE_TEXT,
      };
    case "REOPEN":
    case "COMPLETE":
    case "CLOSE":
      return { type, actor };
    case "APPROVE_FUNDING": {
      // The largest amount the block allocation could grant: if even that is refused, no amount is
      // allowed (as when the request itself is above the limit and must go to the Finance Committee).
      const amount = Math.min(context.requestedAmount, limit);
      return amount > 0 ? { type, actor, amount, blockAllocationLimit: limit } : null;
    }
    case "REFER_TO_FINANCE_COMMITTEE":
      // The whole request: refused when the request is within the limit (the DPO approves those itself).
      return context.requestedAmount > 0
        ? { type, actor, amount: context.requestedAmount, blockAllocationLimit: limit }
        : null;
    case "RECORD_FC_APPROVAL":
      return { type, actor, paperRef: PROBE_TEXT, date: "2000-01-01" };
    case "RECORD_FC_REJECTION":
      return { type, actor };
    case "REPORT_PROGRESS": {
      const milestone = context.milestones.find((m) => !m.done);
      return milestone ? { type, actor, milestoneId: milestone.id, date: "2000-01-01" } : null;
    }
    case "REPORT_BENEFITS":
      return { type, actor, realisedAnnualSavings: 0, realisedStaffHoursSaved: 0, note: PROBE_TEXT };
    case "MEET_CONDITION": {
      const condition = context.conditions.find((c) => c.status === "open");
      return condition ? { type, actor, conditionId: condition.id, note: PROBE_TEXT } : null;
    }
    case "REQUEST_CHANGE":
      // A change of dates only: whether money would need the Finance Committee is the request's business.
      return {
        type,
        actor,
        reason: PROBE_TEXT,
        plannedEnd: SAMPLE_PROPOSAL.plannedEnd,
        blockAllocationLimit: limit,
        addedMilestoneIds: [],
      };
    case "WITHDRAW_CHANGE":
    case "APPROVE_CHANGE":
      return { type, actor };
    case "REJECT_CHANGE":
      return { type, actor, reason: PROBE_TEXT, reasonCode: "OTHER" };
  }
}

/**
 * The event types `actor` may send to the initiative in `snapshot` now, in {@link EVENT_TYPES} order.
 * `blockAllocationLimit` is the current setting (default HK$20,000,000); it decides whether funding
 * can be approved by the DPO or must be referred to the Finance Committee.
 */
export function availableEvents(
  snapshot: InitiativeSnapshot,
  actor: Actor,
  opts: { blockAllocationLimit?: number } = {},
): EventType[] {
  if (snapshot.status !== "active") return [];
  const limit = opts.blockAllocationLimit ?? DEFAULT_BLOCK_ALLOCATION_LIMIT;
  return EVENT_TYPES.filter((type) => {
    const probe = probeEvent(type, snapshot, actor, limit);
    return probe !== null && snapshot.can(probe);
  });
}

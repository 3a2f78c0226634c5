/**
 * Why the machine refused an event, told apart as the service answers it: 403 when the caller's role may
 * not send the event here at all (someone else could), 422 when the caller could but the facts stop it
 * (wrong state, a rule of funding, milestones left), with a precise message as an i18n key and, for the
 * funding rules, the key beside the amount field. Pure: asks the machine, never the database.
 */
import type { Message } from "~/utils/message.ts";
import { availableEvents } from "./available-events.ts";
import { DIVISIONS } from "./divisions.ts";
import type { EventType } from "./events.ts";
import { fundingRuleBroken, type FundingRoute, type FundingRuleKey } from "./funding-rules.ts";
import { initiativeMachine, type Actor } from "./initiative.machine.ts";
import { changeStateOf, deliverySubstate, stateLabel, type InitiativeSnapshot } from "./snapshot.ts";

export type Refusal =
  { status: 403; message: Message } | { status: 422; message: Message; fields?: Record<string, string[]> };

/** The event, the facts behind it and who sent it, as the service knows them when the machine said no. */
export type RefusedEvent = {
  snapshot: InitiativeSnapshot;
  actor: Actor;
  type: EventType;
  payload: Record<string, unknown>;
  /** The block-allocation limit in force. */
  limit: number;
};

const hkd = (amount: number) => `HK$${amount.toLocaleString("en")}`;

/**
 * The snapshot with the facts an event needs made true (an open condition to meet, a milestone left to
 * report, everything done for completion, benefits reported for closing), state unchanged: used only
 * to ask who may send the event in principle.
 */
function withFactsAllowing(snapshot: InitiativeSnapshot, type: EventType): InitiativeSnapshot {
  const c = snapshot.context;
  let context: typeof c;
  switch (type) {
    case "MEET_CONDITION":
      context = {
        ...c,
        conditions: [
          ...c.conditions,
          {
            id: "probe",
            text: "probe",
            division: c.leadDivision ?? "DIGITAL_GOVERNMENT",
            round: c.round,
            status: "open",
          },
        ],
      };
      break;
    case "REPORT_PROGRESS":
      context = { ...c, milestones: [...c.milestones, { id: "probe", done: false }] };
      break;
    case "COMPLETE":
      context = {
        ...c,
        milestones: c.milestones.map((m) => ({ ...m, done: true })),
        conditions: c.conditions.map((x) => ({ ...x, status: "met" as const })),
        change: null,
      };
      break;
    case "CLOSE":
      context = { ...c, benefitsReported: true };
      break;
    default:
      return snapshot;
  }
  return initiativeMachine.resolveState({ value: snapshot.value, context });
}

/** Someone who could send some event to this snapshot now: used to tell "not your role" from "not now". */
function potentialActors(snapshot: InitiativeSnapshot): Actor[] {
  const { bureauCode } = snapshot.context;
  return [
    { id: "probe-officer", role: "OFFICER", bureauCode },
    ...DIVISIONS.map((division): Actor => ({ id: `probe-${division}`, role: "REVIEWER", division })),
    { id: "probe-leadership", role: "LEADERSHIP" },
  ];
}

/** Whether any active state node of the snapshot has a transition for this event type. */
function stateHandles(snapshot: InitiativeSnapshot, type: EventType): boolean {
  return snapshot._nodes.some((node) => node.ownEvents.includes(type));
}

/** The whole-event message for each funding rule (the field message is the rule's own key). */
function fundingMessage(rule: FundingRuleKey, requested: number, limit: number, amount: number | null): Message {
  switch (rule) {
    case "funding.errors.requestAboveLimit":
      return { key: "refusal.requestAboveLimit", values: { requested: hkd(requested), limit: hkd(limit) } };
    case "funding.errors.requestWithinLimit":
      return { key: "refusal.requestWithinLimit", values: { requested: hkd(requested), limit: hkd(limit) } };
    case "funding.errors.aboveRequested":
      return { key: "refusal.exceedsRequest", values: { requested: hkd(requested) } };
    case "funding.errors.referAboveLimit":
      return { key: "refusal.referWithinLimit", values: { amount: hkd(amount ?? 0), limit: hkd(limit) } };
  }
}

const isFundingRoute = (type: EventType): type is FundingRoute =>
  type === "APPROVE_FUNDING" || type === "REFER_TO_FINANCE_COMMITTEE";

/**
 * A precise reason for an event the caller may send in principle but not with these facts, with the
 * funding rule it breaks beside the amount. The fact-specific reasons apply only where the event belongs
 * (the state has it at all); elsewhere the answer is simply that the event is not possible in this state.
 */
function unprocessable({ snapshot, type, payload, limit }: RefusedEvent): Extract<Refusal, { status: 422 }> {
  const notNow: Message = { key: "refusal.notPossible", values: { type, state: stateLabel(snapshot) } };
  const reason = (key: Message["key"]) => ({ status: 422 as const, message: { key } });
  const change = changeStateOf(snapshot);
  // One change request at a time; and one above the limit is the Finance Committee's, not the lead division's.
  if (type === "REQUEST_CHANGE" && change) return reason("refusal.changeAlreadyOpen");
  if (type === "APPROVE_CHANGE" && change === "awaitingFinanceCommittee") {
    return reason("refusal.changeNeedsFinanceCommittee");
  }
  if (!stateHandles(snapshot, type)) return { status: 422, message: notNow };
  const { context } = snapshot;
  if (isFundingRoute(type)) {
    const requested = context.requestedAmount;
    const amount = typeof payload.amount === "number" ? payload.amount : null;
    const rule = fundingRuleBroken(type, { requested, limit, amount });
    if (rule)
      return { status: 422, message: fundingMessage(rule, requested, limit, amount), fields: { amount: [rule] } };
    return { status: 422, message: notNow };
  }
  switch (type) {
    case "RECORD_FC_APPROVAL":
      if (change !== "awaitingFinanceCommittee") return reason("refusal.aboveReferred");
      return reason("refusal.aboveChangeRequested");
    case "REPORT_PROGRESS":
      return reason("refusal.milestoneNotOpen");
    case "MEET_CONDITION":
      return reason("refusal.conditionNotOpen");
    case "COMPLETE":
      if (context.milestones.some((m) => !m.done)) return reason("refusal.milestonesLeft");
      if (context.conditions.some((c) => c.status === "open")) return reason("refusal.conditionsOpen");
      if (deliverySubstate(snapshot) === "onHold") return reason("refusal.onHold");
      if (change) return reason("refusal.changeOpen");
      break;
    case "REQUEST_CHANGE":
      return {
        ...reason("refusal.changeMilestoneNotOpen"),
        fields: { milestones: ["refusal.changeMilestoneNotOpen"] },
      };
    case "CLOSE":
      if (!context.benefitsReported) return reason("refusal.benefitsNotReported");
      break;
  }
  return { status: 422, message: notNow };
}

/**
 * How to answer an event the machine refused. Whether an actor could send this event here at all is asked
 * of the machine with the facts set aside: a funding route closed by the limit (approve above it, refer
 * within it) is a fact of the request, not of the role, so it is asked with a limit that would open it;
 * facts that stop everyone now (no open condition, milestones left, benefits not reported) are made true.
 * The caller who could hears why (422); a caller whose role never could, while someone else could, is
 * told it is not theirs (403).
 */
export function refusalOf(refused: RefusedEvent): Refusal {
  const { snapshot, actor, type, limit } = refused;
  const requested = snapshot.context.requestedAmount;
  const openingLimit =
    type === "APPROVE_FUNDING" ? requested : type === "REFER_TO_FINANCE_COMMITTEE" ? requested - 1 : null;
  const factsAside = withFactsAllowing(snapshot, type);
  const could = (a: Actor) =>
    availableEvents(factsAside, a, { blockAllocationLimit: limit }).includes(type) ||
    (openingLimit !== null &&
      openingLimit > 0 &&
      availableEvents(snapshot, a, { blockAllocationLimit: openingLimit }).includes(type));
  if (!could(actor) && potentialActors(snapshot).some(could)) {
    return { status: 403, message: { key: "refusal.roleMayNot", values: { type } } };
  }
  return unprocessable(refused);
}

/**
 * Generated paths: @xstate/graph explores the machine with concrete events from every role, and the
 * test shows that every state node is reachable and every transition written in the machine is taken
 * by some explored step. A transition nobody can take is either dead code or a guard bug.
 */
import { adjacencyMapToArray, getAdjacencyMap, getShortestPaths } from "@xstate/graph";
import { createActor, type AnyStateNode, type AnyTransitionDefinition } from "xstate";
import { describe, expect, it } from "vitest";
import { EVENT_TYPES, type EventType } from "./events.ts";
import {
  DEFAULT_BLOCK_ALLOCATION_LIMIT,
  initiativeMachine,
  type Actor,
  type InitiativeEvent,
  type StoredProposal,
} from "./initiative.machine.ts";
import { applyEvent, createInitialSnapshot, type InitiativeSnapshot } from "./snapshot.ts";

const ACTORS: Actor[] = [
  { id: "officer", role: "OFFICER", bureauCode: "ITIB" },
  { id: "other-officer", role: "OFFICER", bureauCode: "IMMD" },
  { id: "dg", role: "REVIEWER", division: "DIGITAL_GOVERNMENT" },
  { id: "dgov", role: "REVIEWER", division: "DATA_GOVERNANCE" },
  { id: "di", role: "REVIEWER", division: "DIGITAL_INFRASTRUCTURE" },
  { id: "leader", role: "LEADERSHIP" },
  { id: "admin", role: "ADMIN" },
];

const common = {
  titleEn: "Cross-departmental data exchange",
  titleZh: "跨部門數據交換",
  summary: "A consented data exchange between B/Ds.",
  category: "DATA_SHARING",
  nonRecurrentCost: 28_000_000,
  recurrentCost: 1_500_000,
  expectedAnnualSavings: 6_000_000,
  expectedStaffHoursSaved: 20_000,
  plannedStart: "2026-04-01",
  plannedEnd: "2027-09-30",
  milestones: [
    { id: "m1", name: "Design", due: "2026-08-31" },
    { id: "m2", name: "Launch", due: "2027-09-30" },
  ],
} as const;

/** Needs all three divisions (lead Data Governance): every region starts pending. */
const ALL_DIVISIONS: StoredProposal = {
  ...common,
  milestones: [...common.milestones],
  leadDivision: "DATA_GOVERNANCE",
  handlesPersonalData: true,
  sharesDataAcrossBureaux: true,
  needsNewInfrastructure: true,
  citizenFacing: true,
};

/** Needs only its lead, Data Governance. */
const DATA_GOVERNANCE_ONLY: StoredProposal = {
  ...ALL_DIVISIONS,
  handlesPersonalData: false,
  sharesDataAcrossBureaux: false,
  needsNewInfrastructure: false,
  citizenFacing: false,
};

/**
 * Needs only its lead, Digital Government, so Data Governance's region goes to notRequired too. It
 * requests less than the block-allocation limit, so the DPO may approve it (the others must be referred).
 */
const DIGITAL_GOVERNMENT_ONLY: StoredProposal = {
  ...DATA_GOVERNANCE_ONLY,
  category: "E_SERVICE",
  leadDivision: "DIGITAL_GOVERNMENT",
  nonRecurrentCost: 12_000_000,
};

const LIMIT = DEFAULT_BLOCK_ALLOCATION_LIMIT;

function eventsFor(type: EventType, actor: Actor, snap: InitiativeSnapshot): InitiativeEvent[] {
  const ctx = snap.context;
  switch (type) {
    case "SUBMIT":
    case "RESUBMIT":
      return [ALL_DIVISIONS, DATA_GOVERNANCE_ONLY, DIGITAL_GOVERNMENT_ONLY].map((proposal) => ({
        type,
        actor,
        proposal,
      }));
    case "WITHDRAW":
    case "RESUME":
      return [{ type, actor, reason: "Reason." }];
    case "REBID":
      return [
        {
          type,
          actor,
          proposal: DIGITAL_GOVERNMENT_ONLY,
          plannedStart: DIGITAL_GOVERNMENT_ONLY.plannedStart,
          plannedEnd: DIGITAL_GOVERNMENT_ONLY.plannedEnd,
          nonRecurrentCost: DIGITAL_GOVERNMENT_ONLY.nonRecurrentCost,
          note: "A year later.",
        },
      ];
    case "APPROVE":
    case "REOPEN":
    case "COMPLETE":
    case "CLOSE":
      return [{ type, actor }];
    case "APPROVE_WITH_CONDITIONS":
      return [{ type, actor, conditions: [{ text: "Privacy impact assessment" }] }];
    case "REQUEST_CHANGES":
    case "REJECT":
    case "DEFER":
    case "PAUSE":
      return [{ type, actor, reason: "Reason.", reasonCode: "OTHER" }];
    case "APPROVE_FUNDING":
      return [{ type, actor, amount: Math.min(ctx.requestedAmount, LIMIT) || 1, blockAllocationLimit: LIMIT }];
    case "REFER_TO_FINANCE_COMMITTEE":
      return [{ type, actor, amount: ctx.requestedAmount || 1, blockAllocationLimit: LIMIT }];
    case "RECORD_FC_APPROVAL":
      return [{ type, actor, paperRef: "FCR(2026-27)7", date: "2026-07-03" }];
    case "RECORD_FC_REJECTION":
      return [{ type, actor, paperRef: "FCR(2026-27)8", date: "2026-07-03" }];
    case "REPORT_PROGRESS":
      return ctx.milestones.filter((m) => !m.done).map((m) => ({ type, actor, milestoneId: m.id, date: "2026-08-01" }));
    case "REPORT_BENEFITS":
      return [{ type, actor, realisedAnnualSavings: 5_000_000, realisedStaffHoursSaved: 18_000, note: "Measured." }];
    case "MEET_CONDITION":
      return ctx.conditions
        .filter((c) => c.status === "open")
        .map((c) => ({ type, actor, conditionId: c.id, note: "Evidence attached." }));
    case "REQUEST_CHANGE": {
      // A change of dates (the lead division's), and one whose money takes the total above the limit.
      const request = { type, actor, reason: "Late supplier.", blockAllocationLimit: LIMIT, addedMilestoneIds: [] };
      return [
        { ...request, plannedEnd: "2028-03-31" },
        { ...request, additionalFunding: Math.max(1, LIMIT + 1 - (ctx.fundedAmount ?? 0)) },
      ];
    }
    case "WITHDRAW_CHANGE":
    case "APPROVE_CHANGE":
      return [{ type, actor }];
    case "REJECT_CHANGE":
      return [{ type, actor, reason: "Not justified.", reasonCode: "COST_NOT_JUSTIFIED" }];
  }
}

const allEvents = (snap: InitiativeSnapshot) =>
  EVENT_TYPES.flatMap((type) => ACTORS.flatMap((actor) => eventsFor(type, actor, snap)));

// Context grows without bound (rounds, condition numbers); the state space stays finite by keeping
// only the facts that change what may happen next.
function serializeState(snap: InitiativeSnapshot): string {
  const ctx = snap.context;
  return JSON.stringify({
    value: snap.value,
    lead: ctx.leadDivision,
    required: ctx.requiredDivisions,
    requested: ctx.requestedAmount,
    hasConditions: ctx.conditions.length > 0,
    openConditions: ctx.conditions.some((c) => c.status === "open"),
    milestonesDone: ctx.milestones.filter((m) => m.done).length,
    benefits: ctx.benefitsReported,
    referred: ctx.referredAmount !== null,
    // Above the limit or not decides a change's route; the baseline count only grows.
    fundedAboveLimit: (ctx.fundedAmount ?? 0) > LIMIT,
    changeOpen: ctx.change !== null,
  });
}

const traversal = {
  input: { bureauCode: "ITIB" },
  events: allEvents,
  serializeState: (s: InitiativeSnapshot) => serializeState(s),
  stopWhen: (s: InitiativeSnapshot) => s.status !== "active",
};

function allStateNodes(node: AnyStateNode = initiativeMachine.root): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allStateNodes(child))];
}

function definedTransitions(): AnyTransitionDefinition[] {
  return allStateNodes().flatMap((node) => [...[...node.transitions.values()].flat(), ...(node.always ?? [])]);
}

function describeTransition(t: AnyTransitionDefinition): string {
  const targets = (t.target ?? []).map((n: AnyStateNode) => n.id).join(",") || "(self)";
  return `${t.source.id} --${t.eventType || "(always)"}--> ${targets}`;
}

/** Ids of the state nodes a snapshot is in, from its value. */
function activeNodeIds(value: unknown, prefix = "initiative"): string[] {
  if (typeof value === "string") return [`${prefix}.${value}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => [
    `${prefix}.${key}`,
    ...activeNodeIds(inner, `${prefix}.${key}`),
  ]);
}

describe("initiativeMachine: generated paths", () => {
  const adjacency = getAdjacencyMap(initiativeMachine, traversal);
  const edges = adjacencyMapToArray(adjacency);
  const states = Object.values(adjacency).map((v) => v.state as InitiativeSnapshot);

  it("explores a finite state space", () => {
    expect(states.length).toBeGreaterThan(20);
    expect(states.length).toBeLessThan(2000);
  });

  it("reaches every state node (transient routing states are left at once, so only their exits show)", () => {
    const visited = new Set(states.flatMap((s) => activeNodeIds(s.value)));
    const stable = allStateNodes()
      .filter((n) => n !== initiativeMachine.root && n.key !== "routing")
      .map((n) => n.id);
    expect(stable.filter((id) => !visited.has(id))).toEqual([]);
    for (const region of ["digitalGovernment", "dataGovernance", "digitalInfrastructure"]) {
      for (const leaf of ["pending", "approved", "notRequired"]) {
        expect(visited).toContain(`initiative.efficiencyReview.${region}.${leaf}`);
      }
    }
  });

  it("takes every transition of the machine definition at least once", () => {
    const taken = new Set<AnyTransitionDefinition>();
    for (const { state, event } of edges) {
      const snap = state as InitiativeSnapshot;
      if (snap.status !== "active" || !snap.can(event)) continue;
      // A live actor reports each microstep's transitions (including eventless ones: routing and
      // onDone), which the pure transition function does not expose.
      const actor = createActor(initiativeMachine, {
        snapshot: initiativeMachine.getPersistedSnapshot(snap),
        input: { bureauCode: snap.context.bureauCode }, // required by the type, unused when restoring
        inspect: (e) => {
          if (e.type === "@xstate.microstep") for (const t of e._transitions) taken.add(t);
        },
      });
      actor.start();
      actor.send(event);
      actor.stop();
    }
    const defined = definedTransitions();
    expect(defined.length).toBeGreaterThan(40);
    expect(defined.filter((t) => !taken.has(t)).map(describeTransition)).toEqual([]);
  });

  it("finds a shortest path from a new draft to every final state, replayable through applyEvent", () => {
    const paths = getShortestPaths(initiativeMachine, traversal);
    for (const stage of ["closed", "rejected", "withdrawn"]) {
      const path = paths.find((p) => p.state.value === stage);
      expect(path, stage).toBeDefined();
      let snap = createInitialSnapshot({ bureauCode: "ITIB" });
      // The first step is the initial transition, not an event anyone sends.
      for (const { event } of path!.steps.slice(1)) {
        const result = applyEvent(snap, event);
        expect(result.ok, `${event.type} on the way to ${stage}`).toBe(true);
        if (result.ok) snap = result.snapshot;
      }
      expect(snap.value).toBe(stage);
    }
    const closed = paths.find((p) => p.state.value === "closed")!;
    expect(closed.steps.map((s) => s.event.type)).toEqual([
      "xstate.init",
      "SUBMIT",
      "APPROVE",
      "APPROVE_FUNDING",
      "REPORT_PROGRESS",
      "REPORT_PROGRESS",
      "COMPLETE",
      "REPORT_BENEFITS",
      "CLOSE",
    ]);
  });

  it("never lets an administrator or another B/D's officer change anything", () => {
    for (const { state, event } of edges) {
      if (event.actor.role === "ADMIN" || event.actor.bureauCode === "IMMD") {
        expect((state as InitiativeSnapshot).can(event), `${event.type} by ${event.actor.id}`).toBe(false);
      }
    }
  });
});

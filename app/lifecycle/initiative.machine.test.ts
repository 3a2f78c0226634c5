import { describe, expect, it } from "vitest";
import { availableEvents } from "./available-events.ts";
import { DIVISIONS, REGION_OF, type Division } from "./divisions.ts";
import { EVENT_TYPES, type EventType } from "./events.ts";
import {
  initiativeMachine,
  MACHINE_VERSION,
  type Actor,
  type InitiativeEvent,
  type StoredProposal,
} from "./initiative.machine.ts";
import {
  applyEvent,
  createInitialSnapshot,
  deliverySubstate,
  persistSnapshot,
  restoreSnapshot,
  signoffsOf,
  SnapshotRestoreError,
  stageOf,
  type InitiativeSnapshot,
} from "./snapshot.ts";

// ---------------------------------------------------------------------------------------------------
// Actors, proposals and sample events
// ---------------------------------------------------------------------------------------------------

const ACTORS = {
  officer: { id: "u-officer", role: "OFFICER", bureauCode: "ITIB" },
  otherOfficer: { id: "u-other", role: "OFFICER", bureauCode: "IMMD" },
  dg: { id: "u-dg", role: "REVIEWER", division: "DIGITAL_GOVERNMENT" },
  dgov: { id: "u-dgov", role: "REVIEWER", division: "DATA_GOVERNANCE" },
  di: { id: "u-di", role: "REVIEWER", division: "DIGITAL_INFRASTRUCTURE" },
  // A division head: leadership with a division must not gain a reviewer's rights.
  leader: { id: "u-leader", role: "LEADERSHIP", division: "DIGITAL_GOVERNMENT" },
  // Carries a matching B/D and division to show that the role alone shuts administrators out.
  admin: { id: "u-admin", role: "ADMIN", bureauCode: "ITIB", division: "DIGITAL_GOVERNMENT" },
} satisfies Record<string, Actor>;
type ActorName = keyof typeof ACTORS;
const ACTOR_NAMES = Object.keys(ACTORS) as ActorName[];

const base: Omit<StoredProposal, "leadDivision" | "category"> = {
  titleEn: "e-Licensing Portal",
  titleZh: "電子牌照平台",
  summary: "One portal for licence applications.",
  handlesPersonalData: false,
  sharesDataAcrossBureaux: false,
  needsNewInfrastructure: false,
  citizenFacing: false,
  nonRecurrentCost: 30_000_000,
  recurrentCost: 2_000_000,
  expectedAnnualSavings: 5_000_000,
  expectedStaffHoursSaved: 12_000,
  plannedStart: "2026-04-01",
  plannedEnd: "2027-12-31",
  milestones: [
    { id: "m1", name: "Tender awarded", due: "2026-09-30" },
    { id: "m2", name: "Go-live", due: "2027-10-31" },
  ],
};

/** Lead Digital Government; every division must sign off; HK$30M requested (above the limit). */
const ALL_THREE: StoredProposal = {
  ...base,
  category: "E_SERVICE",
  leadDivision: "DIGITAL_GOVERNMENT",
  handlesPersonalData: true,
  needsNewInfrastructure: true,
  citizenFacing: true,
};

/** Lead Digital Government alone; HK$5M requested (within the limit); one milestone. */
const LEAD_ONLY: StoredProposal = {
  ...base,
  category: "AI_AUTOMATION",
  leadDivision: "DIGITAL_GOVERNMENT",
  nonRecurrentCost: 5_000_000,
  milestones: [{ id: "m1", name: "Pilot live", due: "2026-12-31" }],
};

/** Lead Data Governance with Digital Infrastructure; Digital Government not required. */
const MIXED: StoredProposal = {
  ...base,
  category: "DATA_SHARING",
  leadDivision: "DATA_GOVERNANCE",
  sharesDataAcrossBureaux: true,
  needsNewInfrastructure: true,
};

const LIMIT = 20_000_000;

/** A valid event of `type` from `actor`, with payload fitted to the snapshot's facts. */
function sample(type: EventType, actor: Actor, snap: InitiativeSnapshot): InitiativeEvent {
  const ctx = snap.context;
  switch (type) {
    case "SUBMIT":
    case "RESUBMIT":
      return { type, actor, proposal: ALL_THREE };
    case "WITHDRAW":
    case "RESUME":
      return { type, actor, reason: "Because." };
    case "APPROVE":
      return { type, actor, comment: "Fine." };
    case "APPROVE_WITH_CONDITIONS":
      return { type, actor, conditions: [{ text: "Complete a privacy impact assessment", due: "2026-12-31" }] };
    case "REQUEST_CHANGES":
    case "REJECT":
    case "DEFER":
    case "PAUSE":
      return { type, actor, reason: "See the note.", reasonCode: "OTHER" };
    case "REOPEN":
      return { type, actor, reason: "New funding round." };
    case "REBID":
      return {
        type,
        actor,
        proposal: { ...ALL_THREE, plannedStart: "2026-05-01", nonRecurrentCost: 9_000_000 },
        plannedStart: "2026-05-01",
        plannedEnd: "2027-12-31",
        nonRecurrentCost: 9_000_000,
        note: "Cheaper, a year later.",
      };
    case "APPROVE_FUNDING":
      return { type, actor, amount: Math.min(ctx.requestedAmount, LIMIT) || 1, blockAllocationLimit: LIMIT };
    case "REFER_TO_FINANCE_COMMITTEE":
      return { type, actor, amount: ctx.requestedAmount || 1, blockAllocationLimit: LIMIT };
    case "RECORD_FC_APPROVAL":
      return { type, actor, paperRef: "FCR(2026-27)42", date: "2026-06-12" };
    case "RECORD_FC_REJECTION":
      return { type, actor, paperRef: "FCR(2026-27)43", date: "2026-06-12", reason: "Not supported." };
    case "REPORT_PROGRESS":
      return { type, actor, milestoneId: ctx.milestones.find((m) => !m.done)?.id ?? "m1", date: "2026-09-01" };
    case "COMPLETE":
      return { type, actor };
    case "REPORT_BENEFITS":
      return { type, actor, realisedAnnualSavings: 4_000_000, realisedStaffHoursSaved: 10_000, note: "Audited." };
    case "CLOSE":
      return { type, actor, note: "Done." };
    case "MEET_CONDITION":
      return {
        type,
        actor,
        conditionId: ctx.conditions.find((c) => c.status === "open")?.id ?? "C1",
        note: "PIA completed.",
      };
    case "REQUEST_CHANGE":
      return {
        type,
        actor,
        reason: "The supplier is six months late.",
        plannedEnd: "2028-06-30",
        blockAllocationLimit: LIMIT,
        addedMilestoneIds: [],
      };
    case "WITHDRAW_CHANGE":
      return { type, actor, reason: "Caught up." };
    case "APPROVE_CHANGE":
      return { type, actor, comment: "Agreed." };
    case "REJECT_CHANGE":
      return { type, actor, reason: "Not justified.", reasonCode: "COST_NOT_JUSTIFIED" };
  }
}

type Step = [EventType, ActorName, Partial<Record<string, unknown>>?];

function step(snap: InitiativeSnapshot, [type, who, extra]: Step): InitiativeSnapshot {
  const event = { ...sample(type, ACTORS[who], snap), ...extra } as InitiativeEvent;
  const result = applyEvent(snap, event);
  if (!result.ok) throw new Error(`${type} by ${who} refused in ${label(snap)}`);
  return result.snapshot;
}

function drive(steps: Step[], from: InitiativeSnapshot = createInitialSnapshot({ bureauCode: "ITIB" })) {
  return steps.reduce(step, from);
}

function attempt(snap: InitiativeSnapshot, type: EventType, who: ActorName, extra: Record<string, unknown> = {}) {
  return applyEvent(snap, { ...sample(type, ACTORS[who], snap), ...extra } as InitiativeEvent);
}

type RegionStatus = "pending" | "approved" | "notRequired";
const review = (dg: RegionStatus, dgov: RegionStatus, di: RegionStatus) =>
  `efficiencyReview[DG:${dg},DGOV:${dgov},DI:${di}]`;

/** The state, read straight from the snapshot value (not through the helpers under test). */
function label(snap: InitiativeSnapshot): string {
  const value = snap.value as unknown;
  if (typeof value === "string") return value;
  const [stage, inner] = Object.entries(value as Record<string, unknown>)[0];
  if (stage === "efficiencyReview") {
    const regions = inner as Record<string, RegionStatus>;
    return review(regions.digitalGovernment, regions.dataGovernance, regions.digitalInfrastructure);
  }
  if (stage === "delivery") {
    const { work, change } = inner as { work: string; change: string };
    return change === "none" ? `delivery.${work}` : `delivery.${work}+change.${change}`;
  }
  return `${stage}.${String(inner)}`;
}

// ---------------------------------------------------------------------------------------------------
// Fixtures: every state, reached by driving events
// ---------------------------------------------------------------------------------------------------

const submitAll: Step = ["SUBMIT", "officer", { proposal: ALL_THREE }];
const submitLeadOnly: Step = ["SUBMIT", "officer", { proposal: LEAD_ONLY }];
const toFundingReview: Step[] = [submitAll, ["APPROVE_WITH_CONDITIONS", "dgov"], ["APPROVE", "dg"], ["APPROVE", "di"]];
const toFcDelivery: Step[] = [
  ...toFundingReview,
  ["REFER_TO_FINANCE_COMMITTEE", "dg"],
  ["RECORD_FC_APPROVAL", "leader"],
];
const toReadyToComplete: Step[] = [
  submitLeadOnly,
  ["APPROVE", "dg"],
  ["APPROVE_FUNDING", "dg"],
  ["REPORT_PROGRESS", "officer"],
];
const toBenefits: Step[] = [...toReadyToComplete, ["COMPLETE", "officer"]];

const FIXTURES: Record<string, Step[]> = {
  draft: [],
  "efficiencyReview: all three pending": [submitAll],
  "efficiencyReview: lead only, others not required": [submitLeadOnly],
  "efficiencyReview: lead DGOV pending, DI pending, DG not required": [["SUBMIT", "officer", { proposal: MIXED }]],
  "efficiencyReview: DGOV approved with a condition": [submitAll, ["APPROVE_WITH_CONDITIONS", "dgov"]],
  "efficiencyReview: lead and DI approved, DGOV pending": [submitAll, ["APPROVE", "dg"], ["APPROVE", "di"]],
  "returned (with an open condition)": [submitAll, ["APPROVE_WITH_CONDITIONS", "dgov"], ["REQUEST_CHANGES", "dg"]],
  "fundingReview: HK$30M requested, condition open": toFundingReview,
  "fundingReview: HK$5M requested": [submitLeadOnly, ["APPROVE", "dg"]],
  deferred: [...toFundingReview, ["DEFER", "dg"]],
  awaitingFinanceCommittee: [...toFundingReview, ["REFER_TO_FINANCE_COMMITTEE", "dg"]],
  "delivery.inProgress: milestones and a condition open": toFcDelivery,
  "delivery.onHold": [...toFcDelivery, ["PAUSE", "officer"]],
  "delivery.inProgress: ready to complete": toReadyToComplete,
  "benefitsReview: nothing reported": toBenefits,
  "benefitsReview: benefits reported": [...toBenefits, ["REPORT_BENEFITS", "officer"]],
  "rejected (in review)": [submitAll, ["REJECT", "dgov"]],
  withdrawn: [["WITHDRAW", "officer"]],
  closed: [...toBenefits, ["REPORT_BENEFITS", "officer"], ["CLOSE", "dg"]],
  "delivery: change requested": [...toFcDelivery, ["REQUEST_CHANGE", "officer"]],
  "delivery: change awaiting the Finance Committee": [
    ...toFcDelivery,
    ["REQUEST_CHANGE", "officer", { additionalFunding: 1_000_000 }],
  ],
  "delivery.onHold: change requested": [...toFcDelivery, ["PAUSE", "officer"], ["REQUEST_CHANGE", "officer"]],
  "delivery: ready to complete, change requested": [...toReadyToComplete, ["REQUEST_CHANGE", "officer"]],
};
type FixtureName = keyof typeof FIXTURES;

/** Per fixture, per event: which actors may send it and the state it leads to. Absent = refused. */
const EXPECTED: Record<FixtureName, Partial<Record<EventType, Partial<Record<ActorName, string>>>>> = {
  draft: {
    SUBMIT: { officer: review("pending", "pending", "pending") },
    WITHDRAW: { officer: "withdrawn" },
  },
  "efficiencyReview: all three pending": {
    WITHDRAW: { officer: "withdrawn" },
    APPROVE: {
      dg: review("approved", "pending", "pending"),
      dgov: review("pending", "approved", "pending"),
      di: review("pending", "pending", "approved"),
    },
    APPROVE_WITH_CONDITIONS: {
      dg: review("approved", "pending", "pending"),
      dgov: review("pending", "approved", "pending"),
      di: review("pending", "pending", "approved"),
    },
    REQUEST_CHANGES: { dg: "returned", dgov: "returned", di: "returned" },
    REJECT: { dg: "rejected", dgov: "rejected", di: "rejected" },
  },
  "efficiencyReview: lead only, others not required": {
    WITHDRAW: { officer: "withdrawn" },
    APPROVE: { dg: "fundingReview" },
    APPROVE_WITH_CONDITIONS: { dg: "fundingReview" },
    REQUEST_CHANGES: { dg: "returned" },
    REJECT: { dg: "rejected" },
  },
  "efficiencyReview: lead DGOV pending, DI pending, DG not required": {
    WITHDRAW: { officer: "withdrawn" },
    APPROVE: { dgov: review("notRequired", "approved", "pending"), di: review("notRequired", "pending", "approved") },
    APPROVE_WITH_CONDITIONS: {
      dgov: review("notRequired", "approved", "pending"),
      di: review("notRequired", "pending", "approved"),
    },
    REQUEST_CHANGES: { dgov: "returned", di: "returned" },
    REJECT: { dgov: "rejected", di: "rejected" },
  },
  "efficiencyReview: DGOV approved with a condition": {
    WITHDRAW: { officer: "withdrawn" },
    APPROVE: { dg: review("approved", "approved", "pending"), di: review("pending", "approved", "approved") },
    APPROVE_WITH_CONDITIONS: {
      dg: review("approved", "approved", "pending"),
      di: review("pending", "approved", "approved"),
    },
    REQUEST_CHANGES: { dg: "returned", di: "returned" },
    REJECT: { dg: "rejected", di: "rejected" },
    MEET_CONDITION: { officer: review("pending", "approved", "pending") },
  },
  "efficiencyReview: lead and DI approved, DGOV pending": {
    WITHDRAW: { officer: "withdrawn" },
    APPROVE: { dgov: "fundingReview" },
    APPROVE_WITH_CONDITIONS: { dgov: "fundingReview" },
    REQUEST_CHANGES: { dgov: "returned" },
    REJECT: { dgov: "rejected" },
  },
  "returned (with an open condition)": {
    RESUBMIT: { officer: review("pending", "pending", "pending") },
    WITHDRAW: { officer: "withdrawn" },
    MEET_CONDITION: { officer: "returned" },
  },
  // Above the limit the Finance Committee decides: the lead division may not approve any amount.
  "fundingReview: HK$30M requested, condition open": {
    REFER_TO_FINANCE_COMMITTEE: { dg: "awaitingFinanceCommittee" },
    DEFER: { dg: "deferred" },
    REJECT: { dg: "rejected" },
    WITHDRAW: { officer: "withdrawn" },
    MEET_CONDITION: { officer: "fundingReview" },
  },
  "fundingReview: HK$5M requested": {
    APPROVE_FUNDING: { dg: "delivery.inProgress" },
    DEFER: { dg: "deferred" },
    REJECT: { dg: "rejected" },
    WITHDRAW: { officer: "withdrawn" },
  },
  deferred: {
    REOPEN: { dg: "fundingReview" },
    REBID: { officer: "fundingReview" },
    WITHDRAW: { officer: "withdrawn" },
    MEET_CONDITION: { officer: "deferred" },
  },
  awaitingFinanceCommittee: {
    RECORD_FC_APPROVAL: { leader: "delivery.inProgress" },
    RECORD_FC_REJECTION: { leader: "rejected" },
    MEET_CONDITION: { officer: "awaitingFinanceCommittee" },
  },
  "delivery.inProgress: milestones and a condition open": {
    REPORT_PROGRESS: { officer: "delivery.inProgress" },
    PAUSE: { officer: "delivery.onHold", dg: "delivery.onHold" },
    MEET_CONDITION: { officer: "delivery.inProgress" },
    REQUEST_CHANGE: { officer: "delivery.inProgress+change.requested" },
  },
  "delivery.onHold": {
    RESUME: { officer: "delivery.inProgress", dg: "delivery.inProgress" },
    MEET_CONDITION: { officer: "delivery.onHold" },
    REQUEST_CHANGE: { officer: "delivery.onHold+change.requested" },
  },
  "delivery.inProgress: ready to complete": {
    PAUSE: { officer: "delivery.onHold", dg: "delivery.onHold" },
    COMPLETE: { officer: "benefitsReview" },
    REQUEST_CHANGE: { officer: "delivery.inProgress+change.requested" },
  },
  // While a change waits the work goes on; only the lead division decides it, the officer may withdraw it.
  "delivery: change requested": {
    REPORT_PROGRESS: { officer: "delivery.inProgress+change.requested" },
    PAUSE: { officer: "delivery.onHold+change.requested", dg: "delivery.onHold+change.requested" },
    MEET_CONDITION: { officer: "delivery.inProgress+change.requested" },
    WITHDRAW_CHANGE: { officer: "delivery.inProgress" },
    APPROVE_CHANGE: { dg: "delivery.inProgress" },
    REJECT_CHANGE: { dg: "delivery.inProgress" },
  },
  // Above the limit: leadership records the Finance Committee's decision; the lead division cannot approve.
  "delivery: change awaiting the Finance Committee": {
    REPORT_PROGRESS: { officer: "delivery.inProgress+change.awaitingFinanceCommittee" },
    PAUSE: {
      officer: "delivery.onHold+change.awaitingFinanceCommittee",
      dg: "delivery.onHold+change.awaitingFinanceCommittee",
    },
    RECORD_FC_APPROVAL: { leader: "delivery.inProgress" },
    RECORD_FC_REJECTION: { leader: "delivery.inProgress" },
    MEET_CONDITION: { officer: "delivery.inProgress+change.awaitingFinanceCommittee" },
    WITHDRAW_CHANGE: { officer: "delivery.inProgress" },
  },
  "delivery.onHold: change requested": {
    RESUME: { officer: "delivery.inProgress+change.requested", dg: "delivery.inProgress+change.requested" },
    MEET_CONDITION: { officer: "delivery.onHold+change.requested" },
    WITHDRAW_CHANGE: { officer: "delivery.onHold" },
    APPROVE_CHANGE: { dg: "delivery.onHold" },
    REJECT_CHANGE: { dg: "delivery.onHold" },
  },
  // A change that would re-plan the project is decided before the project can be declared complete.
  "delivery: ready to complete, change requested": {
    PAUSE: { officer: "delivery.onHold+change.requested", dg: "delivery.onHold+change.requested" },
    WITHDRAW_CHANGE: { officer: "delivery.inProgress" },
    APPROVE_CHANGE: { dg: "delivery.inProgress" },
    REJECT_CHANGE: { dg: "delivery.inProgress" },
  },
  "benefitsReview: nothing reported": {
    REPORT_BENEFITS: { officer: "benefitsReview" },
  },
  "benefitsReview: benefits reported": {
    REPORT_BENEFITS: { officer: "benefitsReview" },
    CLOSE: { dg: "closed" },
  },
  "rejected (in review)": {},
  withdrawn: {},
  closed: {},
};

const built = new Map<FixtureName, InitiativeSnapshot>();
function fixture(name: FixtureName): InitiativeSnapshot {
  if (!built.has(name)) built.set(name, drive(FIXTURES[name]));
  return built.get(name)!;
}

// ---------------------------------------------------------------------------------------------------
// The table: every state × every event × every kind of actor
// ---------------------------------------------------------------------------------------------------

describe("initiativeMachine: every state × event × actor", () => {
  it("has an expectation row for every fixture", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(FIXTURES).sort());
  });

  for (const name of Object.keys(FIXTURES) as FixtureName[]) {
    describe(name, () => {
      it.each(EVENT_TYPES.map((t) => [t]))("%s", (type) => {
        const snap = fixture(name);
        const allowed = EXPECTED[name][type] ?? {};
        for (const who of ACTOR_NAMES) {
          const result = attempt(snap, type, who);
          const expected = allowed[who];
          if (expected === undefined) {
            expect(result, `${type} by ${who} must be refused`).toEqual({ ok: false, reason: "not-allowed" });
          } else {
            expect(result.ok, `${type} by ${who} must be allowed`).toBe(true);
            if (result.ok) expect(label(result.snapshot), `${type} by ${who}`).toBe(expected);
          }
        }
      });

      it("availableEvents agrees with the table for every actor", () => {
        const snap = fixture(name);
        for (const who of ACTOR_NAMES) {
          const expected = EVENT_TYPES.filter((t) => EXPECTED[name][t]?.[who] !== undefined);
          expect(availableEvents(snap, ACTORS[who]), who).toEqual(expected);
        }
      });

      it("survives persist → JSON → restore unchanged", () => {
        const snap = fixture(name);
        const restored = restoreSnapshot(JSON.stringify(persistSnapshot(snap)));
        expect(restored.value).toEqual(snap.value);
        expect(restored.context).toEqual(snap.context);
        expect(restored.status).toBe(snap.status);
        for (const who of ACTOR_NAMES) {
          expect(availableEvents(restored, ACTORS[who])).toEqual(availableEvents(snap, ACTORS[who]));
        }
      });
    });
  }

  it("reaches every stable leaf state through the fixtures", () => {
    const seen = new Set(Object.keys(FIXTURES).map((n) => label(fixture(n))));
    for (const s of ["draft", "returned", "fundingReview", "deferred", "awaitingFinanceCommittee"])
      expect(seen).toContain(s);
    for (const s of ["delivery.inProgress", "delivery.onHold", "benefitsReview", "rejected", "withdrawn", "closed"]) {
      expect(seen).toContain(s);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Payload and context guards
// ---------------------------------------------------------------------------------------------------

describe("funding amounts", () => {
  const big = () => fixture("fundingReview: HK$30M requested, condition open"); // HK$30M requested
  const small = () => fixture("fundingReview: HK$5M requested");
  /** A lead-only proposal in funding review that requests exactly `requested`. */
  const requesting = (requested: number) =>
    drive([
      ["SUBMIT", "officer", { proposal: { ...LEAD_ONLY, nonRecurrentCost: requested } }],
      ["APPROVE", "dg"],
    ]);
  const fund = (
    snap: InitiativeSnapshot,
    type: "APPROVE_FUNDING" | "REFER_TO_FINANCE_COMMITTEE",
    amount: number,
    limit = LIMIT,
  ) => applyEvent(snap, { type, actor: ACTORS.dg, amount, blockAllocationLimit: limit }).ok;

  it("approves a request at or below the HK$20,000,000 limit and never refers it", () => {
    for (const requested of [19_999_999, 20_000_000]) {
      const snap = requesting(requested);
      expect(fund(snap, "APPROVE_FUNDING", requested), `approve ${requested}`).toBe(true);
      expect(fund(snap, "APPROVE_FUNDING", requested - 1_000_000), `approve less than ${requested}`).toBe(true);
      expect(fund(snap, "REFER_TO_FINANCE_COMMITTEE", requested), `refer ${requested}`).toBe(false);
      expect(availableEvents(snap, ACTORS.dg)).toEqual(["REJECT", "DEFER", "APPROVE_FUNDING"]);
    }
  });

  it("refers a request above the limit and refuses to approve any amount of it, even trimmed to the limit", () => {
    const snap = requesting(20_000_001);
    expect(fund(snap, "APPROVE_FUNDING", 20_000_001)).toBe(false);
    expect(fund(snap, "APPROVE_FUNDING", 20_000_000)).toBe(false);
    expect(fund(snap, "APPROVE_FUNDING", 1)).toBe(false);
    expect(fund(snap, "REFER_TO_FINANCE_COMMITTEE", 20_000_001)).toBe(true);
    expect(availableEvents(snap, ACTORS.dg)).toEqual(["REJECT", "DEFER", "REFER_TO_FINANCE_COMMITTEE"]);
    for (const amount of [19_999_999, 20_000_000, 25_000_000])
      expect(fund(big(), "APPROVE_FUNDING", amount)).toBe(false);
  });

  it("refers only above the limit and never more than requested", () => {
    expect(fund(big(), "REFER_TO_FINANCE_COMMITTEE", 20_000_000)).toBe(false);
    expect(fund(big(), "REFER_TO_FINANCE_COMMITTEE", 20_000_001)).toBe(true);
    expect(fund(big(), "REFER_TO_FINANCE_COMMITTEE", 30_000_000)).toBe(true);
    expect(fund(big(), "REFER_TO_FINANCE_COMMITTEE", 30_000_001)).toBe(false);
  });

  it("never approves more than requested, even within the limit", () => {
    expect(fund(small(), "APPROVE_FUNDING", 5_000_000)).toBe(true);
    expect(fund(small(), "APPROVE_FUNDING", 5_000_001)).toBe(false);
    expect(fund(small(), "REFER_TO_FINANCE_COMMITTEE", 5_000_000)).toBe(false);
  });

  it("refuses zero, negative and fractional amounts", () => {
    for (const amount of [0, -1, 1.5, Number.NaN]) expect(fund(small(), "APPROVE_FUNDING", amount)).toBe(false);
  });

  it("uses the limit the server supplies", () => {
    expect(fund(big(), "APPROVE_FUNDING", 30_000_000, 50_000_000)).toBe(true);
    expect(fund(big(), "REFER_TO_FINANCE_COMMITTEE", 30_000_000, 50_000_000)).toBe(false);
    expect(availableEvents(big(), ACTORS.dg, { blockAllocationLimit: 50_000_000 })).toEqual([
      "REJECT",
      "DEFER",
      "APPROVE_FUNDING",
    ]);
    // Lowering the limit below a request moves it to the Finance Committee's route.
    expect(fund(small(), "APPROVE_FUNDING", 4_000_000, 4_000_000)).toBe(false);
    expect(fund(small(), "REFER_TO_FINANCE_COMMITTEE", 5_000_000, 4_000_000)).toBe(true);
  });

  it("records the funded amount, by block allocation or by the Finance Committee", () => {
    const approved = applyEvent(small(), {
      type: "APPROVE_FUNDING",
      actor: ACTORS.dg,
      amount: 4_500_000,
      blockAllocationLimit: LIMIT,
    });
    expect(approved.ok && approved.snapshot.context.fundedAmount).toBe(4_500_000);

    const referred = drive([["REFER_TO_FINANCE_COMMITTEE", "dg", { amount: 25_000_000 }]], big());
    expect(referred.context.referredAmount).toBe(25_000_000);
    expect(drive([["RECORD_FC_APPROVAL", "leader"]], referred).context.fundedAmount).toBe(25_000_000);
    expect(drive([["RECORD_FC_APPROVAL", "leader", { amount: 24_000_000 }]], referred).context.fundedAmount).toBe(
      24_000_000,
    );
    expect(attempt(referred, "RECORD_FC_APPROVAL", "leader", { amount: 25_000_001 }).ok).toBe(false);
    expect(attempt(referred, "RECORD_FC_APPROVAL", "leader", { paperRef: "" }).ok).toBe(false);
    expect(attempt(referred, "RECORD_FC_APPROVAL", "leader", { date: "2026-02-30" }).ok).toBe(false);
  });
});

describe("reasons and conditions", () => {
  const blanks = [{ reason: "" }, { reason: "   " }, { reason: undefined }];

  it.each([
    ["REQUEST_CHANGES", "efficiencyReview: all three pending", "dg"],
    ["REJECT", "efficiencyReview: all three pending", "dgov"],
    ["REJECT", "fundingReview: HK$5M requested", "dg"],
    ["DEFER", "fundingReview: HK$5M requested", "dg"],
    ["PAUSE", "delivery.inProgress: ready to complete", "officer"],
    ["RESUME", "delivery.onHold", "officer"],
    ["WITHDRAW", "draft", "officer"],
    ["WITHDRAW", "deferred", "officer"],
  ] as [EventType, FixtureName, ActorName][])("%s in %s needs a reason", (type, name, who) => {
    expect(attempt(fixture(name), type, who).ok).toBe(true);
    for (const blank of blanks) expect(attempt(fixture(name), type, who, blank).ok).toBe(false);
  });

  it("refuses a reason code outside the fixed list", () => {
    expect(attempt(fixture("fundingReview: HK$5M requested"), "DEFER", "dg", { reasonCode: "BUDGET" }).ok).toBe(false);
    expect(
      attempt(fixture("fundingReview: HK$5M requested"), "DEFER", "dg", { reasonCode: "FUNDING_PRIORITY" }).ok,
    ).toBe(true);
  });

  it("needs at least one condition to approve with conditions", () => {
    const snap = fixture("efficiencyReview: all three pending");
    expect(attempt(snap, "APPROVE_WITH_CONDITIONS", "dg", { conditions: [] }).ok).toBe(false);
    expect(attempt(snap, "APPROVE_WITH_CONDITIONS", "dg", { conditions: [{ text: "" }] }).ok).toBe(false);
    expect(attempt(snap, "APPROVE_WITH_CONDITIONS", "dg", { conditions: undefined }).ok).toBe(false);
  });

  it("numbers conditions C1, C2, … across divisions, with division, round and open status", () => {
    const snap = drive([
      submitAll,
      [
        "APPROVE_WITH_CONDITIONS",
        "dgov",
        { conditions: [{ text: "Privacy impact assessment" }, { text: "Data retention policy", due: "2026-10-01" }] },
      ],
      ["APPROVE_WITH_CONDITIONS", "di", { conditions: [{ text: "Security risk assessment" }] }],
    ]);
    expect(snap.context.conditions).toEqual([
      { id: "C1", text: "Privacy impact assessment", division: "DATA_GOVERNANCE", round: 1, status: "open" },
      {
        id: "C2",
        text: "Data retention policy",
        due: "2026-10-01",
        division: "DATA_GOVERNANCE",
        round: 1,
        status: "open",
      },
      { id: "C3", text: "Security risk assessment", division: "DIGITAL_INFRASTRUCTURE", round: 1, status: "open" },
    ]);
  });

  it("normalises plain-string conditions from a raw payload", () => {
    const snap = drive([submitAll, ["APPROVE_WITH_CONDITIONS", "dg", { conditions: ["  Use the GovHK look  "] }]]);
    expect(snap.context.conditions).toEqual([
      { id: "C1", text: "Use the GovHK look", division: "DIGITAL_GOVERNMENT", round: 1, status: "open" },
    ]);
  });

  it("meets a condition only once, by id, with a note, from the owning officer", () => {
    const snap = fixture("delivery.inProgress: milestones and a condition open");
    expect(attempt(snap, "MEET_CONDITION", "officer", { conditionId: "C9" }).ok).toBe(false);
    expect(attempt(snap, "MEET_CONDITION", "officer", { note: " " }).ok).toBe(false);
    expect(attempt(snap, "MEET_CONDITION", "otherOfficer").ok).toBe(false);
    const met = drive([["MEET_CONDITION", "officer", { conditionId: "C1" }]], snap);
    expect(met.context.conditions[0].status).toBe("met");
    expect(attempt(met, "MEET_CONDITION", "officer", { conditionId: "C1" }).ok).toBe(false);
  });
});

describe("delivery and benefits", () => {
  it("refuses COMPLETE while a condition is open, even with every milestone done", () => {
    const allDone = drive(
      [
        ["REPORT_PROGRESS", "officer", { milestoneId: "m1" }],
        ["REPORT_PROGRESS", "officer", { milestoneId: "m2" }],
      ],
      fixture("delivery.inProgress: milestones and a condition open"),
    );
    expect(allDone.context.milestones.every((m) => m.done)).toBe(true);
    expect(attempt(allDone, "COMPLETE", "officer").ok).toBe(false);
    const met = drive([["MEET_CONDITION", "officer"]], allDone);
    expect(attempt(met, "COMPLETE", "officer").ok).toBe(true);
  });

  it("refuses COMPLETE while a milestone is not done, even with no condition open", () => {
    const snap = drive([submitLeadOnly, ["APPROVE", "dg"], ["APPROVE_FUNDING", "dg"]]);
    expect(attempt(snap, "COMPLETE", "officer").ok).toBe(false);
  });

  it("reports progress only for an existing milestone not yet done", () => {
    const snap = fixture("delivery.inProgress: milestones and a condition open");
    expect(attempt(snap, "REPORT_PROGRESS", "officer", { milestoneId: "nope" }).ok).toBe(false);
    expect(attempt(snap, "REPORT_PROGRESS", "officer", { date: "not a date" }).ok).toBe(false);
    const once = drive([["REPORT_PROGRESS", "officer", { milestoneId: "m2" }]], snap);
    expect(once.context.milestones).toEqual([
      { id: "m1", done: false },
      { id: "m2", done: true },
    ]);
    expect(attempt(once, "REPORT_PROGRESS", "officer", { milestoneId: "m2" }).ok).toBe(false);
  });

  it("refuses CLOSE before benefits are reported, and REPORT_BENEFITS without a note", () => {
    const snap = fixture("benefitsReview: nothing reported");
    expect(attempt(snap, "CLOSE", "dg").ok).toBe(false);
    expect(attempt(snap, "REPORT_BENEFITS", "officer", { note: "" }).ok).toBe(false);
    expect(attempt(snap, "REPORT_BENEFITS", "officer", { realisedAnnualSavings: -1 }).ok).toBe(false);
    const reported = drive([["REPORT_BENEFITS", "officer"]], snap);
    expect(reported.context.benefitsReported).toBe(true);
    expect(attempt(reported, "CLOSE", "dg").ok).toBe(true);
    expect(attempt(reported, "CLOSE", "dgov").ok).toBe(false);
  });
});

describe("submission and rounds", () => {
  it("refuses SUBMIT with an incomplete proposal or milestones without unique ids", () => {
    const draft = fixture("draft");
    const { summary: _omit, ...noSummary } = ALL_THREE;
    expect(attempt(draft, "SUBMIT", "officer", { proposal: noSummary }).ok).toBe(false);
    expect(attempt(draft, "SUBMIT", "officer", { proposal: { ...ALL_THREE, milestones: [] } }).ok).toBe(false);
    expect(attempt(draft, "SUBMIT", "officer", { proposal: undefined }).ok).toBe(false);
    const noId = { ...ALL_THREE, milestones: [{ name: "Go-live", due: "2027-01-01" }] };
    expect(attempt(draft, "SUBMIT", "officer", { proposal: noId }).ok).toBe(false);
    const dup = { ...ALL_THREE, milestones: [ALL_THREE.milestones[0], ALL_THREE.milestones[0]] };
    expect(attempt(draft, "SUBMIT", "officer", { proposal: dup }).ok).toBe(false);
  });

  it("sets lead, required divisions, requested amount and milestones from the proposal", () => {
    const ctx = drive([["SUBMIT", "officer", { proposal: MIXED }]]).context;
    expect(ctx).toMatchObject({
      round: 1,
      leadDivision: "DATA_GOVERNANCE",
      requiredDivisions: ["DATA_GOVERNANCE", "DIGITAL_INFRASTRUCTURE"],
      requestedAmount: 30_000_000,
      milestones: [
        { id: "m1", done: false },
        { id: "m2", done: false },
      ],
    });
  });

  it("numbers rounds: 0 in draft, SUBMIT opens 1, each RESUBMIT the next", () => {
    const draft = fixture("draft");
    expect(draft.context.round).toBe(0);
    const r1 = drive([submitAll], draft);
    const r2 = drive(
      [
        ["REQUEST_CHANGES", "dg"],
        ["RESUBMIT", "officer"],
      ],
      r1,
    );
    const r3 = drive(
      [
        ["REQUEST_CHANGES", "di"],
        ["RESUBMIT", "officer"],
      ],
      r2,
    );
    expect([r1.context.round, r2.context.round, r3.context.round]).toEqual([1, 2, 3]);
  });

  it("RESUBMIT starts every required region pending again and recomputes scope", () => {
    const returned = drive([submitAll, ["APPROVE", "dg"], ["APPROVE", "di"], ["REQUEST_CHANGES", "dgov"]]);
    expect(returned.context.signedOff).toEqual(["DIGITAL_GOVERNMENT", "DIGITAL_INFRASTRUCTURE"]);

    const again = drive([["RESUBMIT", "officer"]], returned);
    expect(label(again)).toBe(review("pending", "pending", "pending"));
    expect(again.context.signedOff).toEqual([]);

    const narrowed = drive([["RESUBMIT", "officer", { proposal: MIXED }]], returned);
    expect(label(narrowed)).toBe(review("notRequired", "pending", "pending"));
    expect(narrowed.context.leadDivision).toBe("DATA_GOVERNANCE");
    // The new lead decides funding now, the old one no longer may.
    const funded = drive(
      [
        ["APPROVE", "dgov"],
        ["APPROVE", "di"],
      ],
      narrowed,
    );
    expect(availableEvents(funded, ACTORS.dgov)).toContain("REFER_TO_FINANCE_COMMITTEE"); // HK$30M requested
    expect(availableEvents(funded, ACTORS.dg)).toEqual([]);
  });

  it("keeps conditions attached in an earlier round", () => {
    const r2 = drive([["RESUBMIT", "officer"]], fixture("returned (with an open condition)"));
    expect(r2.context.conditions).toMatchObject([{ id: "C1", round: 1, status: "open" }]);
    const more = drive([["APPROVE_WITH_CONDITIONS", "dgov"]], r2);
    expect(more.context.conditions.map((c) => [c.id, c.round])).toEqual([
      ["C1", 1],
      ["C2", 2],
    ]);
  });
});

describe("snapshot helpers", () => {
  it("starts a draft for the owning B/D", () => {
    const snap = createInitialSnapshot({ bureauCode: "IMMD" });
    expect(snap.value).toBe("draft");
    expect(snap.context).toEqual({
      bureauCode: "IMMD",
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
    });
    expect(availableEvents(snap, ACTORS.officer)).toEqual([]);
    expect(availableEvents(snap, { ...ACTORS.officer, bureauCode: "IMMD" })).toEqual(["SUBMIT", "WITHDRAW"]);
  });

  it("is pure: applying an event leaves the old snapshot untouched and repeats identically", () => {
    const before = fixture("efficiencyReview: all three pending");
    const copy = JSON.stringify(persistSnapshot(before));
    const a = attempt(before, "APPROVE_WITH_CONDITIONS", "dg");
    const b = attempt(before, "APPROVE_WITH_CONDITIONS", "dg");
    expect(JSON.stringify(persistSnapshot(before))).toBe(copy);
    expect(a.ok && b.ok && persistSnapshot(a.snapshot)).toEqual(b.ok && persistSnapshot(b.snapshot));
  });

  it("persists plain JSON with the machine version", () => {
    const persisted = persistSnapshot(fixture("delivery.onHold"));
    expect(persisted).toMatchObject({
      machine: "initiative",
      machineVersion: MACHINE_VERSION,
      value: { delivery: { work: "onHold", change: "none" } },
      status: "active",
    });
    expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted);
    expect(persistSnapshot(fixture("closed")).status).toBe("done");
  });

  it("refuses to restore another version or a malformed snapshot", () => {
    const persisted = persistSnapshot(fixture("deferred"));
    expect(() => restoreSnapshot({ ...persisted, machineVersion: MACHINE_VERSION + 1 })).toThrow(SnapshotRestoreError);
    expect(() => restoreSnapshot({ ...persisted, value: "limbo" })).toThrow(SnapshotRestoreError);
    expect(() => restoreSnapshot({ ...persisted, context: {} })).toThrow(SnapshotRestoreError);
    expect(() => restoreSnapshot("{not json")).toThrow(SnapshotRestoreError);
  });

  it("restores a finished initiative as done, accepting nothing", () => {
    const restored = restoreSnapshot(persistSnapshot(fixture("closed")));
    expect(restored.status).toBe("done");
    for (const who of ACTOR_NAMES) expect(availableEvents(restored, ACTORS[who])).toEqual([]);
  });

  it("reads stage and delivery substate", () => {
    expect(stageOf(fixture("efficiencyReview: all three pending"))).toBe("efficiencyReview");
    expect(stageOf(fixture("delivery.onHold"))).toBe("delivery");
    expect(deliverySubstate(fixture("delivery.onHold"))).toBe("onHold");
    expect(deliverySubstate(fixture("delivery.inProgress: ready to complete"))).toBe("inProgress");
    expect(deliverySubstate(fixture("fundingReview: HK$5M requested"))).toBeNull();
  });

  it.each([
    ["draft", ["notRequired", "notRequired", "notRequired"]],
    ["efficiencyReview: lead DGOV pending, DI pending, DG not required", ["notRequired", "pending", "pending"]],
    ["efficiencyReview: DGOV approved with a condition", ["pending", "approved", "pending"]],
    ["returned (with an open condition)", ["pending", "approved", "pending"]],
    ["fundingReview: HK$5M requested", ["approved", "notRequired", "notRequired"]],
    ["closed", ["approved", "notRequired", "notRequired"]],
    ["rejected (in review)", ["pending", "pending", "pending"]],
    ["delivery.onHold", ["approved", "approved", "approved"]],
  ] as [FixtureName, string[]][])("reports sign-offs in %s", (name, statuses) => {
    const signoffs = signoffsOf(fixture(name));
    expect(DIVISIONS.map((d) => signoffs[d])).toEqual(statuses);
  });

  it("has one efficiency-review region per division", () => {
    const regions = Object.keys(initiativeMachine.root.states.efficiencyReview.states);
    expect(regions.sort()).toEqual(DIVISIONS.map((d: Division) => REGION_OF[d]).sort());
  });
});

describe("a funding round's finalisation", () => {
  const small = () => fixture("fundingReview: HK$5M requested");
  const big = () => fixture("fundingReview: HK$30M requested, condition open");
  const asRound = (
    snap: InitiativeSnapshot,
    actor: Actor,
    event: Record<string, unknown>,
    fundingRound: unknown = "2026-27",
  ) => applyEvent(snap, { ...event, actor, fundingRound, blockAllocationLimit: LIMIT } as unknown as InitiativeEvent);

  it("lets leadership fund, refer and shelve a bid only as the round's finalisation", () => {
    const approved = asRound(small(), ACTORS.leader, { type: "APPROVE_FUNDING", amount: 5_000_000 });
    expect(approved.ok && stageOf(approved.snapshot)).toBe("delivery");
    expect(approved.ok && approved.snapshot.context.fundedAmount).toBe(5_000_000);
    const shelved = asRound(small(), ACTORS.leader, {
      type: "DEFER",
      reason: "Below the cut line",
      reasonCode: "FUNDING_PRIORITY",
    });
    expect(shelved.ok && stageOf(shelved.snapshot)).toBe("deferred");
    const referred = asRound(big(), ACTORS.leader, { type: "REFER_TO_FINANCE_COMMITTEE", amount: 30_000_000 });
    expect(referred.ok && stageOf(referred.snapshot)).toBe("awaitingFinanceCommittee");
  });

  it("keeps the funding rules: a round cannot fund a bid above the block-allocation limit", () => {
    expect(asRound(big(), ACTORS.leader, { type: "APPROVE_FUNDING", amount: 20_000_000 }).ok).toBe(false);
    expect(asRound(small(), ACTORS.leader, { type: "APPROVE_FUNDING", amount: 5_000_001 }).ok).toBe(false);
  });

  it("gives leadership no funding powers outside a round, and no one else a round's authority", () => {
    expect(asRound(small(), ACTORS.leader, { type: "APPROVE_FUNDING", amount: 5_000_000 }, null).ok).toBe(false);
    expect(asRound(small(), ACTORS.leader, { type: "APPROVE_FUNDING", amount: 5_000_000 }, "next year").ok).toBe(false);
    for (const who of ["officer", "dgov", "di", "admin"] as const) {
      expect(asRound(small(), ACTORS[who], { type: "APPROVE_FUNDING", amount: 5_000_000 }).ok, who).toBe(false);
      expect(asRound(small(), ACTORS[who], { type: "DEFER", reason: "x" }).ok, who).toBe(false);
    }
    expect(availableEvents(small(), ACTORS.leader)).toEqual([]);
    // The lead reviewer keeps their own powers with or without a round.
    expect(asRound(small(), ACTORS.dg, { type: "APPROVE_FUNDING", amount: 5_000_000 }).ok).toBe(true);
  });

  it("refuses round events in any other stage", () => {
    const delivered = asRound(small(), ACTORS.leader, { type: "APPROVE_FUNDING", amount: 5_000_000 });
    if (!delivered.ok) throw new Error("not funded");
    expect(asRound(delivered.snapshot, ACTORS.leader, { type: "DEFER", reason: "x" }).ok).toBe(false);
  });
});

describe("a re-bid", () => {
  const shelved = () => fixture("deferred");
  const rebid = (actor: Actor, extra: Record<string, unknown> = {}) =>
    applyEvent(shelved(), {
      type: "REBID",
      actor,
      proposal: { ...ALL_THREE, plannedStart: "2026-05-01", nonRecurrentCost: 9_000_000 },
      plannedStart: "2026-05-01",
      plannedEnd: "2027-12-31",
      nonRecurrentCost: 9_000_000,
      note: "Cheaper, a year later.",
      ...extra,
    } as unknown as InitiativeEvent);

  it("is the owning officer's: the next round of the same proposal, back in funding review, sign-offs kept", () => {
    const before = shelved();
    const result = rebid(ACTORS.officer);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(stageOf(result.snapshot)).toBe("fundingReview");
    expect(result.snapshot.context.round).toBe(before.context.round + 1);
    expect(result.snapshot.context.requestedAmount).toBe(9_000_000);
    expect(result.snapshot.context.signedOff).toEqual(before.context.signedOff);
    expect(Object.values(signoffsOf(result.snapshot)).filter((s) => s === "pending")).toEqual([]);
  });

  it("is refused to anyone else, and without what changed", () => {
    for (const who of ["otherOfficer", "dg", "dgov", "di", "leader", "admin"] as const) {
      expect(rebid(ACTORS[who]).ok, who).toBe(false);
    }
    expect(rebid(ACTORS.officer, { note: "" }).ok).toBe(false);
    expect(rebid(ACTORS.officer, { plannedStart: "next year" }).ok).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { EventType } from "./events.ts";
import type { Actor, InitiativeEvent, StoredProposal } from "./initiative.machine.ts";
import { refusalOf } from "./refusals.ts";
import { applyEvent, createInitialSnapshot, type InitiativeSnapshot } from "./snapshot.ts";

const officer: Actor = { id: "o", role: "OFFICER", bureauCode: "ITIB" };
const dg: Actor = { id: "dg", role: "REVIEWER", division: "DIGITAL_GOVERNMENT" };
const dgov: Actor = { id: "dgov", role: "REVIEWER", division: "DATA_GOVERNANCE" };
const LIMIT = 20_000_000;

const proposal = (nonRecurrentCost: number): StoredProposal => ({
  titleEn: "Smart kiosks",
  titleZh: "智能自助服務機",
  category: "E_SERVICE",
  leadDivision: "DIGITAL_GOVERNMENT",
  summary: "Shorter queues.",
  handlesPersonalData: false,
  sharesDataAcrossBureaux: false,
  needsNewInfrastructure: false,
  citizenFacing: false,
  nonRecurrentCost,
  recurrentCost: 0,
  expectedAnnualSavings: 0,
  expectedStaffHoursSaved: 0,
  plannedStart: "2027-01-01",
  plannedEnd: "2027-12-31",
  milestones: [{ id: "m1", name: "Live", due: "2027-06-30" }],
});

function drive(events: Record<string, unknown>[]): InitiativeSnapshot {
  let snap = createInitialSnapshot({ bureauCode: "ITIB" });
  for (const event of events) {
    const result = applyEvent(snap, event as InitiativeEvent);
    if (!result.ok) throw new Error(`${String(event.type)} refused`);
    snap = result.snapshot;
  }
  return snap;
}

const inReview = (requested = 5_000_000) => drive([{ type: "SUBMIT", actor: officer, proposal: proposal(requested) }]);
const inFunding = (requested: number) => drive([...reviewSteps(requested), { type: "APPROVE", actor: dg }]);
const reviewSteps = (requested: number) => [{ type: "SUBMIT", actor: officer, proposal: proposal(requested) }];
const inDelivery = () =>
  drive([
    ...reviewSteps(5_000_000),
    { type: "APPROVE", actor: dg },
    { type: "APPROVE_FUNDING", actor: dg, amount: 5_000_000, blockAllocationLimit: LIMIT },
  ]);

const refuse = (snapshot: InitiativeSnapshot, actor: Actor, type: EventType, payload: Record<string, unknown> = {}) =>
  refusalOf({ snapshot, actor, type, payload, limit: LIMIT });

describe("refusalOf", () => {
  it("tells a role that never could (while another could) 403", () => {
    expect(refuse(inReview(), officer, "APPROVE")).toEqual({
      status: 403,
      message: { key: "refusal.roleMayNot", values: { type: "APPROVE" } },
    });
    // A reviewer of a division that need not sign off this proposal.
    expect(refuse(inReview(), dgov, "APPROVE").status).toBe(403);
    expect(refuse(inFunding(5_000_000), dgov, "APPROVE_FUNDING", { amount: 1 }).status).toBe(403);
  });

  it("says an event does not belong to the state, naming neither facts nor roles of another", () => {
    expect(refuse(inReview(), officer, "COMPLETE")).toEqual({
      status: 422,
      message: { key: "refusal.notPossible", values: { type: "COMPLETE", state: "efficiencyReview" } },
    });
  });

  it("gives the lead reviewer the funding rule broken, beside the amount, with the amounts in words", () => {
    expect(refuse(inFunding(30_000_000), dg, "APPROVE_FUNDING", { amount: 20_000_000 })).toEqual({
      status: 422,
      message: { key: "refusal.requestAboveLimit", values: { requested: "HK$30,000,000", limit: "HK$20,000,000" } },
      fields: { amount: ["funding.errors.requestAboveLimit"] },
    });
    expect(refuse(inFunding(5_000_000), dg, "REFER_TO_FINANCE_COMMITTEE", { amount: 5_000_000 })).toMatchObject({
      status: 422,
      message: { key: "refusal.requestWithinLimit" },
      fields: { amount: ["funding.errors.requestWithinLimit"] },
    });
    expect(refuse(inFunding(30_000_000), dg, "REFER_TO_FINANCE_COMMITTEE", { amount: 20_000_000 })).toMatchObject({
      message: { key: "refusal.referWithinLimit", values: { amount: "HK$20,000,000" } },
      fields: { amount: ["funding.errors.referAboveLimit"] },
    });
    expect(refuse(inFunding(5_000_000), dg, "APPROVE_FUNDING", { amount: 6_000_000 })).toMatchObject({
      message: { key: "refusal.exceedsRequest", values: { requested: "HK$5,000,000" } },
      fields: { amount: ["funding.errors.aboveRequested"] },
    });
  });

  it("names the fact that stops the owner in delivery, and 403s others", () => {
    expect(refuse(inDelivery(), officer, "COMPLETE")).toEqual({
      status: 422,
      message: { key: "refusal.milestonesLeft" },
    });
    expect(refuse(inDelivery(), officer, "MEET_CONDITION", { conditionId: "C1", note: "x" })).toEqual({
      status: 422,
      message: { key: "refusal.conditionNotOpen" },
    });
    expect(refuse(inDelivery(), dg, "MEET_CONDITION", { conditionId: "C1", note: "x" }).status).toBe(403);
  });
});

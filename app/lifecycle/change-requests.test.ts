// Change requests in delivery (issue 15): the route of additional money, what an approved change does to
// the plan the machine knows, the rules on milestones, one change at a time, and how refusals are told.
import { describe, expect, it } from "vitest";
import { availableEvents } from "./available-events.ts";
import { changeRouteOf } from "./funding-rules.ts";
import type { Actor, InitiativeEvent, StoredProposal } from "./initiative.machine.ts";
import { refusalOf } from "./refusals.ts";
import {
  applyEvent,
  changeStateOf,
  createInitialSnapshot,
  deliverySubstate,
  persistSnapshot,
  restoreSnapshot,
  stateLabel,
  type InitiativeSnapshot,
} from "./snapshot.ts";

const officer: Actor = { id: "o", role: "OFFICER", bureauCode: "ITIB" };
const dg: Actor = { id: "dg", role: "REVIEWER", division: "DIGITAL_GOVERNMENT" };
const di: Actor = { id: "di", role: "REVIEWER", division: "DIGITAL_INFRASTRUCTURE" };
const leader: Actor = { id: "l", role: "LEADERSHIP" };
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
  milestones: [
    { id: "m1", name: "Design", due: "2027-03-31" },
    { id: "m2", name: "Build", due: "2027-09-30" },
    { id: "m3", name: "Live", due: "2027-12-15" },
  ],
});

function send(snap: InitiativeSnapshot, event: Record<string, unknown>): InitiativeSnapshot {
  const result = applyEvent(snap, event as unknown as InitiativeEvent);
  if (!result.ok) throw new Error(`${String(event.type)} refused`);
  return result.snapshot;
}
const allowed = (snap: InitiativeSnapshot, event: Record<string, unknown>) =>
  applyEvent(snap, event as unknown as InitiativeEvent).ok;

/** A lead-only project funded with `funded` HK$ by block allocation, in delivery, m1 done. */
function funded(funded: number): InitiativeSnapshot {
  let snap = createInitialSnapshot({ bureauCode: "ITIB" });
  snap = send(snap, { type: "SUBMIT", actor: officer, proposal: proposal(funded) });
  snap = send(snap, { type: "APPROVE", actor: dg });
  snap = send(snap, { type: "APPROVE_FUNDING", actor: dg, amount: funded, blockAllocationLimit: LIMIT });
  return send(snap, { type: "REPORT_PROGRESS", actor: officer, milestoneId: "m1", date: "2027-03-20" });
}

const request = (extra: Record<string, unknown> = {}) => ({
  type: "REQUEST_CHANGE",
  actor: officer,
  reason: "The supplier is late.",
  blockAllocationLimit: LIMIT,
  addedMilestoneIds: [],
  ...extra,
});

describe("the route of a change request's money", () => {
  it.each([
    [19_999_999, "LEAD_DIVISION"],
    [20_000_000, "LEAD_DIVISION"],
    [20_000_001, "FINANCE_COMMITTEE"],
  ] as const)("a new total of %i goes to %s (the limit itself is the block allocation's)", (total, route) => {
    expect(changeRouteOf(15_000_000, total - 15_000_000, LIMIT)).toBe(route);
    const snap = send(funded(15_000_000), request({ additionalFunding: total - 15_000_000 }));
    expect(changeStateOf(snap)).toBe(route === "LEAD_DIVISION" ? "requested" : "awaitingFinanceCommittee");
    // The lead reviewer approves within the limit; above it only leadership, recording the Finance Committee.
    expect(allowed(snap, { type: "APPROVE_CHANGE", actor: dg })).toBe(route === "LEAD_DIVISION");
    expect(
      allowed(snap, { type: "RECORD_FC_APPROVAL", actor: leader, paperRef: "FCR(2027-28)3", date: "2027-05-01" }),
    ).toBe(route === "FINANCE_COMMITTEE");
  });

  it("a change without money is the lead division's, whatever the project's size", () => {
    expect(changeRouteOf(45_000_000, 0, LIMIT)).toBe("LEAD_DIVISION");
    expect(changeRouteOf(45_000_000, 1, LIMIT)).toBe("FINANCE_COMMITTEE");
  });

  it("the lead reviewer's approval of a change above the limit is refused with a clear message", () => {
    const snap = send(funded(15_000_000), request({ additionalFunding: 5_000_001 }));
    const refusal = refusalOf({ snapshot: snap, actor: dg, type: "APPROVE_CHANGE", payload: {}, limit: LIMIT });
    expect(refusal).toEqual({ status: 422, message: { key: "refusal.changeNeedsFinanceCommittee" } });
    expect(availableEvents(snap, dg)).toEqual(["PAUSE"]);
    expect(availableEvents(snap, leader)).toEqual(["RECORD_FC_APPROVAL", "RECORD_FC_REJECTION"]);
  });

  it("the Finance Committee may grant less than asked, never more", () => {
    const snap = send(funded(15_000_000), request({ additionalFunding: 8_000_000 }));
    const fc = { type: "RECORD_FC_APPROVAL", actor: leader, paperRef: "FCR(2027-28)3", date: "2027-05-01" };
    expect(allowed(snap, { ...fc, amount: 8_000_001 })).toBe(false);
    expect(send(snap, { ...fc, amount: 6_000_000 }).context.fundedAmount).toBe(21_000_000);
    expect(send(snap, fc).context.fundedAmount).toBe(23_000_000);
    const rejected = send(snap, { type: "RECORD_FC_REJECTION", actor: leader });
    expect(rejected.context).toMatchObject({ fundedAmount: 15_000_000, baseline: 1, change: null });
  });
});

describe("an approved change is the next baseline", () => {
  it("funding fixes baseline 1; approval re-plans the open milestones, adds money and counts baseline 2", () => {
    const start = funded(5_000_000);
    expect(start.context.baseline).toBe(1);
    const requested = send(
      start,
      request({
        plannedEnd: "2028-06-30",
        additionalFunding: 2_000_000,
        // m2 re-dated, m3 dropped, n1 added by the server's id.
        milestones: [
          { id: "m2", name: "Build", due: "2028-01-31" },
          { id: "n1", name: "Pilot", due: "2028-03-31" },
        ],
        addedMilestoneIds: ["n1"],
      }),
    );
    expect(requested.context.change).toEqual({ additionalFunding: 2_000_000, milestoneIds: ["m2", "n1"] });
    // Until decided the plan stands: progress is still reported against it.
    expect(requested.context.milestones.map((m) => m.id)).toEqual(["m1", "m2", "m3"]);
    const approved = send(requested, { type: "APPROVE_CHANGE", actor: dg });
    expect(approved.context).toMatchObject({
      baseline: 2,
      fundedAmount: 7_000_000,
      change: null,
      milestones: [
        { id: "m1", done: true },
        { id: "m2", done: false },
        { id: "n1", done: false },
      ],
    });
    expect(stateLabel(approved)).toBe("delivery.inProgress");
  });

  it("a milestone done while the change waited stays done", () => {
    const requested = send(funded(5_000_000), request({ milestones: [{ id: "m3", name: "Live", due: "2028-01-31" }] }));
    const progressed = send(requested, {
      type: "REPORT_PROGRESS",
      actor: officer,
      milestoneId: "m2",
      date: "2027-10-01",
    });
    const approved = send(progressed, { type: "APPROVE_CHANGE", actor: dg });
    expect(approved.context.milestones).toEqual([
      { id: "m1", done: true },
      { id: "m2", done: true },
      { id: "m3", done: false },
    ]);
  });

  it("rejection and withdrawal leave the plan and the baseline as they were", () => {
    const requested = send(funded(5_000_000), request({ plannedEnd: "2028-06-30", additionalFunding: 1 }));
    const rejected = send(requested, {
      type: "REJECT_CHANGE",
      actor: dg,
      reason: "Not justified",
      reasonCode: "COST_NOT_JUSTIFIED",
    });
    const withdrawn = send(requested, { type: "WITHDRAW_CHANGE", actor: officer });
    for (const snap of [rejected, withdrawn]) {
      expect(snap.context).toMatchObject({ baseline: 1, fundedAmount: 5_000_000, change: null });
      expect(changeStateOf(snap)).toBeNull();
    }
    expect(allowed(requested, { type: "REJECT_CHANGE", actor: dg, reason: " " })).toBe(false);
    expect(allowed(requested, { type: "REJECT_CHANGE", actor: dg, reason: "x", reasonCode: "NOPE" })).toBe(false);
  });
});

describe("what a change request may contain", () => {
  const snap = funded(5_000_000);

  it("refuses a done milestone, an unknown one, and a request that changes nothing", () => {
    expect(allowed(snap, request({ milestones: [{ id: "m1", name: "Design", due: "2027-04-30" }] }))).toBe(false);
    expect(allowed(snap, request({ milestones: [{ id: "zz", name: "Elsewhere", due: "2027-04-30" }] }))).toBe(false);
    expect(allowed(snap, request({ milestones: [{ name: "No id from the server", due: "2027-04-30" }] }))).toBe(false);
    expect(allowed(snap, request())).toBe(false);
    expect(allowed(snap, request({ plannedEnd: "2028-02-30" }))).toBe(false);
    expect(allowed(snap, request({ additionalFunding: 0 }))).toBe(false);
    expect(allowed(snap, request({ plannedEnd: "2028-01-31", reason: "" }))).toBe(false);
    const refusal = refusalOf({
      snapshot: snap,
      actor: officer,
      type: "REQUEST_CHANGE",
      payload: { milestones: [{ id: "m1", name: "Design", due: "2027-04-30" }] },
      limit: LIMIT,
    });
    expect(refusal).toMatchObject({ status: 422, message: { key: "refusal.changeMilestoneNotOpen" } });
  });

  it("only the owning officer requests; a reviewer is told it is not their role", () => {
    expect(allowed(snap, request({ plannedEnd: "2028-01-31", actor: { ...officer, bureauCode: "IMMD" } }))).toBe(false);
    expect(allowed(snap, request({ plannedEnd: "2028-01-31", actor: dg }))).toBe(false);
    expect(refusalOf({ snapshot: snap, actor: dg, type: "REQUEST_CHANGE", payload: {}, limit: LIMIT }).status).toBe(
      403,
    );
  });

  it("one change request at a time: a second is refused with its own message", () => {
    const open = send(snap, request({ plannedEnd: "2028-01-31" }));
    expect(allowed(open, request({ plannedEnd: "2028-03-31" }))).toBe(false);
    expect(availableEvents(open, officer)).not.toContain("REQUEST_CHANGE");
    expect(refusalOf({ snapshot: open, actor: officer, type: "REQUEST_CHANGE", payload: {}, limit: LIMIT })).toEqual({
      status: 422,
      message: { key: "refusal.changeAlreadyOpen" },
    });
  });

  it("only the lead division decides a change within the limit", () => {
    const open = send(snap, request({ plannedEnd: "2028-01-31" }));
    expect(allowed(open, { type: "APPROVE_CHANGE", actor: di })).toBe(false);
    expect(allowed(open, { type: "APPROVE_CHANGE", actor: leader })).toBe(false);
    expect(allowed(open, { type: "WITHDRAW_CHANGE", actor: dg })).toBe(false);
    expect(refusalOf({ snapshot: open, actor: di, type: "APPROVE_CHANGE", payload: {}, limit: LIMIT }).status).toBe(
      403,
    );
  });

  it("completion waits for an open change to be decided", () => {
    const allDone = send(
      send(snap, { type: "REPORT_PROGRESS", actor: officer, milestoneId: "m2", date: "2027-09-01" }),
      { type: "REPORT_PROGRESS", actor: officer, milestoneId: "m3", date: "2027-12-01" },
    );
    const open = send(allDone, request({ plannedEnd: "2028-01-31" }));
    expect(allowed(open, { type: "COMPLETE", actor: officer })).toBe(false);
    expect(refusalOf({ snapshot: open, actor: officer, type: "COMPLETE", payload: {}, limit: LIMIT })).toEqual({
      status: 422,
      message: { key: "refusal.changeOpen" },
    });
  });
});

describe("snapshots of machine version 1 (before change requests)", () => {
  it("restore into the work region with no change open and baseline 1 once funded", () => {
    const now = persistSnapshot(
      send(funded(5_000_000), { type: "PAUSE", actor: officer, reason: "Wait", reasonCode: "OTHER" }),
    );
    const { baseline: _b, change: _c, ...oldContext } = now.context;
    const v1 = { ...now, machineVersion: 1, value: { delivery: "onHold" }, context: oldContext };
    const restored = restoreSnapshot(JSON.stringify(v1));
    expect(restored.value).toEqual({ delivery: { work: "onHold", change: "none" } });
    expect(restored.context).toMatchObject({ baseline: 1, change: null, fundedAmount: 5_000_000 });
    expect(deliverySubstate(restored)).toBe("onHold");
    expect(availableEvents(restored, officer)).toEqual(["RESUME", "REQUEST_CHANGE"]);
    const draft = persistSnapshot(createInitialSnapshot({ bureauCode: "ITIB" }));
    const { baseline: _d, change: _e, ...draftContext } = draft.context;
    expect(restoreSnapshot({ ...draft, machineVersion: 1, context: draftContext }).context.baseline).toBe(0);
  });
});

describe("who is told what about completion while a change is open", () => {
  it("a reviewer is told completion is not their role, the owner that the change must be decided first", () => {
    const open = send(funded(5_000_000), request({ plannedEnd: "2028-01-31" }));
    expect(refusalOf({ snapshot: open, actor: dg, type: "COMPLETE", payload: {}, limit: LIMIT }).status).toBe(403);
  });
});

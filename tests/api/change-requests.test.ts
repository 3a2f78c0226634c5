// Change requests and baselines through the JSON API (issue 15's Must-show items): a late project is red,
// an approved change with later dates makes it green against baseline 2 while the slippage against
// baseline 1 shows; money above the limit goes to the Finance Committee; one change request at a time.
import { beforeAll, describe, expect, it } from "vitest";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { call, demoTokens, type Tokens } from "./client.ts";

let t: Tokens;
let c: Callers;
beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  t = await demoTokens();
  c = await demoCallers();
});

const today = todayInHongKong();
const day = (offset: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** Funded by the lead division (HK$8,500,000), in delivery; its first milestone is 60 days late: red. */
async function lateProject(overrides: Record<string, unknown> = {}) {
  return initiativeIn("delivery", c, {
    proposal: {
      plannedStart: day(-200),
      plannedEnd: day(300),
      milestones: [
        { name: "Tender awarded", due: day(-60) },
        { name: "System live", due: day(250) },
      ],
      ...overrides,
    },
  });
}

const get = async (token: string, ref: string) => {
  const res = await call("GET", `/api/v1/initiatives/${ref}`, { token });
  expect(res.status).toBe(200);
  return res.body;
};
const post = (token: string, ref: string, json: Record<string, unknown>) =>
  call("POST", `/api/v1/initiatives/${ref}/events`, { token, json });

/** What a refused write must leave as it was. */
async function footprint(ref: string) {
  const row = await db.initiative.findUniqueOrThrow({
    where: { ref },
    select: { id: true, version: true, snapshot: true },
  });
  return {
    ...row,
    changeRequests: await db.changeRequest.count({ where: { initiativeId: row.id } }),
    baselines: await db.baseline.count({ where: { initiativeId: row.id } }),
    milestones: await db.milestone.findMany({ where: { initiativeId: row.id }, orderBy: { position: "asc" } }),
    audit: await db.auditEvent.count({ where: { initiativeId: row.id } }),
  };
}

describe("a late project re-planned by an approved change", () => {
  it("is red; after approval it is green against baseline 2, and the slippage against baseline 1 shows", async () => {
    const ref = await lateProject();
    const before = await get(t.itb, ref);
    expect(before).toMatchObject({ stage: "delivery", health: "red", baseline: 1, changeState: null });
    expect(before.baselines).toEqual([expect.objectContaining({ number: 1, plannedEnd: day(300), budget: 8_500_000 })]);
    expect(before.variance).toEqual({ slippageDays: 0, costGrowth: 0, costGrowthPercent: 0 });
    expect(before.availableEvents).toContain("REQUEST_CHANGE");

    const [tender, live] = before.milestones as { id: string; name: string }[];
    const requested = await post(t.itb, ref, {
      type: "REQUEST_CHANGE",
      expectedVersion: before.version,
      reason: "The tender failed and was re-run.",
      plannedEnd: day(400),
      milestones: [
        { id: tender!.id, name: tender!.name, due: day(30) },
        { id: live!.id, name: live!.name, due: day(350) },
        { name: "User acceptance", due: day(300) },
      ],
      additionalFunding: 1_000_000,
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    expect(requested.body).toMatchObject({ state: "delivery.inProgress+change.requested" });
    const waiting = await get(t.dg, ref);
    // Until decided, the plan stands: still red, still baseline 1; the lead reviewer may decide it.
    expect(waiting).toMatchObject({ health: "red", baseline: 1, changeState: "requested" });
    expect(waiting.availableEvents).toEqual(expect.arrayContaining(["APPROVE_CHANGE", "REJECT_CHANGE"]));
    expect(waiting.changeRequests).toEqual([
      expect.objectContaining({
        number: 1,
        status: "REQUESTED",
        route: "LEAD_DIVISION",
        plannedEnd: day(400),
        additionalFunding: 1_000_000,
        requestedBy: expect.any(String),
      }),
    ]);

    const approved = await post(t.dg, ref, { type: "APPROVE_CHANGE", comment: "A re-run tender is a fair reason." });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const after = await get(t.itb, ref);
    expect(after).toMatchObject({
      health: "green",
      baseline: 2,
      changeState: null,
      plannedEnd: day(400),
      funding: { approved: 9_500_000 },
      variance: { slippageDays: 100, costGrowth: 1_000_000, costGrowthPercent: 11.8 },
    });
    expect(after.milestones.map((m: { name: string; due: string }) => [m.name, m.due])).toEqual([
      ["Tender awarded", day(30)],
      ["System live", day(350)],
      ["User acceptance", day(300)],
    ]);
    expect(
      after.baselines.map((b: { number: number; plannedEnd: string; budget: number }) => [
        b.number,
        b.plannedEnd,
        b.budget,
      ]),
    ).toEqual([
      [1, day(300), 8_500_000],
      [2, day(400), 9_500_000],
    ]);
    expect(after.baselines[0].milestones.map((m: { due: string }) => m.due)).toEqual([day(-60), day(250)]);
    expect(after.changeRequests[0]).toMatchObject({
      status: "APPROVED",
      grantedFunding: 1_000_000,
      baseline: 2,
      decisionReason: "A re-run tender is a fair reason.",
      decidedBy: expect.any(String),
    });
    // The new milestone is a milestone like the others: progress can be reported against it.
    const added = after.milestones.find((m: { name: string }) => m.name === "User acceptance");
    const progress = await post(t.itb, ref, { type: "REPORT_PROGRESS", milestoneId: added.id, date: today });
    expect(progress.status).toBe(200);
  });
});

describe("one change request at a time", () => {
  it("refuses a second request with a clear message and writes nothing", async () => {
    const ref = await lateProject();
    const first = await post(t.itb, ref, { type: "REQUEST_CHANGE", reason: "Supplier late.", plannedEnd: day(360) });
    expect(first.status).toBe(200);
    const was = await footprint(ref);
    const second = await post(t.itb, ref, { type: "REQUEST_CHANGE", reason: "And later still.", plannedEnd: day(420) });
    expect(second.status).toBe(422);
    expect(second.body.error).toMatchObject({
      code: expect.any(String),
      message:
        "A change request is already open for this initiative. It must be decided or withdrawn before another is made.",
    });
    expect(await footprint(ref)).toEqual(was);
    // Once withdrawn, a new request may be made.
    expect((await post(t.itb, ref, { type: "WITHDRAW_CHANGE", reason: "Caught up." })).status).toBe(200);
    expect((await post(t.itb, ref, { type: "REQUEST_CHANGE", reason: "Later.", plannedEnd: day(420) })).status).toBe(
      200,
    );
    const view = await get(t.itb, ref);
    expect(view.changeRequests.map((r: { status: string }) => r.status)).toEqual(["WITHDRAWN", "REQUESTED"]);
  });
});

describe("additional money follows the funding route of the new total", () => {
  // Funded HK$8,500,000: the additional money makes the total.
  it.each([
    [19_999_999, "requested", 200],
    [20_000_000, "requested", 200],
    [20_000_001, "awaitingFinanceCommittee", 422],
  ] as const)(
    "a new total of HK$%i: %s; the lead reviewer's approval answers %i",
    async (total, changeState, status) => {
      const ref = await lateProject();
      const res = await post(t.itb, ref, {
        type: "REQUEST_CHANGE",
        reason: "Scope grew.",
        additionalFunding: total - 8_500_000,
      });
      expect(res.status).toBe(200);
      expect((await get(t.dg, ref)).changeState).toBe(changeState);
      const approve = await post(t.dg, ref, { type: "APPROVE_CHANGE" });
      expect(approve.status).toBe(status);
      if (status === 422) {
        expect(approve.body.error.message).toMatch(/Finance Committee decides it/);
        expect((await get(t.leader, ref)).availableEvents).toEqual(["RECORD_FC_APPROVAL", "RECORD_FC_REJECTION"]);
      }
      expect((await get(t.dg, ref)).funding.approved).toBe(status === 200 ? total : 8_500_000);
    },
  );

  it("leadership records the Finance Committee's approval; the change becomes baseline 2", async () => {
    const ref = await lateProject();
    await post(t.itb, ref, { type: "REQUEST_CHANGE", reason: "A second data centre.", additionalFunding: 30_000_000 });
    const fc = await post(t.leader, ref, {
      type: "RECORD_FC_APPROVAL",
      paperRef: "FCR(2026-27)51",
      date: today,
      amount: 25_000_000,
    });
    expect(fc.status, JSON.stringify(fc.body)).toBe(200);
    const view = await get(t.itb, ref);
    expect(view).toMatchObject({
      baseline: 2,
      funding: { approved: 33_500_000 },
      variance: { costGrowth: 25_000_000 },
    });
    expect(view.changeRequests[0]).toMatchObject({
      status: "APPROVED",
      route: "FINANCE_COMMITTEE",
      paperRef: "FCR(2026-27)51",
      grantedFunding: 25_000_000,
    });
    // The money granted is a funding decision, so that every funded HK$ has one.
    expect(view.funding.decisions.map((d: { decision: string; amount: number }) => [d.decision, d.amount])).toEqual([
      ["APPROVED", 8_500_000],
      ["FC_APPROVED", 25_000_000],
    ]);
  });
});

describe("what a change may not do", () => {
  it("refuses to re-date a done milestone, and a request that changes nothing", async () => {
    const ref = await lateProject();
    const view = await get(t.itb, ref);
    const [tender] = view.milestones;
    expect((await post(t.itb, ref, { type: "REPORT_PROGRESS", milestoneId: tender.id, date: today })).status).toBe(200);
    const was = await footprint(ref);
    const redate = await post(t.itb, ref, {
      type: "REQUEST_CHANGE",
      reason: "Move it.",
      milestones: [{ id: tender.id, name: tender.name, due: day(10) }],
    });
    expect(redate.status).toBe(422);
    expect(redate.body.error.fields).toEqual({ milestones: ["refusal.changeMilestoneNotOpen"] });
    const empty = await post(t.itb, ref, { type: "REQUEST_CHANGE", reason: "Nothing." });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toMatchObject({ plannedEnd: ["errors.changeNeedsContent"] });
    expect(await footprint(ref)).toEqual(was);
  });

  it("rejection keeps the plan, with the reason code on record; only the lead reviewer decides", async () => {
    const ref = await lateProject();
    await post(t.itb, ref, { type: "REQUEST_CHANGE", reason: "Later.", plannedEnd: day(500) });
    expect((await post(t.dgov, ref, { type: "APPROVE_CHANGE" })).status).toBe(403);
    expect((await post(t.itb, ref, { type: "APPROVE_CHANGE" })).status).toBe(403);
    const rejected = await post(t.dg, ref, {
      type: "REJECT_CHANGE",
      reason: "No case for it.",
      reasonCode: "COST_NOT_JUSTIFIED",
    });
    expect(rejected.status).toBe(200);
    const view = await get(t.itb, ref);
    expect(view).toMatchObject({ baseline: 1, plannedEnd: day(300), health: "red" });
    expect(view.changeRequests[0]).toMatchObject({
      status: "REJECTED",
      reasonCode: "COST_NOT_JUSTIFIED",
      decisionReason: "No case for it.",
    });
  });
});

describe("initiatives funded before baselines were kept", () => {
  it("show baseline 1 as their plan, and get its row when a change is first approved", async () => {
    const ref = await lateProject();
    const { id } = await db.initiative.findUniqueOrThrow({ where: { ref }, select: { id: true } });
    await db.baseline.deleteMany({ where: { initiativeId: id } });
    expect((await get(t.itb, ref)).baselines).toEqual([
      expect.objectContaining({ number: 1, plannedEnd: day(300), budget: 8_500_000 }),
    ]);
    await post(t.itb, ref, { type: "REQUEST_CHANGE", reason: "Later.", plannedEnd: day(330) });
    await post(t.dg, ref, { type: "APPROVE_CHANGE" });
    const rows = await db.baseline.findMany({ where: { initiativeId: id }, orderBy: { number: "asc" } });
    expect(rows.map((b) => [b.number, b.plannedEnd, b.budget])).toEqual([
      [1, day(300), 8_500_000],
      [2, day(330), 8_500_000],
    ]);
    expect((await get(t.itb, ref)).variance).toMatchObject({ slippageDays: 30 });
  });
});

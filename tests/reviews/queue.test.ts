// The reviewer's queue: membership per division and round, working-day ageing against the SLA, the
// funding and "decided" tabs, and who may open /reviews. The demo portfolio is seeded too, so every
// assertion looks only at the initiatives this file creates (or computes its expectation from the DB).
import { beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "~/initiatives/access.server.ts";
import { createDraft, sendEvent } from "~/initiatives/initiatives.server.ts";
import { getFundingQueue, getRecentDecisions, getReviewQueue, reviewClock } from "~/reviews/review-queue.server.ts";
import { getReviewWorkspace } from "~/reviews/review-desks.server.ts";
import { loader as reviewsLoader } from "~/routes/reviews.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { completeProposal, demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, run } from "../helpers/http.ts";

let c: Callers;

beforeAll(async () => {
  await seed({ demoData: true });
  c = await demoCallers();
});

/** Which of `mine` are in `who`'s queue, in queue order. */
async function inQueue(who: Caller, mine: string[]) {
  return (await getReviewQueue(who)).items.map((i) => i.ref).filter((r) => mine.includes(r));
}

/** Needs Digital Government (lead, citizen-facing) and Digital Infrastructure (new hosting) only. */
const DG_AND_DI = {
  handlesPersonalData: false,
  sharesDataAcrossBureaux: false,
  needsNewInfrastructure: true,
  citizenFacing: true,
};

describe("queue membership per division and round", () => {
  it("shows an initiative only to the divisions that must sign it, until each has decided, and again after a resubmission", async () => {
    const ref = await initiativeIn("efficiencyReview", c, { proposal: DG_AND_DI });
    const queues = async () => ({
      dg: (await inQueue(c.dg, [ref])).length === 1,
      dgov: (await inQueue(c.dgov, [ref])).length === 1,
      di: (await inQueue(c.di, [ref])).length === 1,
    });
    expect(await queues()).toEqual({ dg: true, dgov: false, di: true });

    await sendEvent(c.dg, ref, { type: "APPROVE" });
    expect(await queues()).toEqual({ dg: false, dgov: false, di: true });

    await sendEvent(c.di, ref, {
      type: "REQUEST_CHANGES",
      reason: "Hosting plan missing",
      reasonCode: "INCOMPLETE_BUSINESS_CASE",
    });
    expect(await queues()).toEqual({ dg: false, dgov: false, di: false });

    await sendEvent(c.itb, ref, { type: "RESUBMIT" });
    expect(await queues()).toEqual({ dg: true, dgov: false, di: true });
    const item = (await getReviewQueue(c.di)).items.find((i) => i.ref === ref)!;
    expect(item).toMatchObject({
      round: 2,
      requiredDivisions: ["DIGITAL_GOVERNMENT", "DIGITAL_INFRASTRUCTURE"],
      otherPending: ["DIGITAL_GOVERNMENT"],
    });
  });

  it("matches the database: every initiative pending for the division in the current round, and nothing else", async () => {
    for (const [who, division] of [
      [c.dg, "DIGITAL_GOVERNMENT"],
      [c.dgov, "DATA_GOVERNANCE"],
      [c.di, "DIGITAL_INFRASTRUCTURE"],
    ] as const) {
      const queue = await getReviewQueue(who);
      const rows = await db.initiative.findMany({
        where: { stage: "efficiencyReview" },
        select: { ref: true, snapshot: true },
      });
      const expected = rows
        .filter((r) => {
          const regions = (JSON.parse(r.snapshot) as { value: { efficiencyReview: Record<string, string> } }).value
            .efficiencyReview;
          const key = {
            DIGITAL_GOVERNMENT: "digitalGovernment",
            DATA_GOVERNANCE: "dataGovernance",
            DIGITAL_INFRASTRUCTURE: "digitalInfrastructure",
          }[division];
          return regions[key] === "pending";
        })
        .map((r) => r.ref)
        .sort();
      expect(queue.items.map((i) => i.ref).sort(), division).toEqual(expected);
      // Oldest first by entry into the current round.
      const entered = queue.items.map((i) => new Date(i.roundSubmittedAt).getTime());
      expect([...entered].sort((a, b) => a - b)).toEqual(entered);
    }
  });
});

describe("working-day ageing against the review SLA", () => {
  /** Creates and submits an initiative at `at` (Hong Kong time given as an ISO instant). */
  async function submittedAt(at: string, proposal: Record<string, unknown> = {}) {
    const now = new Date(at);
    const { ref } = await createDraft(c.itb, completeProposal(proposal), { now });
    await sendEvent(c.itb, ref, { type: "SUBMIT" }, { now });
    return ref;
  }
  const ageOn = async (who: Caller, ref: string, at: string) =>
    (await getReviewQueue(who, { now: new Date(at) })).items.find((i) => i.ref === ref)!;

  it("does not count a weekend", async () => {
    const ref = await submittedAt("2025-11-21T10:00:00+08:00"); // Friday
    expect((await ageOn(c.dg, ref, "2025-11-22T18:00:00+08:00")).ageWorkingDays).toBe(0); // Saturday
    expect((await ageOn(c.dg, ref, "2025-11-23T18:00:00+08:00")).ageWorkingDays).toBe(0); // Sunday
    expect(await ageOn(c.dg, ref, "2025-11-24T09:00:00+08:00")).toMatchObject({
      ageWorkingDays: 1,
      enteredOn: "2025-11-21",
      dueOn: "2025-12-05",
    });
  });

  it("does not count Hong Kong general holidays (Christmas 2025, New Year's Day 2026), and marks overdue after the SLA", async () => {
    const ref = await submittedAt("2025-12-24T16:30:00+08:00"); // Wednesday before Christmas
    // 25 and 26 Dec are general holidays, then a weekend: Monday 29 Dec is the first working day.
    expect(await ageOn(c.dgov, ref, "2025-12-29T09:00:00+08:00")).toMatchObject({ ageWorkingDays: 1, overdue: false });
    // 10 working days: 29, 30, 31 Dec, (1 Jan is a holiday) 2, 5, 6, 7, 8, 9, 12 Jan.
    expect(await ageOn(c.dgov, ref, "2026-01-12T17:00:00+08:00")).toMatchObject({
      ageWorkingDays: 10,
      dueOn: "2026-01-12",
      overdue: false,
    });
    expect(await ageOn(c.dgov, ref, "2026-01-13T09:00:00+08:00")).toMatchObject({ ageWorkingDays: 11, overdue: true });
  });

  it("counts against the SLA setting, and orders the queue oldest first", async () => {
    const older = await submittedAt("2025-10-06T10:00:00+08:00");
    const newer = await submittedAt("2025-10-08T10:00:00+08:00");
    expect(await inQueue(c.dg, [newer, older])).toEqual([older, newer]);
    await db.setting.update({ where: { key: "REVIEW_SLA_DAYS" }, data: { value: "3" } });
    try {
      const queue = await getReviewQueue(c.dg, { now: new Date("2025-10-10T12:00:00+08:00") });
      expect(queue.slaDays).toBe(3);
      // 7 Oct 2025 (the day after the Mid-Autumn Festival) is a general holiday.
      expect(queue.items.find((i) => i.ref === older)).toMatchObject({
        ageWorkingDays: 3,
        dueOn: "2025-10-10",
        overdue: false,
      });
      const later = await getReviewQueue(c.dg, { now: new Date("2025-10-13T12:00:00+08:00") });
      expect(later.items.find((i) => i.ref === older)).toMatchObject({ ageWorkingDays: 4, overdue: true });
      expect(later.items.find((i) => i.ref === newer)).toMatchObject({ ageWorkingDays: 3, overdue: false });
    } finally {
      await db.setting.update({ where: { key: "REVIEW_SLA_DAYS" }, data: { value: "10" } });
    }
  });

  it("reviewClock is the same rule as the calendar", () => {
    expect(reviewClock(new Date("2026-09-30T10:00:00+08:00"), 10, new Date("2026-10-02T10:00:00+08:00"))).toEqual({
      enteredOn: "2026-09-30",
      ageWorkingDays: 1, // 1 Oct is National Day
      dueOn: "2026-10-15", // 2, 5–9 and 12–15 Oct
      overdue: false,
    });
  });
});

describe("funding and decided tabs", () => {
  it("lists funding decisions waiting on the lead division (deferred too), with the route the request implies", async () => {
    const within = await initiativeIn("fundingReview", c, { proposal: { nonRecurrentCost: 12_000_000 } });
    const above = await initiativeIn("fundingReview", c, { proposal: { nonRecurrentCost: 36_000_000 } });
    const deferred = await initiativeIn("deferred", c);
    const mine = [within, above, deferred];
    const dg = await getFundingQueue(c.dg);
    const ofMine = dg.items.filter((i) => mine.includes(i.ref));
    expect(ofMine.map((i) => [i.ref, i.stage, i.route])).toEqual([
      [within, "fundingReview", "BLOCK_ALLOCATION"],
      [above, "fundingReview", "FINANCE_COMMITTEE"],
      [deferred, "deferred", "BLOCK_ALLOCATION"],
    ]);
    expect(ofMine[2]).toMatchObject({ deferralReasonCode: "FUNDING_PRIORITY", dueOn: null, overdue: false });
    expect(ofMine[0]!.dueOn).not.toBeNull();
    // Data Governance signed these off but does not lead them.
    expect((await getFundingQueue(c.dgov)).items.filter((i) => mine.includes(i.ref))).toEqual([]);
    expect(dg.items.length).toBe(
      await db.initiative.count({
        where: { stage: { in: ["fundingReview", "deferred"] }, leadDivision: "DIGITAL_GOVERNMENT" },
      }),
    );
  });

  it("lists what the division decided, newest first: sign-offs and the lead's funding decisions", async () => {
    const ref = await initiativeIn("delivery", c, { proposal: { nonRecurrentCost: 7_000_000 } });
    const dg = await getRecentDecisions(c.dg);
    const ofRef = dg.items.filter((i) => i.ref === ref).map((i) => [i.kind, i.decision, i.amount]);
    expect(ofRef).toEqual([
      ["funding", "APPROVED", 7_000_000],
      ["signoff", "APPROVED", null],
    ]);
    expect(dg.items.filter((i) => i.ref === ref).map((i) => i.by)).toEqual(["Lee Wing Sze", "Lee Wing Sze"]);
    const times = dg.items.map((i) => i.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(dg.items.length).toBeLessThanOrEqual(30);
    // Data Governance signed it off too, but took no funding decision on it.
    expect((await getRecentDecisions(c.dgov)).items.filter((i) => i.ref === ref).map((i) => i.kind)).toEqual([
      "signoff",
    ]);
    expect((await getRecentDecisions(c.di)).items.filter((i) => i.ref === ref)).toEqual([]);
  });
});

describe("/reviews", () => {
  it("shows the reviewer's own division's queue, with tabs as plain links", async () => {
    const ref = await initiativeIn("efficiencyReview", c, { proposal: DG_AND_DI });
    const dg = await login("reviewer.dg@demo.gov.hk");
    const res = await run(() => reviewsLoader(args(get("/reviews", dg)) as never));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.tab).toBe("queue");
    expect(body.division).toBe("DIGITAL_GOVERNMENT");
    expect(body.queue.items.map((i: { ref: string }) => i.ref)).toContain(ref);
    expect(body.counts.queue).toBe(body.queue.items.length);
    expect(body.funding).toBeNull();

    const dgov = await login("reviewer.dgov@demo.gov.hk");
    const other = await (await run(() => reviewsLoader(args(get("/reviews?tab=queue", dgov)) as never))).json();
    expect(other.queue.items.map((i: { ref: string }) => i.ref)).not.toContain(ref);

    const funding = await (await run(() => reviewsLoader(args(get("/reviews?tab=funding", dg)) as never))).json();
    expect(funding.tab).toBe("funding");
    expect(funding.queue).toBeNull();
    expect(funding.funding.items.length).toBe(funding.counts.funding);
    const decided = await (await run(() => reviewsLoader(args(get("/reviews?tab=decided", dg)) as never))).json();
    expect(decided.decided.items.length).toBeGreaterThan(0);
    const unknown = await (await run(() => reviewsLoader(args(get("/reviews?tab=../../admin", dg)) as never))).json();
    expect(unknown.tab).toBe("queue");
  });

  it("pages the queue and funding tabs on the server: the pages together are the whole list, in order, with its count", async () => {
    for (const ref of [
      await initiativeIn("efficiencyReview", c, { proposal: DG_AND_DI }),
      await initiativeIn("efficiencyReview", c, { proposal: DG_AND_DI }),
    ])
      expect(ref).toMatch(/^DPO-/);
    for (const tab of ["queue", "funding"] as const) {
      const whole = (await getReviewWorkspace(c.dg, tab, new Date(), { pageSize: 1000 }))[tab]!.items;
      const paged: string[] = [];
      for (let page = 1; page <= Math.ceil(whole.length / 2) + 1; page++) {
        const w = await getReviewWorkspace(c.dg, tab, new Date(), { page, pageSize: 2 });
        expect(w.paging).toEqual({ page, pageSize: 2, total: w.counts[tab] });
        expect(w[tab]!.items.length).toBeLessThanOrEqual(2);
        paged.push(...w[tab]!.items.map((i) => i.ref));
      }
      expect(paged).toEqual(whole.map((i) => i.ref));
      expect(whole.length).toBe((await getReviewWorkspace(c.dg, tab)).counts[tab]);
    }
    expect((await getReviewWorkspace(c.dg, "queue")).queue!.items.length).toBeGreaterThanOrEqual(2);

    const dg = await login("reviewer.dg@demo.gov.hk");
    const second = await (await run(() => reviewsLoader(args(get("/reviews?tab=queue&page=2", dg)) as never))).json();
    expect(second.paging).toMatchObject({ page: 2, pageSize: 50 });
    expect((await run(() => reviewsLoader(args(get("/reviews?page=2", dg)) as never))).status).toBe(200);
    for (const bad of ["0", "-1", "1.5", "x", "10001"])
      expect((await run(() => reviewsLoader(args(get(`/reviews?page=${bad}`, dg)) as never))).status).toBe(400);
    const decided = await (await run(() => reviewsLoader(args(get("/reviews?tab=decided", dg)) as never))).json();
    expect(decided.paging).toBeNull();
  });

  it.each(["officer.itb@demo.gov.hk", "leader@demo.gov.hk", "admin@demo.gov.hk"])(
    "refuses %s with 403",
    async (email) => {
      const session = await login(email);
      expect((await run(() => reviewsLoader(args(get("/reviews", session)) as never))).status).toBe(403);
    },
  );

  it("sends a visitor to the sign-in page", async () => {
    const res = await run(() => reviewsLoader(args(get("/reviews")) as never));
    expect(res.status).toBe(302);
  });
});

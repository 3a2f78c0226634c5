// The lead division's funding decision through the initiative page's route action: the block-allocation
// limit at HK$19,999,999, HK$20,000,000 and HK$20,000,001 (approve vs refer), defer and reopen, the
// Finance Committee list and leadership's outcome — and the "must show" scenario end to end.
import { ensureBusinessCase } from "~/attachments/business-case.server.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { createDraft, sendEvent } from "~/initiatives/initiatives.server.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";
import { loader as fcLoader } from "~/routes/finance-committee.tsx";
import { action as pageAction, loader as pageLoader } from "~/routes/initiatives.$ref._index/route.tsx";
import { loader as reviewsLoader } from "~/routes/reviews.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { completeProposal, demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, post, run, type Session } from "../helpers/http.ts";

let c: Callers;
let s: Record<"dg" | "dgov" | "di" | "itb" | "leader", Session>;

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  s = {
    dg: await login("reviewer.dg@demo.gov.hk"),
    dgov: await login("reviewer.dgov@demo.gov.hk"),
    di: await login("reviewer.di@demo.gov.hk"),
    itb: await login("officer.itb@demo.gov.hk"),
    leader: await login("leader@demo.gov.hk"),
  };
});

/** Posts a form of the initiative page (the funding panel unless `form` says otherwise). */
async function postPage(session: Session, ref: string, fields: Record<string, string>) {
  const { version } = await db.initiative.findUniqueOrThrow({ where: { ref }, select: { version: true } });
  return run(() =>
    pageAction(args(post(`/initiatives/${ref}`, { version: String(version), ...fields }, session), { ref }) as never),
  );
}
const fund = (session: Session, ref: string, fields: Record<string, string>) =>
  postPage(session, ref, { form: "funding", ...fields });

async function pageOf(session: Session, ref: string) {
  return (await run(() => pageLoader(args(get(`/initiatives/${ref}`, session), { ref }) as never))).json();
}
async function reviewsTab(session: Session, tab: string) {
  return (await run(() => reviewsLoader(args(get(`/reviews?tab=${tab}`, session)) as never))).json();
}
const refs = (items: { ref: string }[]) => items.map((i) => i.ref);

async function footprint(ref: string) {
  const row = await db.initiative.findUniqueOrThrow({
    where: { ref },
    select: { id: true, version: true, stage: true, fundedAmount: true },
  });
  return {
    ...row,
    funding: await db.fundingDecision.count({ where: { initiativeId: row.id } }),
    audit: await db.auditEvent.count(),
  };
}

describe("the block-allocation limit (HK$20,000,000) decides the route, by the amount REQUESTED", () => {
  it.each([19_999_999, 20_000_000])(
    "HK$%i requested: approve is offered and allowed, refer is refused",
    async (requested) => {
      const ref = await initiativeIn("fundingReview", c, { proposal: { nonRecurrentCost: requested } });
      expect((await pageOf(s.dg, ref)).view.availableEvents).toEqual(["REJECT", "DEFER", "APPROVE_FUNDING"]);

      const before = await footprint(ref);
      const refer = await fund(s.dg, ref, { intent: "REFER_TO_FINANCE_COMMITTEE", amount: String(requested) });
      expect(refer.status).toBe(422);
      expect((await refer.json()).fields).toEqual({ amount: ["funding.errors.requestWithinLimit"] });
      expect(await footprint(ref)).toEqual(before);

      const approve = await fund(s.dg, ref, { intent: "APPROVE_FUNDING", amount: requested.toLocaleString("en") });
      expect(approve.status).toBe(302);
      const view = await getInitiative(c.leader, ref);
      expect(view.stage).toBe("delivery");
      expect(view.funding.approved).toBe(requested);
      expect(view.funding.decisions).toMatchObject([
        { decision: "APPROVED", route: "BLOCK_ALLOCATION", amount: requested },
      ]);
    },
  );

  it("HK$20,000,001 requested: approving any amount is refused (no trimming to the limit), refer is allowed", async () => {
    const ref = await initiativeIn("fundingReview", c, { proposal: { nonRecurrentCost: 20_000_001 } });
    expect((await pageOf(s.dg, ref)).view.availableEvents).toEqual(["REJECT", "DEFER", "REFER_TO_FINANCE_COMMITTEE"]);
    const before = await footprint(ref);

    for (const amount of ["20,000,001", "20,000,000", "5,000,000"]) {
      const res = await fund(s.dg, ref, { intent: "APPROVE_FUNDING", amount });
      expect(res.status, amount).toBe(422);
      expect((await res.json()).fields).toEqual({ amount: ["funding.errors.requestAboveLimit"] });
    }
    const low = await fund(s.dg, ref, { intent: "REFER_TO_FINANCE_COMMITTEE", amount: "20000000" });
    expect(low.status).toBe(422);
    expect((await low.json()).fields).toEqual({ amount: ["funding.errors.referAboveLimit"] });
    const more = await fund(s.dg, ref, { intent: "REFER_TO_FINANCE_COMMITTEE", amount: "20000002" });
    expect((await more.json()).fields).toEqual({ amount: ["funding.errors.aboveRequested"] });
    // Not the lead division: not theirs to decide at all.
    expect((await fund(s.dgov, ref, { intent: "APPROVE_FUNDING", amount: "20000000" })).status).toBe(403);
    expect((await fund(s.dgov, ref, { intent: "REFER_TO_FINANCE_COMMITTEE", amount: "20000001" })).status).toBe(403);
    expect(await footprint(ref)).toEqual(before);

    const refer = await fund(s.dg, ref, { intent: "REFER_TO_FINANCE_COMMITTEE", amount: "20,000,001" });
    expect(refer.status).toBe(302);
    const view = await getInitiative(c.leader, ref);
    expect(view.stage).toBe("awaitingFinanceCommittee");
    expect(view.funding.decisions).toMatchObject([
      { decision: "REFERRED", route: "FINANCE_COMMITTEE", amount: 20_000_001 },
    ]);
  });

  it("the service explains the refusal in words for the JSON API", async () => {
    const ref = await initiativeIn("fundingReview", c, { proposal: { nonRecurrentCost: 20_000_001 } });
    await expect(sendEvent(c.dg, ref, { type: "APPROVE_FUNDING", amount: 20_000_000 })).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(
        /above the block-allocation limit.*Finance Committee must decide.*smaller amount.*not allowed/,
      ),
    });
  });

  it("follows the limit setting", async () => {
    const ref = await initiativeIn("fundingReview", c, { proposal: { nonRecurrentCost: 22_000_000 } });
    expect((await pageOf(s.dg, ref)).view.availableEvents).toContain("REFER_TO_FINANCE_COMMITTEE");
    await db.setting.update({ where: { key: "BLOCK_ALLOCATION_LIMIT" }, data: { value: "25000000" } });
    try {
      const page = await pageOf(s.dg, ref);
      expect(page.view.availableEvents).toEqual(["REJECT", "DEFER", "APPROVE_FUNDING"]);
      expect(page.view.funding.blockAllocationLimit).toBe(25_000_000);
      expect((await fund(s.dg, ref, { intent: "APPROVE_FUNDING", amount: "22000000" })).status).toBe(302);
    } finally {
      await db.setting.update({ where: { key: "BLOCK_ALLOCATION_LIMIT" }, data: { value: "20000000" } });
    }
  });
});

describe("defer and reopen", () => {
  it("defers with a reason category and reason, refuses without, and reopens", async () => {
    const ref = await initiativeIn("fundingReview", c);
    const before = await footprint(ref);
    const bad = await fund(s.dg, ref, { intent: "DEFER", reasonCode: "", reason: "" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields).toEqual({
      reasonCode: ["reviews.errors.chooseReasonCode"],
      reason: ["errors.required"],
    });
    const rejectBad = await fund(s.dg, ref, { intent: "REJECT", reasonCode: "COST_NOT_JUSTIFIED", reason: "" });
    expect((await rejectBad.json()).fields).toEqual({ reason: ["errors.required"] });
    expect(await footprint(ref)).toEqual(before);

    expect(
      (await fund(s.dg, ref, { intent: "DEFER", reasonCode: "FUNDING_PRIORITY", reason: "Next funding round." }))
        .status,
    ).toBe(302);
    expect((await getInitiative(c.leader, ref)).stage).toBe("deferred");
    const deferredTab = await reviewsTab(s.dg, "funding");
    expect(deferredTab.funding.items.find((i: { ref: string }) => i.ref === ref)).toMatchObject({
      stage: "deferred",
      deferralReasonCode: "FUNDING_PRIORITY",
    });
    expect((await pageOf(s.dg, ref)).view.availableEvents).toEqual(["REOPEN"]);
    expect((await pageOf(s.dgov, ref)).view.availableEvents).toEqual([]);

    expect((await fund(s.dg, ref, { intent: "REOPEN", reason: "Funds released." })).status).toBe(302);
    const view = await getInitiative(c.leader, ref);
    expect(view.stage).toBe("fundingReview");
    expect(view.funding.decisions.map((d) => d.decision)).toEqual(["DEFERRED", "REOPENED"]);
  });
});

describe("leadership's Finance Committee list", () => {
  it("is for leadership only", async () => {
    for (const session of [s.dg, s.itb, await login("admin@demo.gov.hk")]) {
      expect((await run(() => fcLoader(args(get("/finance-committee", session)) as never))).status).toBe(403);
    }
  });

  it("matches the database", async () => {
    const body = await (await run(() => fcLoader(args(get("/finance-committee", s.leader)) as never))).json();
    expect(body.items.length).toBe(await db.initiative.count({ where: { stage: "awaitingFinanceCommittee" } }));
    expect(body.totalReferred).toBe(
      body.items.reduce((sum: number, i: { referredAmount: number }) => sum + i.referredAmount, 0),
    );
  });
});

describe("must show", () => {
  it("needs DG and DGOV: in exactly those queues, leaves each on its decision, funded within the limit; a second above it is referred and leadership records the Finance Committee's approval", async () => {
    // An e-service (lead Digital Government) that handles personal data (Data Governance).
    const proposal = completeProposal({ nonRecurrentCost: 8_500_000, needsNewInfrastructure: false });
    const { ref } = await createDraft(c.itb, proposal);
    expect((await postPage(s.itb, ref, { intent: "SUBMIT" })).status).toBe(302);

    const queueOf = async (session: Session) => refs((await reviewsTab(session, "queue")).queue.items);
    expect(await queueOf(s.dg)).toContain(ref);
    expect(await queueOf(s.dgov)).toContain(ref);
    expect(await queueOf(s.di)).not.toContain(ref);

    // Data Governance decides first (with a condition); Digital Government still has it.
    const withConditions = await postPage(s.dgov, ref, {
      form: "review",
      intent: "APPROVE_WITH_CONDITIONS",
      "conditions.0.text": "Complete a privacy impact assessment before go-live",
      "conditions.0.due": "2027-03-31",
    });
    expect(withConditions.status).toBe(302);
    expect(await queueOf(s.dgov)).not.toContain(ref);
    expect(await queueOf(s.dg)).toContain(ref);
    expect((await getInitiative(c.leader, ref)).stage).toBe("efficiencyReview");

    expect((await postPage(s.dg, ref, { form: "review", intent: "APPROVE" })).status).toBe(302);
    expect(await queueOf(s.dg)).not.toContain(ref);
    expect((await getInitiative(c.leader, ref)).stage).toBe("fundingReview");
    expect(refs((await reviewsTab(s.dg, "funding")).funding.items)).toContain(ref);
    expect(refs((await reviewsTab(s.dgov, "funding")).funding.items)).not.toContain(ref);

    // The lead division funds it within the limit.
    expect((await fund(s.dg, ref, { intent: "APPROVE_FUNDING", amount: "8,500,000" })).status).toBe(302);
    const funded = await getInitiative(c.leader, ref);
    expect(funded.stage).toBe("delivery");
    expect(funded.funding.approved).toBe(8_500_000);
    expect(refs((await reviewsTab(s.dg, "funding")).funding.items)).not.toContain(ref);
    expect(refs((await reviewsTab(s.dg, "decided")).decided.items)).toContain(ref);

    // A second one, above the limit.
    const big = (
      await createDraft(c.itb, {
        ...proposal,
        titleEn: "Territory-wide digital identity upgrade",
        nonRecurrentCost: 45_000_000,
      })
    ).ref;
    await ensureBusinessCase(c.itb, big);
    expect((await postPage(s.itb, big, { intent: "SUBMIT" })).status).toBe(302);
    expect(await queueOf(s.dg)).toContain(big);
    expect(await queueOf(s.dgov)).toContain(big);
    expect(await queueOf(s.di)).not.toContain(big);
    expect((await postPage(s.dg, big, { form: "review", intent: "APPROVE" })).status).toBe(302);
    expect((await postPage(s.dgov, big, { form: "review", intent: "APPROVE" })).status).toBe(302);
    expect((await pageOf(s.dg, big)).view.availableEvents).toEqual(["REJECT", "DEFER", "REFER_TO_FINANCE_COMMITTEE"]);
    expect((await fund(s.dg, big, { intent: "APPROVE_FUNDING", amount: "20,000,000" })).status).toBe(422);
    expect((await fund(s.dg, big, { intent: "REFER_TO_FINANCE_COMMITTEE", amount: "45,000,000" })).status).toBe(302);

    const fc = await (await run(() => fcLoader(args(get("/finance-committee", s.leader)) as never))).json();
    const listed = fc.items.find((i: { ref: string }) => i.ref === big);
    expect(listed).toMatchObject({
      referredAmount: 45_000_000,
      leadDivision: "DIGITAL_GOVERNMENT",
      waitingWorkingDays: 0,
    });
    expect(new Date(listed.referredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    // Leadership records the Finance Committee's approval on the initiative page (its plain event form).
    expect((await pageOf(s.leader, big)).view.availableEvents).toEqual(["RECORD_FC_APPROVAL", "RECORD_FC_REJECTION"]);
    expect(
      (await postPage(s.dg, big, { intent: "RECORD_FC_APPROVAL", paperRef: "FCR(2026-27)42", date: "2026-11-20" }))
        .status,
    ).toBe(403);
    const recorded = await postPage(s.leader, big, {
      intent: "RECORD_FC_APPROVAL",
      paperRef: "FCR(2026-27)42",
      date: "2026-11-20",
      amount: "",
    });
    expect(recorded.status).toBe(302);
    const approved = await getInitiative(c.leader, big);
    expect(approved.stage).toBe("delivery");
    expect(approved.funding.approved).toBe(45_000_000);
    expect(approved.funding.decisions).toMatchObject([
      { decision: "REFERRED", route: "FINANCE_COMMITTEE", amount: 45_000_000 },
      {
        decision: "FC_APPROVED",
        route: "FINANCE_COMMITTEE",
        amount: 45_000_000,
        paperRef: "FCR(2026-27)42",
        decisionDate: "2026-11-20",
      },
    ]);
    const after = await (await run(() => fcLoader(args(get("/finance-committee", s.leader)) as never))).json();
    expect(refs(after.items)).not.toContain(big);
  });
});

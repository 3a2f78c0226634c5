import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server.ts";
import { addComment, createDraft, sendEvent, updateDraft } from "~/initiatives/initiatives.server.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";
import { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { completeProposal, demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";

let c: Callers;
beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
});

async function rowCounts() {
  const [initiatives, signoffs, conditions, funding, milestones, benefits, audit, rounds, comments] = await Promise.all(
    [
      db.initiative.count(),
      db.signoff.count(),
      db.condition.count(),
      db.fundingDecision.count(),
      db.milestone.count(),
      db.benefitReport.count(),
      db.auditEvent.count(),
      db.submissionRound.count(),
      db.comment.count(),
    ],
  );
  return { initiatives, signoffs, conditions, funding, milestones, benefits, audit, rounds, comments };
}

async function expectHttpError(p: Promise<unknown>, status: number) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  expect((error as HttpError).status).toBe(status);
  return error as HttpError;
}

describe("drafts", () => {
  it("creates a draft with a DPO reference, saves partial data, and merges edits", async () => {
    const { ref, version } = await createDraft(c.itb, { titleEn: "Half-written idea" });
    expect(ref).toMatch(/^DPO-\d{4}-\d{4}$/);
    expect(version).toBe(1);
    const edited = await updateDraft(
      c.itb,
      ref,
      { summary: "More words", nonRecurrentCost: "1,500,000" },
      { expectedVersion: 1 },
    );
    expect(edited.version).toBe(2);
    const view = await getInitiative(c.itb, ref);
    expect(view).toMatchObject({
      titleEn: "Half-written idea",
      summary: "More words",
      nonRecurrentCost: 1_500_000,
      stage: "draft",
    });
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const before = await rowCounts();
    const error = await expectHttpError(
      createDraft(c.itb, { titleEn: "", nonRecurrentCost: -5, plannedStart: "2026-02-30" }),
      400,
    );
    expect(error.fields).toMatchObject({
      titleEn: ["errors.titleRequired"],
      nonRecurrentCost: ["errors.notNegative"],
      plannedStart: ["errors.invalidDate"],
    });
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses drafts from anyone but an officer, and edits from another B/D's officer as not found", async () => {
    await expectHttpError(createDraft(c.dg, completeProposal()), 403);
    const ref = await initiativeIn("draft", c);
    await expectHttpError(updateDraft(c.immd, ref, { titleEn: "Hijack" }), 404);
    await expectHttpError(getInitiative(c.immd, ref), 404);
    // Reviewers and leadership do not see drafts.
    await expectHttpError(getInitiative(c.dg, ref), 404);
    await expectHttpError(getInitiative(c.leader, ref), 404);
    await expectHttpError(getInitiative(c.admin, ref), 404);
  });
});

describe("events", () => {
  it("submitting an incomplete proposal is a 422 naming the fields, and writes nothing", async () => {
    const { ref } = await createDraft(c.itb, { titleEn: "Incomplete" });
    const before = await rowCounts();
    const error = await expectHttpError(sendEvent(c.itb, ref, { type: "SUBMIT" }), 422);
    expect(Object.keys(error.fields ?? {})).toEqual(
      expect.arrayContaining(["titleZh", "category", "summary", "milestones"]),
    );
    expect(await rowCounts()).toEqual(before);
  });

  it("SUBMIT opens round 1 with the required sign-offs and writes the round and one audit entry", async () => {
    const { ref } = await createDraft(c.itb, completeProposal());
    const before = await rowCounts();
    const result = await sendEvent(c.itb, ref, { type: "SUBMIT" });
    expect(result).toMatchObject({ stage: "efficiencyReview", round: 1, version: 2 });
    const view = await getInitiative(c.dg, ref);
    expect(view.signoffs).toEqual({
      DIGITAL_GOVERNMENT: "pending",
      DATA_GOVERNANCE: "pending",
      DIGITAL_INFRASTRUCTURE: "notRequired",
    });
    expect(view.availableEvents).toEqual(
      expect.arrayContaining(["APPROVE", "APPROVE_WITH_CONDITIONS", "REQUEST_CHANGES", "REJECT"]),
    );
    const after = await rowCounts();
    expect(after.audit - before.audit).toBe(1);
    expect(after.rounds - before.rounds).toBe(1);
    const row = await db.initiative.findUniqueOrThrow({
      where: { ref },
      select: { pendingSignoffs: true, requiredDivisions: true },
    });
    expect(row).toEqual({
      pendingSignoffs: ",DIGITAL_GOVERNMENT,DATA_GOVERNANCE,",
      requiredDivisions: "DIGITAL_GOVERNMENT,DATA_GOVERNANCE",
    });
  });

  it("a reviewer of a division that need not sign is refused with 403; an event foreign to the state is 422", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const before = await rowCounts();
    await expectHttpError(sendEvent(c.di, ref, { type: "APPROVE" }), 403);
    await expectHttpError(sendEvent(c.itb, ref, { type: "APPROVE" }), 403);
    await expectHttpError(sendEvent(c.admin, ref, { type: "APPROVE" }), 404);
    await expectHttpError(sendEvent(c.dg, ref, { type: "CLOSE" }), 422);
    await expectHttpError(sendEvent(c.dg, ref, { type: "NOT_AN_EVENT" }), 400);
    await expectHttpError(sendEvent(c.dg, ref, { type: "REQUEST_CHANGES" }), 400);
    expect(await rowCounts()).toEqual(before);
  });

  it("approval with conditions writes the sign-off and the conditions; COMPLETE is refused while one is open", async () => {
    const { ref } = await createDraft(c.itb, completeProposal());
    await sendEvent(c.itb, ref, { type: "SUBMIT" });
    await sendEvent(c.dgov, ref, {
      type: "APPROVE_WITH_CONDITIONS",
      conditions: [
        "Complete a privacy impact assessment",
        { text: "Appoint a data protection officer", due: "2026-12-31" },
      ],
    });
    await sendEvent(c.dg, ref, { type: "APPROVE", comment: "Good case" });
    let view = await getInitiative(c.itb, ref);
    expect(view.stage).toBe("fundingReview");
    expect(view.conditions.map((x) => [x.id, x.division, x.status])).toEqual([
      ["C1", "DATA_GOVERNANCE", "open"],
      ["C2", "DATA_GOVERNANCE", "open"],
    ]);
    expect(view.signoffHistory.map((s) => [s.round, s.division, s.decision])).toEqual([
      [1, "DATA_GOVERNANCE", "APPROVED_WITH_CONDITIONS"],
      [1, "DIGITAL_GOVERNMENT", "APPROVED"],
    ]);
    await sendEvent(c.dg, ref, { type: "APPROVE_FUNDING", amount: 8_500_000 });
    view = await getInitiative(c.itb, ref);
    for (const m of view.milestones)
      await sendEvent(c.itb, ref, { type: "REPORT_PROGRESS", milestoneId: m.id, date: "2026-08-01" });
    const refused = await expectHttpError(sendEvent(c.itb, ref, { type: "COMPLETE" }), 422);
    expect(refused.message).toMatch(/condition/);
    await sendEvent(c.itb, ref, { type: "MEET_CONDITION", conditionId: "C1", note: "PIA completed, ref PIA-2026-7" });
    await sendEvent(c.itb, ref, { type: "MEET_CONDITION", conditionId: "C2", note: "DPO appointed" });
    await sendEvent(c.itb, ref, { type: "COMPLETE" });
    view = await getInitiative(c.itb, ref);
    expect(view.stage).toBe("benefitsReview");
    expect(view.conditions.every((x) => x.status === "met")).toBe(true);
    expect(view.milestones.every((m) => m.status === "DONE" && m.actualDate === "2026-08-01")).toBe(true);
  });

  it("funding: within the limit approves; above it must be referred; leadership records the Finance Committee", async () => {
    const small = await initiativeIn("fundingReview", c, { proposal: { nonRecurrentCost: 20_000_000 } });
    await expectHttpError(sendEvent(c.dg, small, { type: "REFER_TO_FINANCE_COMMITTEE", amount: 20_000_000 }), 422);
    await expectHttpError(sendEvent(c.dgov, small, { type: "APPROVE_FUNDING", amount: 20_000_000 }), 403);
    expect(await sendEvent(c.dg, small, { type: "APPROVE_FUNDING", amount: 20_000_000 })).toMatchObject({
      stage: "delivery",
    });

    const big = await initiativeIn("fundingReview", c, { proposal: { nonRecurrentCost: 20_000_001 } });
    const e = await expectHttpError(sendEvent(c.dg, big, { type: "APPROVE_FUNDING", amount: 20_000_001 }), 422);
    expect(e.message).toMatch(/Finance Committee/);
    await sendEvent(c.dg, big, { type: "REFER_TO_FINANCE_COMMITTEE", amount: 20_000_001 });
    await expectHttpError(
      sendEvent(c.dg, big, { type: "RECORD_FC_APPROVAL", paperRef: "FCR(2026-27)42", date: "2026-11-20" }),
      403,
    );
    await sendEvent(c.leader, big, { type: "RECORD_FC_APPROVAL", paperRef: "FCR(2026-27)42", date: "2026-11-20" });
    const view = await getInitiative(c.leader, big);
    expect(view.stage).toBe("delivery");
    expect(view.funding.approved).toBe(20_000_001);
    expect(view.funding.decisions.map((d) => d.decision)).toEqual(["REFERRED", "FC_APPROVED"]);
  });

  it("return, revise and resubmit opens round 2 with every required division pending again", async () => {
    const ref = await initiativeIn("returned", c);
    await expectHttpError(sendEvent(c.dg, ref, { type: "APPROVE" }), 422);
    await updateDraft(c.itb, ref, { nonRecurrentCost: 7_900_000, needsNewInfrastructure: true });
    await sendEvent(c.itb, ref, { type: "RESUBMIT" });
    const view = await getInitiative(c.dg, ref, { rounds: true });
    expect(view.round).toBe(2);
    expect(view.signoffs).toEqual({
      DIGITAL_GOVERNMENT: "pending",
      DATA_GOVERNANCE: "pending",
      DIGITAL_INFRASTRUCTURE: "pending",
    });
    expect(view.rounds?.map((r) => [r.round, r.proposal.nonRecurrentCost])).toEqual([
      [1, 8_500_000],
      [2, 7_900_000],
    ]);
  });

  it("drives every end state through the service and keeps the audit chain whole", async () => {
    for (const target of ["closed", "rejected", "withdrawn", "deferred", "awaitingFinanceCommittee"] as const) {
      const ref = await initiativeIn(target, c);
      expect((await getInitiative(c.itb, ref)).stage).toBe(target);
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe("concurrency", () => {
  it("20 identical events with one expected version: exactly one wins, the rest are 409, one audit entry", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const { version } = await getInitiative(c.dg, ref);
    const auditBefore = await db.auditEvent.count();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => sendEvent(c.dg, ref, { type: "APPROVE" }, { expectedVersion: version })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const conflicts = results.filter(
      (r) => r.status === "rejected" && r.reason instanceof HttpError && r.reason.status === 409,
    );
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    expect(await db.auditEvent.count()).toBe(auditBefore + 1);
    expect(await db.signoff.count({ where: { initiative: { ref } } })).toBe(1);
  });

  it("two reviewers acting at once without an expected version never both change the same read", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const results = await Promise.allSettled([
      sendEvent(c.dg, ref, { type: "REQUEST_CHANGES", reason: "Needs work" }),
      sendEvent(c.dgov, ref, { type: "REJECT", reason: "Privacy", reasonCode: "DATA_PRIVACY_RISK" }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect([409, 422]).toContain((failed.reason as HttpError).status);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe("comments", () => {
  it("adds a comment for those who can see, refuses an empty one and other B/Ds", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    await addComment(c.dg, ref, { body: "Please attach the vendor quotes." });
    await expectHttpError(addComment(c.dg, ref, { body: "   " }), 400);
    await expectHttpError(addComment(c.immd, ref, { body: "Sneaky" }), 404);
    const view = await getInitiative(c.itb, ref, { comments: true });
    expect(view.comments?.map((x) => x.body)).toEqual(["Please attach the vendor quotes."]);
  });
});

describe("refusal messages", () => {
  it("says an event does not belong to the state, rather than naming facts of another state", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const complete = await expectHttpError(sendEvent(c.itb, ref, { type: "COMPLETE" }), 422);
    expect(complete.message).toBe("COMPLETE is not possible while the initiative is in efficiencyReview.");
    const delivering = await initiativeIn("delivery", c);
    const early = await expectHttpError(sendEvent(c.itb, delivering, { type: "COMPLETE" }), 422);
    expect(early.message).toMatch(/milestone/);
  });

  it("records only proposal fields as changed in the audit entry of an edit", async () => {
    const { ref } = await createDraft(c.itb, { titleEn: "Audit me" });
    await updateDraft(c.itb, ref, { summary: "x", junk: 1, stage: "closed", version: 99 });
    const entry = await db.auditEvent.findFirstOrThrow({
      where: { event: "EDIT", initiativeId: (await db.initiative.findUniqueOrThrow({ where: { ref } })).id },
    });
    expect(JSON.parse(entry.payload)).toEqual({ fields: ["summary"] });
    expect((await getInitiative(c.itb, ref)).stage).toBe("draft");
  });
});

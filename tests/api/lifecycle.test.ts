import { beforeAll, describe, expect, it } from "vitest";
import { minimalPdf } from "~/attachments/business-case.server.ts";
import { verifyAuditChain } from "~/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { completeProposal } from "../factories/initiatives.ts";
import { call, demoTokens, type Tokens } from "./client.ts";

let t: Tokens;
beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  t = await demoTokens();
});

/** Sends an event and expects it to be accepted; returns the answer's body. */
async function send(token: string, ref: string, event: Record<string, unknown>) {
  const res = await call("POST", `/api/v1/initiatives/${ref}/events`, { token, json: event });
  expect(res.status, `${String(event.type)}: ${JSON.stringify(res.body)}`).toBe(200);
  expect(res.body).toMatchObject({ ref, initiative: { ref, version: res.body.version, stage: res.body.stage } });
  return res.body;
}

const get = async (token: string, ref: string, query = "") => {
  const res = await call("GET", `/api/v1/initiatives/${ref}${query}`, { token });
  expect(res.status).toBe(200);
  return res.body;
};

describe("the whole lifecycle through the API", () => {
  it("draft → review with a condition → block-allocation funding → delivery → benefits → closed", async () => {
    const created = await call("POST", "/api/v1/initiatives", { token: t.itb, json: completeProposal() });
    expect(created.status).toBe(201);
    const ref = created.body.ref as string;
    expect(ref).toMatch(/^DPO-\d{4}-\d{4}$/);
    expect(created.headers.get("Location")).toBe(`/api/v1/initiatives/${ref}`);
    expect(created.body).toMatchObject({
      stage: "draft",
      version: 1,
      round: 0,
      bureau: { code: "ITIB" },
      titleEn: completeProposal().titleEn,
      nonRecurrentCost: 8_500_000,
      availableEvents: ["SUBMIT", "WITHDRAW"],
    });
    expect(created.body.milestones).toHaveLength(2);

    const submitted = await send(t.itb, ref, { type: "SUBMIT", expectedVersion: 1 });
    expect(submitted).toMatchObject({ stage: "efficiencyReview", version: 2, round: 1 });
    expect(submitted.initiative.signoffs).toEqual({
      DIGITAL_GOVERNMENT: "pending",
      DATA_GOVERNANCE: "pending",
      DIGITAL_INFRASTRUCTURE: "notRequired",
    });

    const forDg = await get(t.dg, ref);
    expect(forDg.availableEvents).toContain("APPROVE_WITH_CONDITIONS");
    const approved = await send(t.dg, ref, {
      type: "APPROVE_WITH_CONDITIONS",
      expectedVersion: forDg.version,
      conditions: ["Complete a privacy impact assessment before launch"],
    });
    expect(approved.stage).toBe("efficiencyReview");
    expect(approved.initiative.conditions).toMatchObject([
      {
        id: "C1",
        text: "Complete a privacy impact assessment before launch",
        division: "DIGITAL_GOVERNMENT",
        status: "open",
      },
    ]);

    const reviewed = await send(t.dgov, ref, { type: "APPROVE", expectedVersion: approved.version });
    expect(reviewed).toMatchObject({ stage: "fundingReview" });

    // A comment on the way, from a reviewer, read back by the officer.
    const comment = await call("POST", `/api/v1/initiatives/${ref}/comments`, {
      token: t.dg,
      json: { body: "Funding within the block allocation." },
    });
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({ body: "Funding within the block allocation.", author: "Lee Wing Sze" });
    const comments = await call("GET", `/api/v1/initiatives/${ref}/comments`, { token: t.itb });
    expect(comments.body.items).toMatchObject([
      { id: comment.body.id, body: "Funding within the block allocation.", author: "Lee Wing Sze" },
    ]);

    const funded = await send(t.dg, ref, { type: "APPROVE_FUNDING", amount: 8_500_000 });
    expect(funded).toMatchObject({ stage: "delivery", state: "delivery.inProgress" });
    expect(funded.initiative.funding).toMatchObject({ requested: 8_500_000, approved: 8_500_000 });
    expect(funded.initiative.funding.decisions).toMatchObject([
      { decision: "APPROVED", route: "BLOCK_ALLOCATION", amount: 8_500_000 },
    ]);

    const inDelivery = await get(t.itb, ref);
    for (const m of inDelivery.milestones as { id: string; due: string }[]) {
      await send(t.itb, ref, { type: "REPORT_PROGRESS", milestoneId: m.id, date: m.due });
    }
    // Every milestone is done, but the condition is still open.
    const early = await call("POST", `/api/v1/initiatives/${ref}/events`, { token: t.itb, json: { type: "COMPLETE" } });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toMatch(/condition/);

    const met = await send(t.itb, ref, {
      type: "MEET_CONDITION",
      conditionId: "C1",
      note: "PIA completed and accepted on 2027-05-02",
    });
    expect(met.initiative.conditions[0]).toMatchObject({ id: "C1", status: "met" });
    expect(await send(t.itb, ref, { type: "COMPLETE" })).toMatchObject({ stage: "benefitsReview" });
    await send(t.itb, ref, {
      type: "REPORT_BENEFITS",
      realisedAnnualSavings: 2_900_000,
      realisedStaffHoursSaved: 11_500,
      note: "Measured over the first twelve months",
    });
    const closed = await send(t.dg, ref, { type: "CLOSE" });
    expect(closed).toMatchObject({ stage: "closed", state: "closed" });
    expect(closed.initiative.availableEvents).toEqual([]);
    expect(closed.initiative.milestones.every((m: { status: string }) => m.status === "DONE")).toBe(true);
    expect(closed.initiative.benefits).toMatchObject({
      realisedAnnualSavings: 2_900_000,
      realisedStaffHoursSaved: 11_500,
    });

    const full = await get(t.leader, ref, "?include=audit,comments,rounds");
    expect(full.audit.map((a: { event: string }) => a.event)).toEqual([
      "CREATE",
      "SUBMIT",
      "APPROVE_WITH_CONDITIONS",
      "APPROVE",
      "COMMENT",
      "APPROVE_FUNDING",
      "REPORT_PROGRESS",
      "REPORT_PROGRESS",
      "MEET_CONDITION",
      "COMPLETE",
      "REPORT_BENEFITS",
      "CLOSE",
    ]);
    expect(full.rounds).toHaveLength(1);
    expect(full.comments).toHaveLength(1);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("above HK$20,000,000 the lead division refers and leadership records the Finance Committee's approval", async () => {
    const created = await call("POST", "/api/v1/initiatives", {
      token: t.itb,
      json: completeProposal({ titleEn: "Territory-wide digital identity upgrade", nonRecurrentCost: 45_000_000 }),
    });
    const ref = created.body.ref as string;
    // Above the business-case threshold, submission waits for a business case.
    const refused = await call("POST", `/api/v1/initiatives/${ref}/events`, { token: t.itb, json: { type: "SUBMIT" } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual({ attachments: ["attachments.errors.businessCaseRequired"] });
    const form = new FormData();
    form.set("kind", "BUSINESS_CASE");
    form.set(
      "file",
      new File([minimalPdf("Business case").buffer as ArrayBuffer], "business-case.pdf", { type: "application/pdf" }),
    );
    expect((await call("POST", `/api/v1/initiatives/${ref}/attachments`, { token: t.itb, raw: form })).status).toBe(
      201,
    );
    await send(t.itb, ref, { type: "SUBMIT" });
    await send(t.dg, ref, { type: "APPROVE" });
    await send(t.dgov, ref, { type: "APPROVE" });

    const forLead = await get(t.dg, ref);
    expect(forLead.availableEvents).toContain("REFER_TO_FINANCE_COMMITTEE");
    const referred = await send(t.dg, ref, { type: "REFER_TO_FINANCE_COMMITTEE", amount: 45_000_000 });
    expect(referred.stage).toBe("awaitingFinanceCommittee");

    // Only leadership records the Finance Committee's decision.
    expect(
      (
        await call("POST", `/api/v1/initiatives/${ref}/events`, {
          token: t.dg,
          json: { type: "RECORD_FC_APPROVAL", paperRef: "FCR(2026-27)42", date: "2026-06-12" },
        })
      ).status,
    ).toBe(403);
    expect((await get(t.leader, ref)).availableEvents).toEqual(["RECORD_FC_APPROVAL", "RECORD_FC_REJECTION"]);
    const fc = await send(t.leader, ref, {
      type: "RECORD_FC_APPROVAL",
      paperRef: "FCR(2026-27)42",
      date: "2026-06-12",
    });
    expect(fc).toMatchObject({ stage: "delivery", state: "delivery.inProgress" });
    expect(fc.initiative.funding.approved).toBe(45_000_000);
    expect(fc.initiative.funding.decisions).toMatchObject([
      { decision: "REFERRED", route: "FINANCE_COMMITTEE", amount: 45_000_000 },
      {
        decision: "FC_APPROVED",
        route: "FINANCE_COMMITTEE",
        amount: 45_000_000,
        paperRef: "FCR(2026-27)42",
        decisionDate: "2026-06-12",
      },
    ]);
  });

  it("returned for changes: REQUEST_CHANGES → PATCH → RESUBMIT opens round 2 with every sign-off pending again", async () => {
    const created = await call("POST", "/api/v1/initiatives", {
      token: t.itb,
      json: completeProposal({ titleEn: "Smart queue for licensing counters" }),
    });
    const ref = created.body.ref as string;
    await send(t.itb, ref, { type: "SUBMIT" });
    await send(t.dgov, ref, { type: "APPROVE" });
    const returned = await send(t.dg, ref, {
      type: "REQUEST_CHANGES",
      reason: "Break the non-recurrent cost down by year",
      reasonCode: "INCOMPLETE_BUSINESS_CASE",
    });
    expect(returned).toMatchObject({ stage: "returned", round: 1 });
    expect(returned.initiative.signoffHistory).toMatchObject([
      { round: 1, division: "DATA_GOVERNANCE", decision: "APPROVED" },
      {
        round: 1,
        division: "DIGITAL_GOVERNMENT",
        decision: "CHANGES_REQUESTED",
        reasonCode: "INCOMPLETE_BUSINESS_CASE",
      },
    ]);
    expect((await get(t.itb, ref)).availableEvents).toEqual(["RESUBMIT", "WITHDRAW"]);

    const patched = await call("PATCH", `/api/v1/initiatives/${ref}`, {
      token: t.itb,
      json: {
        expectedVersion: returned.version,
        nonRecurrentCost: 7_900_000,
        summary: "Costs now broken down: 2026-27 HK$5.1m, 2027-28 HK$2.8m.",
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      stage: "returned",
      version: returned.version + 1,
      nonRecurrentCost: 7_900_000,
    });
    // expectedVersion is a control field, never stored as a proposal field.
    expect(patched.body).not.toHaveProperty("expectedVersion");

    const resubmitted = await send(t.itb, ref, { type: "RESUBMIT", expectedVersion: patched.body.version });
    expect(resubmitted).toMatchObject({ stage: "efficiencyReview", round: 2 });
    expect(resubmitted.initiative.signoffs).toEqual({
      DIGITAL_GOVERNMENT: "pending",
      DATA_GOVERNANCE: "pending",
      DIGITAL_INFRASTRUCTURE: "notRequired",
    });
    const withRounds = await get(t.dg, ref, "?include=rounds");
    expect(withRounds.rounds.map((r: { round: number }) => r.round)).toEqual([1, 2]);
    expect(withRounds.rounds[1].proposal.nonRecurrentCost).toBe(7_900_000);
    expect(withRounds.funding.requested).toBe(7_900_000);
  });
});

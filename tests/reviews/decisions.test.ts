// Each efficiency-review decision path through the initiative page's real route action (the form the
// reviewer's decision component posts), what a bad post gets back, and a reviewer refused on another
// division's region.
import { beforeAll, describe, expect, it } from "vitest";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";
import { getReviewQueue } from "~/reviews/review-queue.server.ts";
import { action as pageAction, loader as pageLoader } from "~/routes/initiatives.$ref._index.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, post, run, type Session } from "../helpers/http.ts";

let c: Callers;
let s: Record<"dg" | "dgov" | "di" | "itb", Session>;

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  s = {
    dg: await login("reviewer.dg@demo.gov.hk"),
    dgov: await login("reviewer.dgov@demo.gov.hk"),
    di: await login("reviewer.di@demo.gov.hk"),
    itb: await login("officer.itb@demo.gov.hk"),
  };
});

/** Posts the review decision form of the initiative page, with the version the page showed. */
async function decide(session: Session, ref: string, fields: Record<string, string>) {
  const { version } = await getInitiative(c.leader, ref);
  return run(() =>
    pageAction(
      args(post(`/initiatives/${ref}`, { version: String(version), form: "review", ...fields }, session), {
        ref,
      }) as never,
    ),
  );
}

/** Everything a decision could write. */
async function footprint(ref: string) {
  const row = await db.initiative.findUniqueOrThrow({
    where: { ref },
    select: { id: true, version: true, stage: true, snapshot: true },
  });
  return {
    ...row,
    signoffs: await db.signoff.count({ where: { initiativeId: row.id } }),
    conditions: await db.condition.count({ where: { initiativeId: row.id } }),
    audit: await db.auditEvent.count(),
  };
}

const inQueue = async (who: Callers["dg"], ref: string) => (await getReviewQueue(who)).items.some((i) => i.ref === ref);

describe("the decision form on the initiative page", () => {
  it("offers the reviewer their division's decisions and the round's clock", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const res = await run(() => pageLoader(args(get(`/initiatives/${ref}`, s.dg), { ref }) as never));
    const body = await res.json();
    expect(body.division).toBe("DIGITAL_GOVERNMENT");
    expect(body.view.availableEvents).toEqual(["APPROVE", "APPROVE_WITH_CONDITIONS", "REQUEST_CHANGES", "REJECT"]);
    expect(body.clock).toMatchObject({ ageWorkingDays: 0, overdue: false, slaDays: 10 });
    // Digital Infrastructure need not sign this one: nothing to do, no clock needed for a decision.
    const di = await (await run(() => pageLoader(args(get(`/initiatives/${ref}`, s.di), { ref }) as never))).json();
    expect(di.view.availableEvents).toEqual([]);
  });

  it("approve: the division signs off and the initiative leaves its queue only", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const res = await decide(s.dg, ref, { intent: "APPROVE", comment: "Good business case." });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/initiatives/${ref}?done=APPROVE`);
    const view = await getInitiative(c.leader, ref);
    expect(view.signoffs).toEqual({
      DIGITAL_GOVERNMENT: "approved",
      DATA_GOVERNANCE: "pending",
      DIGITAL_INFRASTRUCTURE: "notRequired",
    });
    expect(view.signoffHistory).toMatchObject([
      {
        round: 1,
        division: "DIGITAL_GOVERNMENT",
        decision: "APPROVED",
        comment: "Good business case.",
        reviewer: "Lee Wing Sze",
      },
    ]);
    expect(await inQueue(c.dg, ref)).toBe(false);
    expect(await inQueue(c.dgov, ref)).toBe(true);
  });

  it("approve with conditions: two conditions (one with a due date), the spare row ignored", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const res = await decide(s.dgov, ref, {
      intent: "APPROVE_WITH_CONDITIONS",
      "conditions.0.text": "Complete a privacy impact assessment",
      "conditions.0.due": "2026-12-31",
      "conditions.1.text": "Appoint a data protection officer",
      "conditions.1.due": "",
      "conditions.2.text": "",
      "conditions.2.due": "",
      comment: "",
    });
    expect(res.status).toBe(302);
    const view = await getInitiative(c.leader, ref);
    expect(view.conditions.map((x) => [x.id, x.text, x.due, x.division, x.round, x.status])).toEqual([
      ["C1", "Complete a privacy impact assessment", "2026-12-31", "DATA_GOVERNANCE", 1, "open"],
      ["C2", "Appoint a data protection officer", null, "DATA_GOVERNANCE", 1, "open"],
    ]);
    expect(view.signoffHistory.map((x) => [x.division, x.decision])).toEqual([
      ["DATA_GOVERNANCE", "APPROVED_WITH_CONDITIONS"],
    ]);
    expect(await inQueue(c.dgov, ref)).toBe(false);
  });

  it("request changes: returned with the reason code and reason; out of every queue", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const res = await decide(s.dg, ref, {
      intent: "REQUEST_CHANGES",
      reasonCode: "INCOMPLETE_BUSINESS_CASE",
      reason: "Add the transaction volumes.",
    });
    expect(res.status).toBe(302);
    const view = await getInitiative(c.leader, ref);
    expect(view.stage).toBe("returned");
    expect(view.signoffHistory).toMatchObject([
      {
        division: "DIGITAL_GOVERNMENT",
        decision: "CHANGES_REQUESTED",
        reasonCode: "INCOMPLETE_BUSINESS_CASE",
        reason: "Add the transaction volumes.",
      },
    ]);
    expect(await inQueue(c.dg, ref)).toBe(false);
    expect(await inQueue(c.dgov, ref)).toBe(false);
  });

  it("reject: with a reason code", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const res = await decide(s.dgov, ref, {
      intent: "REJECT",
      reasonCode: "DATA_PRIVACY_RISK",
      reason: "Biometric data without a legal basis.",
    });
    expect(res.status).toBe(302);
    const view = await getInitiative(c.leader, ref);
    expect(view.stage).toBe("rejected");
    expect(view.signoffHistory).toMatchObject([
      { division: "DATA_GOVERNANCE", decision: "REJECTED", reasonCode: "DATA_PRIVACY_RISK" },
    ]);
    const audit = await db.auditEvent.findFirst({
      where: { event: "REJECT" },
      orderBy: { seq: "desc" },
      select: { payload: true, actorRole: true },
    });
    expect(JSON.parse(audit!.payload)).toMatchObject({
      reasonCode: "DATA_PRIVACY_RISK",
      division: "DATA_GOVERNANCE",
      round: 1,
    });
  });

  it.each([
    [
      "a missing reason",
      { intent: "REJECT", reasonCode: "SECURITY_RISK", reason: "  " },
      { reason: ["errors.required"] },
    ],
    [
      "a missing reason category",
      { intent: "REQUEST_CHANGES", reasonCode: "", reason: "Please revise." },
      { reasonCode: ["reviews.errors.chooseReasonCode"] },
    ],
    [
      "both",
      { intent: "REJECT", reasonCode: "", reason: "" },
      { reasonCode: ["reviews.errors.chooseReasonCode"], reason: ["errors.required"] },
    ],
    ["no decision chosen", { reason: "Something" }, { intent: ["reviews.errors.chooseDecision"] }],
    [
      "conditions without any text",
      { intent: "APPROVE_WITH_CONDITIONS", "conditions.0.text": "", "conditions.0.due": "" },
      { conditions: ["errors.atLeastOneCondition"] },
    ],
    [
      "a condition with a date but no text",
      {
        intent: "APPROVE_WITH_CONDITIONS",
        "conditions.0.text": "",
        "conditions.0.due": "2026-12-31",
        "conditions.1.text": "Real one",
      },
      { "conditions.0.text": ["errors.required"] },
    ],
    [
      "an impossible due date",
      { intent: "APPROVE_WITH_CONDITIONS", "conditions.0.text": "PIA", "conditions.0.due": "2026-02-30" },
      { "conditions.0.due": ["errors.invalidDate"] },
    ],
  ])("answers %s with 400, the field errors and what was sent, and writes nothing", async (_name, fields, errors) => {
    const ref = await initiativeIn("efficiencyReview", c);
    const before = await footprint(ref);
    const res = await decide(s.dgov, ref, fields as Record<string, string>);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.fields).toEqual(errors);
    expect(body.form).toBe("review");
    expect(body.values).toMatchObject(fields);
    expect(body.values._csrf).toBeUndefined();
    expect(await footprint(ref)).toEqual(before);
  });

  it("a stale version is a conflict and writes nothing", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const { version } = await getInitiative(c.leader, ref);
    expect((await decide(s.dg, ref, { intent: "APPROVE" })).status).toBe(302);
    const before = await footprint(ref);
    const res = await run(() =>
      pageAction(
        args(post(`/initiatives/${ref}`, { version: String(version), form: "review", intent: "APPROVE" }, s.dgov), {
          ref,
        }) as never,
      ),
    );
    expect(res.status).toBe(409);
    expect((await res.json()).conflict).toBe(true);
    expect(await footprint(ref)).toEqual(before);
  });
});

describe("a reviewer of one division on another division's region", () => {
  it.each([
    ["Digital Infrastructure on an initiative only Digital Government and Data Governance sign", "di", {}],
    [
      "Data Governance on an initiative only Digital Government and Digital Infrastructure sign",
      "dgov",
      { handlesPersonalData: false, needsNewInfrastructure: true },
    ],
  ] as const)("is refused with 403: %s", async (_name, who, proposal) => {
    const ref = await initiativeIn("efficiencyReview", c, { proposal });
    const before = await footprint(ref);
    for (const fields of [
      { intent: "APPROVE" } as Record<string, string>,
      { intent: "APPROVE_WITH_CONDITIONS", "conditions.0.text": "Anything" },
      { intent: "REQUEST_CHANGES", reasonCode: "OTHER", reason: "Not mine to ask" },
      { intent: "REJECT", reasonCode: "OTHER", reason: "Not mine to refuse" },
    ]) {
      const res = await decide(s[who], ref, fields);
      expect(res.status, fields.intent).toBe(403);
    }
    expect(await footprint(ref)).toEqual(before);
  });

  it("is refused with 403 after their own division has decided, too", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    expect((await decide(s.dg, ref, { intent: "APPROVE" })).status).toBe(302);
    const before = await footprint(ref);
    expect((await decide(s.dg, ref, { intent: "REJECT", reasonCode: "OTHER", reason: "Changed my mind" })).status).toBe(
      403,
    );
    expect(await footprint(ref)).toEqual(before);
  });

  it("an officer cannot use the decision form", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const before = await footprint(ref);
    expect((await decide(s.itb, ref, { intent: "APPROVE" })).status).toBe(403);
    expect(await footprint(ref)).toEqual(before);
  });
});

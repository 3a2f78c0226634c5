// Finalising is all or nothing; Finance Committee bids are never funded from the envelope; and who may do
// what with a round through the API (a reviewer cannot finalise, an officer sees only their B/D's bids,
// scores are frozen once the round is finalised).
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbProvider } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { call, demoTokens, type Tokens } from "../api/client.ts";
import { demoCallers, type Callers } from "../factories/initiatives.ts";
import { takeLogs } from "../helpers/logs.ts";
import { bidOf, footprint, M, marks, openRoundOk, scoreOk } from "./helpers.ts";

let c: Callers;
let t: Tokens;

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  t = await demoTokens();
});

/** Makes the database refuse the funding decision of one initiative: a real fault midway through a finalisation. */
async function failFundingOf(initiativeId: string) {
  if (dbProvider() === "postgresql") {
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION fail_funding() RETURNS trigger AS $$
      BEGIN IF NEW."initiativeId" = '${initiativeId}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END
      $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER fail_funding BEFORE INSERT ON "FundingDecision" FOR EACH ROW EXECUTE FUNCTION fail_funding()`,
    );
    return () => db.$executeRawUnsafe(`DROP TRIGGER fail_funding ON "FundingDecision"`);
  }
  await db.$executeRawUnsafe(
    `CREATE TRIGGER fail_funding BEFORE INSERT ON "FundingDecision" WHEN NEW."initiativeId" = '${initiativeId}'
     BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
  );
  return () => db.$executeRawUnsafe(`DROP TRIGGER fail_funding`);
}

describe("finalising", () => {
  it("is all or nothing: a failure at the third bid leaves every bid as it was", async () => {
    const fy = "2029-30";
    const refs = [
      await bidOf(c, 10 * M, "2029-05-01"),
      await bidOf(c, 10 * M, "2029-05-01"),
      await bidOf(c, 10 * M, "2029-05-01"),
      await bidOf(c, 10 * M, "2029-05-01"),
    ];
    await openRoundOk(t.leader, fy, 25 * M);
    for (const [i, ref] of refs.entries()) await scoreOk(t.dg, fy, ref, marks(5 - i));
    const third = await db.initiative.findUniqueOrThrow({ where: { ref: refs[2]! }, select: { id: true } });
    const before = await footprint(refs);
    const restore = await failFundingOf(third.id);
    try {
      const failed = await call("POST", `/api/v1/funding-rounds/${fy}/finalise`, { token: t.leader, json: {} });
      expect(failed.status).toBe(500);
      expect(takeLogs().some((l) => l.msg === "API request failed")).toBe(true);
    } finally {
      await restore();
    }
    // Nothing of the first two bids' approvals survived: stages, versions, decisions, audit, the round.
    expect(await footprint(refs)).toEqual(before);
    expect(before.rows.every((r) => r.stage === "fundingReview")).toBe(true);

    const done = await call("POST", `/api/v1/funding-rounds/${fy}/finalise`, { token: t.leader, json: {} });
    expect(done.status).toBe(200);
    expect(done.body.approved.map((a: { ref: string }) => a.ref)).toEqual(refs.slice(0, 2));
    expect(done.body.shelved.map((s: { ref: string }) => s.ref)).toEqual(refs.slice(2));
  });

  it("never funds a bid above the block-allocation limit from the envelope: it is referred, whatever its rank", async () => {
    const fy = "2030-31";
    const big = await bidOf(c, 25 * M, "2030-05-01");
    const small = await bidOf(c, 5 * M, "2030-05-01");
    await openRoundOk(t.leader, fy, 100 * M);
    await scoreOk(t.dg, fy, big, marks(5));
    await scoreOk(t.dg, fy, small, marks(1));
    const round = await call("GET", `/api/v1/funding-rounds/${fy}`, { token: t.leader });
    expect(
      round.body.bids.map((b: { ref: string; route: string; aboveLine: boolean }) => [b.ref, b.route, b.aboveLine]),
    ).toEqual([
      [small, "BLOCK_ALLOCATION", true],
      [big, "FINANCE_COMMITTEE", false],
    ]);
    expect(round.body.cutLine.totalAbove).toBe(5 * M);
    const moved = await call("POST", `/api/v1/funding-rounds/${fy}/finalise`, {
      token: t.leader,
      json: { overrides: [{ ref: big, aboveLine: true, reason: "Top score" }] },
    });
    expect(moved.status).toBe(422);
    expect(moved.body.error.message).toMatch(/Finance Committee/);
    const done = await call("POST", `/api/v1/funding-rounds/${fy}/finalise`, { token: t.leader, json: {} });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      approved: [{ ref: small, amount: 5 * M }],
      referred: [{ ref: big, amount: 25 * M }],
    });
    const row = await db.initiative.findUniqueOrThrow({
      where: { ref: big },
      select: { stage: true, fundedAmount: true },
    });
    expect(row).toEqual({ stage: "awaitingFinanceCommittee", fundedAmount: null });
  });

  it("refuses to finalise while a bid is unscored", async () => {
    const fy = "2031-32";
    const ref = await bidOf(c, 3 * M, "2031-05-01");
    await openRoundOk(t.leader, fy, 10 * M);
    const res = await call("POST", `/api/v1/funding-rounds/${fy}/finalise`, { token: t.leader, json: {} });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain(ref);
  });
});

describe("who may do what", () => {
  const fy = "2032-33";
  let itb: string;
  let immd: string;
  beforeAll(async () => {
    itb = await bidOf(c, 6 * M, "2032-05-01");
    immd = await bidOf(c, 7 * M, "2032-05-01", { owner: c.immd });
  });

  it("opens a round for leadership or an administrator only, once per year, and writes nothing on bad input", async () => {
    const body = { fy, envelope: 20 * M, bidDeadline: "2033-03-31", decisionDate: "2033-03-31" };
    const audit = await db.auditEvent.count();
    for (const token of [t.itb, t.dg]) {
      expect((await call("POST", "/api/v1/funding-rounds", { token, json: body })).status).toBe(403);
    }
    expect((await call("POST", "/api/v1/funding-rounds", { json: body })).status).toBe(401);
    const bad = await call("POST", "/api/v1/funding-rounds", {
      token: t.leader,
      json: { ...body, fy: "2032-34", envelope: -1, decisionDate: "2033-02-30" },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["decisionDate", "envelope", "fy"]);
    expect(await db.auditEvent.count()).toBe(audit);
    expect((await call("POST", "/api/v1/funding-rounds", { token: t.admin, json: body })).status).toBe(201);
    expect((await call("POST", "/api/v1/funding-rounds", { token: t.leader, json: body })).status).toBe(409);
    expect(await db.auditEvent.count()).toBe(audit + 1);
  });

  it("an officer sees only their own B/D's bids, without running totals; an administrator sees no bids", async () => {
    const asItb = await call("GET", `/api/v1/funding-rounds/${fy}`, { token: t.itb });
    expect(asItb.status).toBe(200);
    expect(asItb.body.bids.map((b: { ref: string }) => b.ref)).toEqual([itb]);
    expect(asItb.body.bids[0].cumulative).toBeNull();
    expect(JSON.stringify(asItb.body)).not.toContain(immd);
    const asImmd = await call("GET", `/api/v1/funding-rounds/${fy}`, { token: t.immd });
    expect(asImmd.body.bids.map((b: { ref: string }) => b.ref)).toEqual([immd]);
    const asAdmin = await call("GET", `/api/v1/funding-rounds/${fy}`, { token: t.admin });
    expect(asAdmin.body.bids).toEqual([]);
    const asLeader = await call("GET", `/api/v1/funding-rounds/${fy}`, { token: t.leader });
    expect(asLeader.body.bids.map((b: { ref: string }) => b.ref).sort()).toEqual([itb, immd].sort());
  });

  it("only reviewers score; marks outside 1–5 or unknown criteria are refused and write nothing", async () => {
    for (const token of [t.itb, t.leader, t.admin]) {
      const res = await call("PUT", `/api/v1/funding-rounds/${fy}/scores/${itb}`, {
        token,
        json: { scores: marks(3) },
      });
      expect(res.status).toBe(403);
    }
    const audit = await db.auditEvent.count();
    for (const scores of [marks(6), { ...marks(3), speed: 4 }, { policyPriority: 3 }]) {
      const res = await call("PUT", `/api/v1/funding-rounds/${fy}/scores/${itb}`, { token: t.dg, json: { scores } });
      expect(res.status, JSON.stringify(scores)).toBe(400);
    }
    expect(await db.auditEvent.count()).toBe(audit);
    expect(await db.bidScore.count({ where: { bid: { initiative: { ref: itb } } } })).toBe(0);
    expect(
      (
        await call("PUT", `/api/v1/funding-rounds/${fy}/scores/DPO-1999-0001`, {
          token: t.dg,
          json: { scores: marks(3) },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call("PUT", `/api/v1/funding-rounds/1999-00/scores/${itb}`, { token: t.dg, json: { scores: marks(3) } }))
        .status,
    ).toBe(404);
    const first = await scoreOk(t.dg, fy, itb, marks(3));
    const changed = await scoreOk(t.dg, fy, itb, { ...marks(3), policyPriority: 5 });
    expect(changed.total).toBeGreaterThan(first.total);
    expect(await db.bidScore.count({ where: { bid: { initiative: { ref: itb } } } })).toBe(1);
  });

  it("a reviewer cannot finalise or move bids; an officer neither; leadership can", async () => {
    await scoreOk(t.dg, fy, immd, marks(4));
    const before = await footprint([itb, immd]);
    for (const token of [t.dg, t.dgov, t.itb, t.admin]) {
      expect((await call("POST", `/api/v1/funding-rounds/${fy}/finalise`, { token, json: {} })).status).toBe(403);
      expect(
        (
          await call("POST", `/api/v1/funding-rounds/${fy}/moves`, {
            token,
            json: { ref: itb, aboveLine: false, reason: "x" },
          })
        ).status,
      ).toBe(403);
    }
    expect(await footprint([itb, immd])).toEqual(before);
    expect((await call("POST", `/api/v1/funding-rounds/${fy}/finalise`, { token: t.leader, json: {} })).status).toBe(
      200,
    );
    const frozen = await call("PUT", `/api/v1/funding-rounds/${fy}/scores/${itb}`, {
      token: t.dg,
      json: { scores: marks(1) },
    });
    expect(frozen.status).toBe(409);
  });

  it("lists the rounds for every role that may see them", async () => {
    for (const token of [t.itb, t.dg, t.leader, t.admin]) {
      const res = await call("GET", "/api/v1/funding-rounds", { token });
      expect(res.status).toBe(200);
      expect(res.body.items.map((r: { fy: string }) => r.fy)).toContain(fy);
    }
    expect((await call("GET", "/api/v1/funding-rounds")).status).toBe(401);
    expect((await call("GET", "/api/v1/funding-rounds/not-a-year", { token: t.leader })).status).toBe(404);
  });
});

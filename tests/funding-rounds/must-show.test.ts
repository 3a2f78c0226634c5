// Issue 16's "must show", end to end through the real API routes, service, machine and SQLite: the HK$50M
// envelope with bids of 19M, 18M, 15M and 4M; the line after the second; the 4M bid fitting the remainder;
// finalising funds the first two and shelves the others (each its own event and audit entry); an override
// moving the 4M bid up funds three (41M); moving the 15M bid up as well (56M) is refused.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { call, demoTokens, type Tokens } from "../api/client.ts";
import { demoCallers, type Callers } from "../factories/initiatives.ts";
import { bidOf, footprint, M, marks, openRoundOk, scoreOk } from "./helpers.ts";

let c: Callers;
let t: Tokens;

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  t = await demoTokens();
});

type Bid = { ref: string; requested: number; cumulative: number | null; aboveLine: boolean; fitsRemainder: boolean };

/** Four bids of one year scored in the order of merit; returns their refs by size. */
async function exampleRound(fy: string) {
  const start = `${fy.slice(0, 4)}-06-01`;
  const refs = {
    m19: await bidOf(c, 19 * M, start),
    m18: await bidOf(c, 18 * M, start),
    m15: await bidOf(c, 15 * M, start),
    m4: await bidOf(c, 4 * M, start),
  };
  await openRoundOk(t.leader, fy, 50 * M);
  await scoreOk(t.dg, fy, refs.m19, marks(5));
  await scoreOk(t.dg, fy, refs.m18, marks(4));
  await scoreOk(t.dg, fy, refs.m15, marks(3));
  await scoreOk(t.dg, fy, refs.m4, marks(2));
  // Another division's score is advisory: it never reorders the ranking.
  const advisory = await scoreOk(t.dgov, fy, refs.m4, marks(5));
  expect(advisory.advisory).toBe(true);
  return refs;
}

async function auditOf(ref: string) {
  const { id } = await db.initiative.findUniqueOrThrow({ where: { ref }, select: { id: true } });
  return db.auditEvent.findMany({
    where: { initiativeId: id, event: { in: ["APPROVE_FUNDING", "DEFER", "REFER_TO_FINANCE_COMMITTEE"] } },
    select: { event: true, actorRole: true, fromState: true, toState: true, payload: true },
  });
}

describe("the HK$50M example", () => {
  it("draws the line after the second bid (37M), marks the 4M bid as fitting, and finalising funds two and shelves two", async () => {
    const fy = "2027-28";
    const refs = await exampleRound(fy);
    const round = await call("GET", `/api/v1/funding-rounds/${fy}`, { token: t.leader });
    expect(round.status).toBe(200);
    expect(round.body).toMatchObject({ fy, envelope: 50 * M, status: "OPEN" });
    expect(round.body.cutLine).toMatchObject({ afterRank: 2, totalByRank: 37 * M, remaining: 13 * M });
    expect(
      (round.body.bids as Bid[]).map((b) => [b.ref, b.requested, b.cumulative, b.aboveLine, b.fitsRemainder]),
    ).toEqual([
      [refs.m19, 19 * M, 19 * M, true, false],
      [refs.m18, 18 * M, 37 * M, true, false],
      [refs.m15, 15 * M, 52 * M, false, false],
      [refs.m4, 4 * M, 56 * M, false, true],
    ]);

    const done = await call("POST", `/api/v1/funding-rounds/${fy}/finalise`, { token: t.leader, json: {} });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.totalApproved).toBe(37 * M);
    const stages = await db.initiative.findMany({
      where: { ref: { in: Object.values(refs) } },
      select: { ref: true, stage: true, fundedAmount: true },
    });
    const stageOf = (ref: string) => stages.find((s) => s.ref === ref)!;
    expect(stageOf(refs.m19)).toMatchObject({ stage: "delivery", fundedAmount: 19 * M });
    expect(stageOf(refs.m18)).toMatchObject({ stage: "delivery", fundedAmount: 18 * M });
    expect(stageOf(refs.m15).stage).toBe("deferred");
    expect(stageOf(refs.m4).stage).toBe("deferred");

    // Each bid: its own lifecycle event, its own audit entry, by leadership, naming the round.
    for (const [ref, event, to] of [
      [refs.m19, "APPROVE_FUNDING", "delivery.inProgress"],
      [refs.m18, "APPROVE_FUNDING", "delivery.inProgress"],
      [refs.m15, "DEFER", "deferred"],
      [refs.m4, "DEFER", "deferred"],
    ] as const) {
      const entries = await auditOf(ref);
      expect(entries, ref).toHaveLength(1);
      expect(entries[0]).toMatchObject({ event, actorRole: "LEADERSHIP", fromState: "fundingReview", toState: to });
      const payload = JSON.parse(entries[0]!.payload);
      expect(payload.fundingRound).toBe(fy);
      if (event === "DEFER") expect(payload.reasonCode).toBe("FUNDING_PRIORITY");
    }
    const shelved = await db.fundingDecision.findMany({
      where: { initiative: { ref: { in: [refs.m15, refs.m4] } } },
      select: { decision: true, reasonCode: true },
    });
    expect(shelved).toEqual([
      { decision: "DEFERRED", reasonCode: "FUNDING_PRIORITY" },
      { decision: "DEFERRED", reasonCode: "FUNDING_PRIORITY" },
    ]);

    // The round is frozen: scores cannot change, and it cannot be finalised twice.
    const late = await call("PUT", `/api/v1/funding-rounds/${fy}/scores/${refs.m15}`, {
      token: t.dg,
      json: { scores: marks(5) },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/finalised/);
    expect((await call("POST", `/api/v1/funding-rounds/${fy}/finalise`, { token: t.leader, json: {} })).status).toBe(
      409,
    );
    const after = await call("GET", `/api/v1/funding-rounds/${fy}`, { token: t.leader });
    expect(after.body.status).toBe("FINALISED");
    expect((after.body.bids as { outcome: string }[]).map((b) => b.outcome)).toEqual([
      "APPROVED",
      "APPROVED",
      "SHELVED",
      "SHELVED",
    ]);
  });

  it("an override moving the 4M bid above the line funds three (41M); moving the 15M bid as well (56M) is refused", async () => {
    const fy = "2028-29";
    const refs = await exampleRound(fy);
    const all = Object.values(refs);
    const before = await footprint(all);

    const tooMuch = await call("POST", `/api/v1/funding-rounds/${fy}/finalise`, {
      token: t.leader,
      json: {
        overrides: [
          { ref: refs.m4, aboveLine: true, reason: "Statutory deadline" },
          { ref: refs.m15, aboveLine: true, reason: "Ministerial priority" },
        ],
      },
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.message).toBe(
      "The bids above the line would ask for HK$56,000,000, more than the HK$50,000,000 envelope.",
    );
    expect(await footprint(all)).toEqual(before);
    // The same through a move before finalising.
    const moved = await call("POST", `/api/v1/funding-rounds/${fy}/moves`, {
      token: t.leader,
      json: { ref: refs.m4, aboveLine: true, reason: "Statutory deadline" },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.cutLine.totalAbove).toBe(41 * M);
    const refused = await call("POST", `/api/v1/funding-rounds/${fy}/moves`, {
      token: t.leader,
      json: { ref: refs.m15, aboveLine: true, reason: "Ministerial priority" },
    });
    expect(refused.status).toBe(422);

    const done = await call("POST", `/api/v1/funding-rounds/${fy}/finalise`, { token: t.leader, json: {} });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.approved.map((a: { ref: string }) => a.ref)).toEqual([refs.m19, refs.m18, refs.m4]);
    expect(done.body.totalApproved).toBe(41 * M);
    expect(done.body.shelved.map((s: { ref: string }) => s.ref)).toEqual([refs.m15]);
    const moves = await db.auditEvent.findMany({ where: { event: "FUNDING_BID_MOVED" }, select: { payload: true } });
    expect(moves.map((m) => JSON.parse(m.payload).reason)).toContain("Statutory deadline");
  });
});

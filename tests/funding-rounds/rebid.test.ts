// A shelved proposal re-bid the next year appears in that year's round as round N+1 of the same initiative,
// with what changed: through the API, the real service and machine.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { call, demoTokens, type Tokens } from "../api/client.ts";
import { demoCallers, type Callers } from "../factories/initiatives.ts";
import { bidOf, M, marks, openRoundOk, scoreOk } from "./helpers.ts";

let c: Callers;
let t: Tokens;

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  t = await demoTokens();
});

describe("a re-bid", () => {
  it("is round N+1 of the same initiative in the next year's round, with its changes", async () => {
    const funded = await bidOf(c, 9 * M, "2036-06-01");
    const shelved = await bidOf(c, 8 * M, "2036-06-01");
    await openRoundOk(t.leader, "2036-37", 10 * M);
    await scoreOk(t.dg, "2036-37", funded, marks(5));
    await scoreOk(t.dg, "2036-37", shelved, marks(3));
    const done = await call("POST", "/api/v1/funding-rounds/2036-37/finalise", { token: t.leader, json: {} });
    expect(done.body.shelved.map((s: { ref: string }) => s.ref)).toEqual([shelved]);
    const before = await call("GET", `/api/v1/initiatives/${shelved}`, { token: t.itb });
    expect(before.body).toMatchObject({ stage: "deferred", round: 1 });
    expect(before.body.availableEvents).toContain("REBID");

    // Only the owning officer re-bids, with what changed; a reviewer cannot.
    const body = {
      type: "REBID",
      plannedStart: "2037-06-01",
      plannedEnd: "2039-03-31",
      nonRecurrentCost: 7_500_000,
      note: "Phased: the first phase only, a year later",
    };
    const byReviewer = await call("POST", `/api/v1/initiatives/${shelved}/events`, { token: t.dg, json: body });
    expect(byReviewer.status).toBe(403);
    const noNote = await call("POST", `/api/v1/initiatives/${shelved}/events`, {
      token: t.itb,
      json: { ...body, note: "" },
    });
    expect(noNote.status).toBe(400);
    const rebid = await call("POST", `/api/v1/initiatives/${shelved}/events`, { token: t.itb, json: body });
    expect(rebid.status, JSON.stringify(rebid.body)).toBe(200);
    expect(rebid.body).toMatchObject({ stage: "fundingReview", round: 2 });
    expect(rebid.body.initiative).toMatchObject({ plannedStart: "2037-06-01", nonRecurrentCost: 7_500_000 });
    // The milestones moved with the planned start (a year later).
    expect(rebid.body.initiative.milestones.map((m: { due: string }) => m.due)).toEqual(["2037-09-30", "2038-12-31"]);

    // Next year's round: the same initiative bids as round 2, its changes named; last year's keeps round 1.
    await openRoundOk(t.leader, "2037-38", 10 * M);
    const next = await call("GET", "/api/v1/funding-rounds/2037-38", { token: t.itb });
    const bid = next.body.bids.find((b: { ref: string }) => b.ref === shelved);
    expect(bid).toMatchObject({ round: 2, requested: 7_500_000 });
    expect(bid.changes).toEqual(
      expect.arrayContaining(["plannedStart", "plannedEnd", "nonRecurrentCost", "milestones"]),
    );
    const last = await call("GET", "/api/v1/funding-rounds/2036-37", { token: t.itb });
    expect(last.body.bids.find((b: { ref: string }) => b.ref === shelved)).toMatchObject({
      round: 1,
      outcome: "SHELVED",
      changes: null,
    });
    const rounds = await db.submissionRound.findMany({
      where: { initiative: { ref: shelved } },
      orderBy: { round: "asc" },
      select: { round: true, proposal: true },
    });
    expect(rounds.map((r) => [r.round, JSON.parse(r.proposal).plannedStart])).toEqual([
      [1, "2036-06-01"],
      [2, "2037-06-01"],
    ]);
  });
});

// The funding-round pages through their real loaders and actions, with plain form posts (what a browser
// without JavaScript sends): opening a round, scoring a bid, moving one across the line, finalising.
import { beforeAll, describe, expect, it } from "vitest";
import { action as listAction, loader as listLoader } from "~/routes/funding-rounds._index.tsx";
import { action as roundAction, loader as roundLoader } from "~/routes/funding-rounds.$fy._index/route.tsx";
import { action as scoreAction, loader as scoreLoader } from "~/routes/funding-rounds.$fy.bids.$ref.tsx";
import { loader as dashboardLoader } from "~/routes/dashboard/route.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { demoCallers, type Callers } from "../factories/initiatives.ts";
import { args, get, login, post, run, type Session } from "../helpers/http.ts";
import { bidOf, M } from "./helpers.ts";

let c: Callers;
let s: Record<"dg" | "itb" | "immd" | "leader" | "admin", Session>;
const fy = "2033-34";
const refs: Record<string, string> = {};

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  s = {
    dg: await login("reviewer.dg@demo.gov.hk"),
    itb: await login("officer.itb@demo.gov.hk"),
    immd: await login("officer.immd@demo.gov.hk"),
    leader: await login("leader@demo.gov.hk"),
    admin: await login("admin@demo.gov.hk"),
  };
  refs.a = await bidOf(c, 12 * M, "2033-06-01");
  refs.b = await bidOf(c, 9 * M, "2033-06-01", { owner: c.immd });
  refs.c = await bidOf(c, 4 * M, "2033-06-01");
});

const roundPage = async (session: Session) =>
  (await run(() => roundLoader(args(get(`/funding-rounds/${fy}`, session), { fy }) as never))).json();
const marks = (n: string) => ({
  "scores.benefitsAgainstCost": n,
  "scores.policyPriority": n,
  "scores.urgencyAndRisk": n,
  "scores.readiness": n,
  "comments.policyPriority": "Fits the Smart City Blueprint",
});
const score = (ref: string, fields: Record<string, string>) =>
  run(() => scoreAction(args(post(`/funding-rounds/${fy}/bids/${ref}`, fields, s.dg), { fy, ref }) as never));

describe("the funding-round pages", () => {
  it("opening: field errors beside the fields and nothing written; then the round opens and the page says so", async () => {
    const form = { fy, envelope: "20,000,000", bidDeadline: "2034-03-31", decisionDate: "2034-03-31" };
    const bad = await run(() =>
      listAction(
        args(post("/funding-rounds", { ...form, envelope: "lots", "weight.readiness": "0" }, s.leader)) as never,
      ),
    );
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.fields.envelope).toBeDefined();
    expect(body.fields["weight.readiness"]).toEqual(["fundingRound.errors.badWeight"]);
    expect(await db.fundingRound.count({ where: { fy } })).toBe(0);
    const officer = await run(() => listAction(args(post("/funding-rounds", form, s.itb)) as never));
    expect(officer.status).toBe(403);

    const ok = await run(() => listAction(args(post("/funding-rounds", form, s.leader)) as never));
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/funding-rounds/${fy}?opened=1`);
    const list = await (await run(() => listLoader(args(get("/funding-rounds", s.itb)) as never))).json();
    expect(list.rounds.map((r: { fy: string }) => r.fy)).toContain(fy);
    expect(list.mayOpen).toBe(false);
  });

  it("scoring: a reviewer's form, its errors, and the score saved", async () => {
    const page = await (
      await run(() =>
        scoreLoader(args(get(`/funding-rounds/${fy}/bids/${refs.a}`, s.dg), { fy, ref: refs.a! }) as never),
      )
    ).json();
    expect(page.bid.ref).toBe(refs.a);
    expect(page.criteria).toHaveLength(4);
    expect(page.mine).toBeNull();
    const wrong = await score(refs.a!, { ...marks("4"), "scores.readiness": "9" });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).fields["scores.readiness"]).toEqual(["fundingRound.errors.badScore"]);
    expect((await score(refs.a!, marks("5"))).status).toBe(200);
    expect((await score(refs.b!, marks("3"))).status).toBe(200);
    expect((await score(refs.c!, marks("2"))).status).toBe(200);
    const leader = await run(() =>
      scoreLoader(args(get(`/funding-rounds/${fy}/bids/${refs.a}`, s.leader), { fy, ref: refs.a! }) as never),
    );
    expect(leader.status).toBe(403);
  });

  it("the ranking: officers see only their B/D's bids; leadership sees all with the cut line", async () => {
    const lead = await roundPage(s.leader);
    expect(lead.round.bids.map((b: { ref: string }) => b.ref)).toEqual([refs.a, refs.b, refs.c]);
    expect(lead.round.cutLine).toMatchObject({ afterRank: 1, totalByRank: 12 * M, remaining: 8 * M });
    expect(lead.round.bids.map((b: { fitsRemainder: boolean }) => b.fitsRemainder)).toEqual([false, false, true]);
    const itb = await roundPage(s.itb);
    expect(itb.round.bids.map((b: { ref: string }) => b.ref)).toEqual([refs.a, refs.c]);
    const immd = await roundPage(s.immd);
    expect(JSON.stringify(immd)).not.toContain(refs.a);
    const admin = await roundPage(s.admin);
    expect(admin.round.bids).toEqual([]);
  });

  it("moves and finalising: a refused move says why; the round is finalised from the page", async () => {
    const move = (fields: Record<string, string>, session = s.leader) =>
      run(() =>
        roundAction(args(post(`/funding-rounds/${fy}`, { intent: "move", ...fields }, session), { fy }) as never),
      );
    const refused = await move({ ref: refs.b!, aboveLine: "true", reason: "Urgent" });
    expect(refused.status).toBe(422);
    expect((await refused.json()).refusal.key).toBe("fundingRound.errors.overEnvelope");
    const noReason = await move({ ref: refs.c!, aboveLine: "true", reason: "" });
    expect(noReason.status).toBe(400);
    expect((await move({ ref: refs.c!, aboveLine: "true", reason: "Cheap and ready" }, s.dg)).status).toBe(403);
    const moved = await move({ ref: refs.c!, aboveLine: "true", reason: "Cheap and ready" });
    expect(moved.status).toBe(200);
    expect((await moved.json()).done.key).toBe("fundingRound.move.done");

    const reviewer = await run(() =>
      roundAction(args(post(`/funding-rounds/${fy}`, { intent: "finalise" }, s.dg), { fy }) as never),
    );
    expect(reviewer.status).toBe(403);
    const done = await run(() =>
      roundAction(args(post(`/funding-rounds/${fy}`, { intent: "finalise" }, s.leader), { fy }) as never),
    );
    expect(done.status).toBe(200);
    expect((await done.json()).done).toEqual({
      key: "fundingRound.finalised",
      values: { fy, approved: 2, total: "HK$16,000,000", shelved: 1, referred: 0 },
    });
    const after = await roundPage(s.leader);
    expect(after.round.status).toBe("FINALISED");
    expect(after.round.can).toEqual({ score: false, decide: false, markUrgent: false });
    const frozen = await score(refs.a!, marks("1"));
    expect(frozen.status).toBe(409);
  });

  it("the dashboard: the year's round — funded, shelved and referred, by B/D and category, scores", async () => {
    const res = await run(() => dashboardLoader(args(get(`/dashboard?fy=${fy}`, s.leader)) as never));
    expect(res.status).toBe(200);
    const { fundingRound: f } = await res.json();
    expect(f).toMatchObject({ fy, status: "FINALISED", envelope: 20 * M, bids: 3 });
    expect(f.totals).toEqual({
      APPROVED: { count: 2, amount: 16 * M },
      SHELVED: { count: 1, amount: 9 * M },
      REFERRED: { count: 0, amount: 0 },
    });
    expect(f.shareFunded).toBeCloseTo(2 / 3);
    expect(f.byBureau).toEqual([
      { key: "ITIB", bids: 2, funded: 2, requested: 16 * M, approved: 16 * M },
      { key: "IMMD", bids: 1, funded: 0, requested: 9 * M, approved: 0 },
    ]);
    expect(f.scores.find((b: { band: string }) => b.band === "4–5").bids).toBe(1);
    expect(f.rebids).toEqual([]);
    const none = await (await run(() => dashboardLoader(args(get("/dashboard?fy=2099-00", s.leader)) as never))).json();
    expect(none.fundingRound).toBeNull();
  });
});

// Which round an initiative is in (its page and the API), and urgent late bids: a proposal that reached
// funding review after a round's deadline waits, unless leadership (or an administrator) marks it urgent
// with a reason — audited, bounded, and refused once the round is finalised.
import { beforeAll, describe, expect, it } from "vitest";
import InitiativePage, { loader as initiativeLoader } from "~/routes/initiatives.$ref._index/route.tsx";
import RoundPage, { action as roundAction, loader as roundLoader } from "~/routes/funding-rounds.$fy._index/route.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { call, demoTokens, type Tokens } from "../api/client.ts";
import { demoCallers, type Callers } from "../factories/initiatives.ts";
import { args, get, login, post, run, type Session } from "../helpers/http.ts";
import { cookieFor, renderPage, rootDataFor } from "../i18n/render.tsx";
import { bidOf, M, marks, scoreOk } from "./helpers.ts";

let c: Callers;
let t: Tokens;
let s: Record<"itb" | "leader" | "admin", Session>;
const refs: Record<string, string> = {};
// The late round's bids closed before these proposals reached funding review; the next year's are open.
const lateFy = "2026-27";
const openFy = "2027-28";

async function openRound(fy: string, bidDeadline: string, decisionDate: string) {
  const res = await call("POST", "/api/v1/funding-rounds", {
    token: t.leader,
    json: { fy, envelope: 100 * M, bidDeadline, decisionDate },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const urgent = (json: unknown, token = t.leader, fy = lateFy) =>
  call("POST", `/api/v1/funding-rounds/${fy}/urgent`, { token, json });
const roundPage = async (session: Session, fy = lateFy) =>
  (await run(() => roundLoader(args(get(`/funding-rounds/${fy}`, session), { fy }) as never))).json();

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  t = await demoTokens();
  s = {
    itb: await login("officer.itb@demo.gov.hk"),
    leader: await login("leader@demo.gov.hk"),
    admin: await login("admin@demo.gov.hk"),
  };
  refs.late1 = await bidOf(c, 5 * M, "2027-01-15");
  refs.late2 = await bidOf(c, 6 * M, "2027-02-01");
  refs.late3 = await bidOf(c, 7 * M, "2027-02-15");
  refs.onTime = await bidOf(c, 8 * M, "2027-06-01");
  refs.noRound = await bidOf(c, 9 * M, "2031-06-01");
  // Yesterday's deadline, Hong Kong time: every proposal above reached funding review after it.
  const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  await openRound(lateFy, yesterday, "2027-03-31");
  await openRound(openFy, "2028-03-31", "2028-03-31");
  refs.deadline = yesterday;
});

describe("the initiative's funding round", () => {
  it("shows the round and deadline on the page and in the API: a bid, a late proposal, none", async () => {
    const page = async (ref: string) =>
      (await run(() => initiativeLoader(args(get(`/initiatives/${ref}`, s.itb), { ref }) as never))).json();
    expect((await page(refs.onTime!)).view.fundingRound).toEqual({
      fy: openFy,
      bidDeadline: "2028-03-31",
      status: "OPEN",
      place: "bid",
      urgent: false,
    });
    expect((await page(refs.late1!)).view.fundingRound).toEqual({
      fy: lateFy,
      bidDeadline: refs.deadline,
      status: "OPEN",
      place: "late",
      urgent: false,
    });
    expect((await page(refs.noRound!)).view.fundingRound).toBeNull();
    const late = await page(refs.late1!);
    for (const [locale, words] of [
      ["en", `Funding round ${lateFy} — bids closed`],
      ["zh-Hant", `${lateFy} 年度撥款輪次 — 已於`],
    ] as const) {
      const root = await rootDataFor(await cookieFor(locale, s.itb));
      const html = renderPage({
        root,
        Component: InitiativePage,
        path: `/initiatives/${refs.late1}`,
        loaderData: late,
      });
      expect(html).toContain(words);
      expect(html).toContain(`href="/funding-rounds/${lateFy}"`);
    }
    const onTime = await page(refs.onTime!);
    const html = renderPage({
      root: await rootDataFor(await cookieFor("zh-Hant", s.itb)),
      Component: InitiativePage,
      path: `/initiatives/${refs.onTime}`,
      loaderData: onTime,
    });
    expect(html).toContain(`${openFy} 年度撥款輪次 — 截止日期 2028年3月31日`);
    const api = await call("GET", `/api/v1/initiatives/${refs.late1}`, { token: t.itb });
    expect(api.status).toBe(200);
    expect(api.body.fundingRound).toMatchObject({ fy: lateFy, place: "late" });
  });
});

describe("urgent late bids", () => {
  it("lists the late proposals to leadership and administrators only", async () => {
    const lead = await roundPage(s.leader);
    expect(lead.round.can.markUrgent).toBe(true);
    expect(lead.round.late.map((p: { ref: string }) => p.ref)).toEqual([refs.late1, refs.late2, refs.late3]);
    expect(lead.round.bids).toEqual([]);
    const html = renderPage({
      root: await rootDataFor(await cookieFor("en", s.leader)),
      Component: RoundPage,
      path: `/funding-rounds/${lateFy}`,
      loaderData: lead,
    });
    expect(html).toContain(`Mark ${refs.late1} urgent`);
    expect(html).toContain(`Why ${refs.late1} is urgent`);
    expect((await roundPage(s.admin)).round.late).toHaveLength(3);
    const officer = await roundPage(s.itb);
    expect(officer.round.can.markUrgent).toBe(false);
    expect(officer.round.late).toEqual([]);
    // The next year's round is open to its proposal: nothing is late there.
    expect((await roundPage(s.leader, openFy)).round.late).toEqual([]);
  });

  it("refuses other roles, a missing or overlong reason, and a proposal that is not late — writing nothing", async () => {
    const before = { bids: await db.fundingBid.count(), audit: await db.auditEvent.count() };
    expect((await urgent({ ref: refs.late1, reason: "Court order" }, t.itb)).status).toBe(403);
    expect((await urgent({ ref: refs.late1, reason: "Court order" }, t.dg)).status).toBe(403);
    const noReason = await urgent({ ref: refs.late1, reason: "  " });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain("reason");
    expect((await urgent({ ref: refs.late1, reason: "x".repeat(2001) })).status).toBe(400);
    const notLate = await urgent({ ref: refs.onTime, reason: "Court order" }, t.leader, openFy);
    expect(notLate.status).toBe(409);
    expect(notLate.body.error.messageKey).toBe("fundingRound.errors.notLate");
    expect((await urgent({ ref: refs.late1, reason: "Court order" }, t.leader, "2040-41")).status).toBe(404);
    expect({ bids: await db.fundingBid.count(), audit: await db.auditEvent.count() }).toEqual(before);
  });

  it("leadership marks one urgent through the API: it bids in the round, audited with the reason", async () => {
    const res = await urgent({ ref: refs.late1, reason: "Court order requires it by June" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const bid = res.body.bids.find((b: { ref: string }) => b.ref === refs.late1);
    expect(bid).toMatchObject({ urgent: true, requested: 5 * M });
    const row = await db.fundingBid.findFirstOrThrow({ where: { initiative: { ref: refs.late1! } } });
    expect(row).toMatchObject({ urgent: true, urgentReason: "Court order requires it by June" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { event: "FUNDING_BID_URGENT" } });
    expect(JSON.parse(audit.payload)).toEqual({
      fy: lateFy,
      ref: refs.late1,
      reason: "Court order requires it by June",
    });
    expect(audit.initiativeId).toBe(row.initiativeId);
    // Once it bids it is no longer late: a second marking is refused.
    expect((await urgent({ ref: refs.late1, reason: "Again" })).status).toBe(409);
    const api = await call("GET", `/api/v1/initiatives/${refs.late1}`, { token: t.itb });
    expect(api.body.fundingRound).toMatchObject({ fy: lateFy, place: "bid", urgent: true });
    const ref = refs.late1!;
    const page = await (
      await run(() => initiativeLoader(args(get(`/initiatives/${ref}`, s.itb), { ref }) as never))
    ).json();
    const html = renderPage({
      root: await rootDataFor(await cookieFor("en", s.itb)),
      Component: InitiativePage,
      path: `/initiatives/${ref}`,
      loaderData: page,
    });
    expect(html).toContain("Marked urgent after the deadline");
    expect(html).toContain("Marked urgent after the funding round&#x27;s bid deadline");
    expect((await roundPage(s.leader)).round.late.map((p: { ref: string }) => p.ref)).toEqual([refs.late2, refs.late3]);
  });

  it("an administrator marks one from the round page's form; an empty reason is a field error", async () => {
    const form = (fields: Record<string, string>, session = s.admin) =>
      run(() =>
        roundAction(
          args(post(`/funding-rounds/${lateFy}`, { intent: "urgent", ...fields }, session), { fy: lateFy }) as never,
        ),
      );
    const empty = await form({ ref: refs.late2!, reason: "" });
    expect(empty.status).toBe(400);
    expect((await empty.json()).fields.reason).toBeDefined();
    expect((await form({ ref: refs.late2!, reason: "Security fix" }, s.itb)).status).toBe(403);
    const ok = await form({ ref: refs.late2!, reason: "Security fix" });
    expect(ok.status).toBe(200);
    expect((await ok.json()).done).toEqual({ key: "fundingRound.markedUrgent", values: { ref: refs.late2 } });
    expect(await db.fundingBid.count({ where: { urgent: true } })).toBe(2);
  });

  it("racing markings of one proposal: one is done, the others are refused with 409, one bid and one audit entry", async () => {
    const answers = await Promise.all(
      ["First", "Second", "Third", "Fourth"].map((reason) => urgent({ ref: refs.late3, reason })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    const initiative = await db.initiative.findUniqueOrThrow({ where: { ref: refs.late3! }, select: { id: true } });
    expect(await db.fundingBid.count({ where: { initiativeId: initiative.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { event: "FUNDING_BID_URGENT", initiativeId: initiative.id } })).toBe(1);
  });

  it("is refused once the round is finalised", async () => {
    await scoreOk(t.dg, lateFy, refs.late1!, marks(4));
    await scoreOk(t.dg, lateFy, refs.late2!, marks(3));
    await scoreOk(t.dg, lateFy, refs.late3!, marks(2));
    const fin = await call("POST", `/api/v1/funding-rounds/${lateFy}/finalise`, { token: t.leader, json: {} });
    expect(fin.status, JSON.stringify(fin.body)).toBe(200);
    const before = await db.fundingBid.count();
    const res = await urgent({ ref: refs.late3, reason: "Too late now" });
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).toContain("finalised");
    expect(await db.fundingBid.count()).toBe(before);
  });
});

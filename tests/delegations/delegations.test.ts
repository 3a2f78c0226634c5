// Acting reviewers (issue 13): naming, ending and listing them through the API; the boundaries of a
// delegation (before, during and after its period, another division's decision, passing it on, unsuitable
// delegates); the audit's "on behalf of"; and the queue and initiative page an acting reviewer works from.
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server.ts";
import { hongKongTime, todayInHongKong } from "~/calendar/hong-kong.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";
import { sendEvent } from "~/initiatives/initiatives.server.ts";
import { loader as reviewsLoader } from "~/routes/reviews.tsx";
import { action as pageAction, loader as pageLoader } from "~/routes/initiatives.$ref._index/route.tsx";
import { HttpError } from "~/utils/http.server.ts";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { call, tokenFor } from "../api/client.ts";
import { completeProposal, demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, post, run } from "../helpers/http.ts";

let c: Callers;
const tokens: Record<string, string> = {};
const token = async (email: string) => (tokens[email] ??= await tokenFor(email));

/** A Hong Kong date `days` after today. */
const day = (days: number) => todayInHongKong(new Date(Date.now() + days * 86_400_000));
/** Noon in Hong Kong, `days` after today. */
const noon = (days: number) => hongKongTime(day(days), "12:00");

const DGOV = "reviewer.dgov@demo.gov.hk";
const DI = "reviewer.di@demo.gov.hk";
const LEADER = "leader@demo.gov.hk";

async function delegate(by: string, body: Record<string, unknown>) {
  return call("POST", "/api/v1/delegations", { token: await token(by), json: body });
}

/** Everything a refused request could have written. */
async function footprint() {
  return {
    delegations: await db.delegation.count(),
    ended: await db.delegation.count({ where: { endedAt: { not: null } } }),
    audit: await db.auditEvent.count(),
    signoffs: await db.signoff.count(),
    versions: (await db.initiative.aggregate({ _sum: { version: true } }))._sum.version,
  };
}

async function refused(p: Promise<unknown>): Promise<HttpError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

/** Ends every standing delegation, so that each test starts from none (through the API, as a user would). */
async function endAll() {
  for (const d of await db.delegation.findMany({ where: { endedAt: null }, select: { id: true } })) {
    const res = await call("DELETE", `/api/v1/delegations/${d.id}`, { token: await token("admin@demo.gov.hk") });
    expect([200, 409]).toContain(res.status);
  }
}

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
});

describe("naming an acting reviewer (POST/GET/DELETE /api/v1/delegations)", () => {
  it("a reviewer names another reviewer for a period: 201, listed as given and received, audited", async () => {
    await endAll();
    const before = await db.auditEvent.count();
    const res = await delegate(DGOV, { delegate: DI, from: day(0), until: day(4) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      delegator: { email: DGOV, divisionCode: "DATA_GOVERNANCE" },
      delegate: { email: DI },
      from: day(0),
      until: day(4),
      status: "ACTIVE",
      byAdministrator: false,
    });
    const given = await call("GET", "/api/v1/delegations", { token: await token(DGOV) });
    expect(given.body.given.map((d: { id: string }) => d.id)).toContain(res.body.id);
    const received = await call("GET", "/api/v1/delegations", { token: await token(DI) });
    expect(received.body.received.map((d: { id: string }) => d.id)).toContain(res.body.id);
    const audit = await db.auditEvent.findMany({ where: { seq: { gt: before } } });
    expect(audit.map((a) => a.event)).toEqual(["DELEGATION_CREATED"]);
    expect(audit[0]!.actorId).toBe(c.dgov.id);
    expect(JSON.parse(audit[0]!.payload)).toMatchObject({ delegationId: res.body.id, delegateId: c.di.id });
  });

  it("refuses a delegate who cannot act, with a clear message, and writes nothing", async () => {
    await endAll();
    const before = await footprint();
    const cases: [Record<string, unknown>, RegExp, string][] = [
      [{ delegate: "officer.itb@demo.gov.hk" }, /not a reviewer or leadership user/, "delegate"],
      [{ delegate: DGOV }, /someone other than the person who is away/, "delegate"],
      [{ delegate: "nobody@demo.gov.hk" }, /No active user has the e-mail address nobody@demo.gov.hk/, "delegate"],
      [{ delegate: "admin@demo.gov.hk" }, /not a reviewer or leadership user/, "delegate"],
      [{ delegate: DI, from: day(-1) }, /cannot start before today/, "from"],
      [{ delegate: DI, from: day(3), until: day(2) }, /has errors/, "until"],
      [{ delegate: DI, until: day(400) }, /has errors/, "until"],
      [{ delegate: "not-an-email" }, /has errors/, "delegate"],
    ];
    for (const [body, message, field] of cases) {
      const res = await delegate(DGOV, { from: day(0), until: day(2), ...body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.message).toMatch(message);
      expect(Object.keys(res.body.error.fields ?? {})).toContain(field);
    }
    // Officers have no decisions to lend.
    const officer = await delegate("officer.itb@demo.gov.hk", { delegate: DI, from: day(0), until: day(2) });
    expect(officer.status).toBe(403);
    expect(await footprint()).toEqual(before);
  });

  it("one acting reviewer at a time: an overlapping period is refused, an adjacent one is not", async () => {
    await endAll();
    expect((await delegate(DGOV, { delegate: DI, from: day(1), until: day(5) })).status).toBe(201);
    const before = await footprint();
    const overlap = await delegate(DGOV, { delegate: LEADER, from: day(5), until: day(8) });
    expect(overlap.status).toBe(422);
    expect(overlap.body.error.message).toMatch(/already the acting reviewer .* One acting reviewer at a time/);
    expect(await footprint()).toEqual(before);
    expect((await delegate(DGOV, { delegate: LEADER, from: day(6), until: day(8) })).status).toBe(201);
  });

  it("a delegate cannot pass it on: not by naming the delegator's delegate, nor by delegating meanwhile", async () => {
    await endAll();
    expect((await delegate(DGOV, { delegate: DI, from: day(0), until: day(5) })).status).toBe(201);
    const before = await footprint();
    // Naming someone for the delegator: only the delegator or an administrator may.
    const forThem = await delegate(DI, { delegate: LEADER, delegator: DGOV, from: day(0), until: day(5) });
    expect(forThem.status).toBe(403);
    expect(forThem.body.error.message).toMatch(/cannot be passed on/);
    // Their own delegation while they act for someone: the delegator's work would go to a third person unseen.
    const own = await delegate(DI, { delegate: LEADER, from: day(2), until: day(3) });
    expect(own.status).toBe(422);
    expect(own.body.error.message).toMatch(/acts for Cheung Hoi Lam themselves .* cannot be passed on/);
    // Nor can someone stand in for another while away themselves.
    const away = await delegate("reviewer.dg@demo.gov.hk", { delegate: DGOV, from: day(1), until: day(2) });
    expect(away.status).toBe(422);
    expect(away.body.error.message).toMatch(/Cheung Hoi Lam is away too/);
    expect(await footprint()).toEqual(before);
  });

  it("an administrator names one for an absent reviewer; ending it is audited and cannot happen twice", async () => {
    await endAll();
    const admin = await token("admin@demo.gov.hk");
    const missing = await call("POST", "/api/v1/delegations", {
      token: admin,
      json: { delegate: DI, from: day(0), until: day(3) },
    });
    expect(missing.status).toBe(422);
    const res = await call("POST", "/api/v1/delegations", {
      token: admin,
      json: { delegator: DGOV, delegate: DI, from: day(0), until: day(3) },
    });
    expect(res.status).toBe(201);
    expect(res.body.byAdministrator).toBe(true);
    const created = await db.auditEvent.findFirstOrThrow({
      where: { event: "DELEGATION_CREATED" },
      orderBy: { seq: "desc" },
    });
    expect(created.actorRole).toBe("ADMIN");
    // A stranger is told it does not exist; the delegate may hand it back.
    expect((await call("DELETE", `/api/v1/delegations/${res.body.id}`, { token: await token(LEADER) })).status).toBe(
      404,
    );
    const ended = await call("DELETE", `/api/v1/delegations/${res.body.id}`, { token: await token(DI) });
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe("ENDED");
    expect((await call("DELETE", `/api/v1/delegations/${res.body.id}`, { token: await token(DGOV) })).status).toBe(409);
    const end = await db.auditEvent.findFirstOrThrow({
      where: { event: "DELEGATION_ENDED" },
      orderBy: { seq: "desc" },
    });
    expect(end.actorId).toBe(c.di.id);
    // Only administrators list another user's.
    expect((await call("GET", `/api/v1/delegations?user=${DGOV}`, { token: admin })).body.given.length).toBeGreaterThan(
      0,
    );
    expect((await call("GET", `/api/v1/delegations?user=${DGOV}`, { token: await token(DI) })).status).toBe(403);
  });
});

describe("acting on behalf of the delegator", () => {
  it("before, during and after the period: refused, accepted (audited on behalf of), refused", async () => {
    await endAll();
    const res = await delegate(DGOV, { delegate: DI, from: day(1), until: day(3) });
    expect(res.status).toBe(201);
    const ref = await initiativeIn("efficiencyReview", c); // DG (lead) and DGOV must sign
    const approve = { type: "APPROVE", comment: "Privacy impact assessment seen", onBehalfOf: DGOV };

    for (const when of [noon(0), hongKongTime(day(4), "00:00")]) {
      const before = await footprint();
      const error = await refused(sendEvent(c.di, ref, approve, { now: when }));
      expect(error.status).toBe(403);
      expect(error.message).toMatch(/not acting for reviewer.dgov@demo.gov.hk today/);
      expect(await footprint()).toEqual(before);
    }

    // The last minute of the last day is inside (inclusive Hong Kong dates).
    const result = await sendEvent(c.di, ref, approve, { now: hongKongTime(day(3), "23:59") });
    expect(result.stage).toBe("efficiencyReview");
    const view = await getInitiative(c.leader, ref, { audit: true });
    expect(view.signoffs).toMatchObject({ DATA_GOVERNANCE: "approved", DIGITAL_GOVERNMENT: "pending" });
    const entry = view.audit!.at(-1)!;
    expect(entry).toMatchObject({ event: "APPROVE", actor: "Lau Tsz Hin", onBehalfOf: "Cheung Hoi Lam" });
    expect(entry.payload).toMatchObject({
      onBehalfOf: c.dgov.id,
      delegationId: res.body.id,
      division: "DATA_GOVERNANCE",
    });
    const signoff = await db.signoff.findFirstOrThrow({ where: { initiative: { ref } } });
    expect(signoff).toMatchObject({ division: "DATA_GOVERNANCE", reviewerId: c.di.id });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("only the delegator's division's decisions: not another division's, not the delegate's own via the delegator", async () => {
    await endAll();
    expect((await delegate(DGOV, { delegate: LEADER, from: day(0), until: day(2) })).status).toBe(201);
    // Lead Digital Government: funding is DG's decision, not Data Governance's.
    const funding = await initiativeIn("fundingReview", c);
    const before = await footprint();
    const error = await refused(
      sendEvent(c.leader, funding, { type: "APPROVE_FUNDING", amount: 8_500_000, onBehalfOf: DGOV }),
    );
    expect(error.status).toBe(403);
    expect(await footprint()).toEqual(before);
    // In efficiency review, only the Data Governance region: the DG region stays pending.
    const review = await initiativeIn("efficiencyReview", c);
    await sendEvent(c.leader, review, { type: "APPROVE", onBehalfOf: DGOV });
    expect((await getInitiative(c.leader, review)).signoffs).toMatchObject({
      DATA_GOVERNANCE: "approved",
      DIGITAL_GOVERNMENT: "pending",
    });
    const again = await refused(sendEvent(c.leader, review, { type: "APPROVE", onBehalfOf: DGOV }));
    expect(again.status).toBe(403);
    // Leadership's own decisions stay the leader's own, with no "on behalf of".
    const fc = await initiativeIn("awaitingFinanceCommittee", c);
    await sendEvent(c.leader, fc, { type: "RECORD_FC_APPROVAL", paperRef: "FCR(2026-27)30", date: day(0) });
    const last = (await getInitiative(c.leader, fc, { audit: true })).audit!.at(-1)!;
    expect(last).toMatchObject({ event: "RECORD_FC_APPROVAL", onBehalfOf: null });
  });

  it("acting is not passed on: whoever acts for the delegate gets the delegate's own authority only", async () => {
    await endAll();
    // The DI reviewer names the leader for days 1–2; the DGOV reviewer names the DI reviewer only from day 3.
    expect((await delegate(DI, { delegate: LEADER, from: day(1), until: day(2) })).status).toBe(201);
    expect((await delegate(DGOV, { delegate: DI, from: day(3), until: day(4) })).status).toBe(201);
    const ref = await initiativeIn("efficiencyReview", c);
    const error = await refused(sendEvent(c.leader, ref, { type: "APPROVE", onBehalfOf: DGOV }, { now: noon(3) }));
    expect(error.status).toBe(403);
    // And on day 3 the leader no longer acts for DI either.
    const di = await refused(sendEvent(c.leader, ref, { type: "APPROVE", onBehalfOf: DI }, { now: noon(3) }));
    expect(di.status).toBe(403);
  });

  it("inside the period through the API; refused once the delegation is ended", async () => {
    await endAll();
    const d = await delegate(DGOV, { delegate: LEADER, from: day(0), until: day(0) });
    expect(d.status).toBe(201);
    const leader = await token(LEADER);
    const ref = await initiativeIn("efficiencyReview", c);
    const shown = await call("GET", `/api/v1/initiatives/${ref}`, { token: leader });
    expect(shown.body.actingFor).toEqual([
      expect.objectContaining({
        delegationId: d.body.id,
        delegator: expect.objectContaining({ email: DGOV }),
        availableEvents: expect.arrayContaining(["APPROVE", "REQUEST_CHANGES"]),
      }),
    ]);
    const ok = await call("POST", `/api/v1/initiatives/${ref}/events`, {
      token: leader,
      json: { type: "APPROVE_WITH_CONDITIONS", conditions: ["Publish the retention schedule"], onBehalfOf: DGOV },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.initiative.signoffs.DATA_GOVERNANCE).toBe("approved");
    expect((await call("DELETE", `/api/v1/delegations/${d.body.id}`, { token: await token(DGOV) })).status).toBe(200);
    const ref2 = await initiativeIn("efficiencyReview", c);
    const after = await call("POST", `/api/v1/initiatives/${ref2}/events`, {
      token: leader,
      json: { type: "APPROVE", onBehalfOf: DGOV },
    });
    expect(after.status).toBe(403);
    expect(after.body.error.message).toMatch(/not acting for/);
  });
});

describe("the acting reviewer's queue and initiative page", () => {
  it("/reviews shows the delegator's queue marked on their behalf, to a reviewer and to a leader", async () => {
    await endAll();
    const ref = await initiativeIn("efficiencyReview", c, { proposal: completeProposal({ titleEn: "Queue item" }) });
    const leaderSession = await login(LEADER);
    // Without a delegation a leader has no queue.
    const refusedQueue = await run(() => reviewsLoader(args(get("/reviews", leaderSession)) as never));
    expect(refusedQueue.status).toBe(403);
    expect((await delegate(DGOV, { delegate: LEADER, from: day(0), until: day(1) })).status).toBe(201);
    const res = await run(() => reviewsLoader(args(get("/reviews", leaderSession)) as never));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.divisions).toEqual(["DATA_GOVERNANCE"]);
    const item = body.queue.items.find((i: { ref: string }) => i.ref === ref);
    expect(item.onBehalfOf).toEqual({ name: "Cheung Hoi Lam", email: DGOV });
    expect(body.counts.queue).toBeGreaterThan(0);
    // A reviewer of another division: their own queue plus the delegator's, each item marked.
    await endAll();
    expect((await delegate(DGOV, { delegate: "reviewer.dg@demo.gov.hk", from: day(0), until: day(1) })).status).toBe(
      201,
    );
    const dg = await login("reviewer.dg@demo.gov.hk");
    const both = await (await run(() => reviewsLoader(args(get("/reviews", dg)) as never))).json();
    expect(both.divisions).toEqual(["DIGITAL_GOVERNMENT", "DATA_GOVERNANCE"]);
    const marks = both.queue.items
      .filter((i: { ref: string }) => i.ref === ref)
      .map((i: { onBehalfOf: { name: string } | null }) => i.onBehalfOf?.name ?? null);
    expect(marks.sort()).toEqual(["Cheung Hoi Lam", null].sort());
  });

  it("the initiative page offers the delegator's decisions and takes them on their behalf", async () => {
    await endAll();
    expect((await delegate(DGOV, { delegate: LEADER, from: day(0), until: day(1) })).status).toBe(201);
    const ref = await initiativeIn("efficiencyReview", c);
    const session = await login(LEADER);
    const page = await (
      await run(() => pageLoader(args(get(`/initiatives/${ref}`, session), { ref }) as never))
    ).json();
    // A leader has nothing of their own to do here: the page opens on the delegator's decisions.
    expect(page.view.availableEvents).toEqual([]);
    expect(page.acting.delegator.email).toBe(DGOV);
    expect(page.acting.availableEvents).toContain("APPROVE");
    const res = await run(() =>
      pageAction(
        args(
          post(
            `/initiatives/${ref}`,
            { version: String(page.view.version), form: "review", intent: "APPROVE", onBehalfOf: DGOV },
            session,
          ),
          { ref },
        ) as never,
      ),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toContain("done=APPROVE");
    const after = await (
      await run(() => pageLoader(args(get(`/initiatives/${ref}`, session), { ref }) as never))
    ).json();
    const entry = after.view.audit.at(-1);
    expect(entry).toMatchObject({ event: "APPROVE", actor: "Ho Man Kit", onBehalfOf: "Cheung Hoi Lam" });
  });
});

describe("the acting-reviewer forms (no JavaScript needed)", () => {
  it("on /account: a reviewer names one, sees the refusal beside the field, and ends it", async () => {
    const { action, loader } = await import("~/routes/account.tsx");
    await endAll();
    const session = await login(DGOV);
    const form = (fields: Record<string, string>) =>
      run(() => action(args(post("/account", fields, session)) as never));
    const bad = await form({ intent: "delegate", delegate: "officer.itb@demo.gov.hk", from: day(0), until: day(1) });
    expect(bad.status).toBe(422);
    const badBody = await bad.json();
    expect(badBody.delegation.fields.delegate).toEqual(["delegations.errors.chooseDelegate"]);
    expect(badBody.delegation.message.key).toBe("delegations.problems.delegateNotEligible");
    expect(badBody.delegation.values.delegate).toBe("officer.itb@demo.gov.hk");
    const ok = await form({ intent: "delegate", delegate: DI, from: day(0), until: day(1) });
    expect(ok.status).toBe(200);
    expect((await ok.json()).delegation).toMatchObject({ done: "created", name: "Lau Tsz Hin" });
    const page = await (await run(() => loader(args(get("/account", session)) as never))).json();
    const [given] = page.delegations.given;
    expect(given).toMatchObject({ status: "ACTIVE", delegate: { email: DI } });
    const ended = await form({ intent: "endDelegation", delegationId: given.id });
    expect((await ended.json()).delegation).toEqual({ done: "ended" });
    // Officers have no such section.
    const officer = await login("officer.itb@demo.gov.hk");
    expect((await (await run(() => loader(args(get("/account", officer)) as never))).json()).delegations).toBeNull();
  });

  it("on the administrator's user page: one for an absent reviewer, audited as set by the administrator", async () => {
    const { action, loader } = await import("~/routes/admin_.users.$id.tsx");
    await endAll();
    const admin = await login("admin@demo.gov.hk");
    const id = c.dgov.id;
    const res = await run(() =>
      action(
        args(post(`/admin/users/${id}`, { intent: "delegate", delegate: LEADER, from: day(0), until: day(3) }, admin), {
          id,
        }) as never,
      ),
    );
    expect(res.status).toBe(200);
    const page = await (await run(() => loader(args(get(`/admin/users/${id}`, admin), { id }) as never))).json();
    expect(page.delegations.given[0]).toMatchObject({ byAdministrator: true, delegate: { email: LEADER } });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { event: "DELEGATION_CREATED" },
      orderBy: { seq: "desc" },
    });
    expect(audit).toMatchObject({ actorId: c.admin.id, actorRole: "ADMIN" });
  });
});

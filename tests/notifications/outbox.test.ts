// The outbox and the in-app channel: notification rows are written in the transaction of the transition
// that causes them (none when it is refused), to the people the rules name and no one else; the
// notification centre, the header's count and the API read and mark them.
import { beforeAll, describe, expect, it } from "vitest";
import { addComment } from "~/initiatives/comments.server.ts";
import { createDraft, sendEvent } from "~/initiatives/initiatives.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { loader as rootLoader } from "~/root.tsx";
import { action as pageAction, loader as pageLoader } from "~/routes/notifications._index.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { call, tokenFor } from "../api/client.ts";
import { completeProposal, demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, post, run } from "../helpers/http.ts";

let c: Callers;
const emailOf = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId } })).email;

async function toldAbout(ref: string, since = new Date(0)) {
  const rows = await db.notification.findMany({
    where: { ref, createdAt: { gte: since } },
    select: { userId: true, kind: true },
    orderBy: { createdAt: "asc" },
  });
  return Promise.all(rows.map(async (r) => `${r.kind} → ${await emailOf(r.userId)}`));
}

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
});

describe("the outbox", () => {
  it("a submission tells the reviewers of each division that must sign off, in the same transaction", async () => {
    const ref = await initiativeIn("efficiencyReview", c); // needs DG (lead) and DGOV
    expect((await toldAbout(ref)).sort()).toEqual([
      "REVIEW_REQUESTED → reviewer.dg@demo.gov.hk",
      "REVIEW_REQUESTED → reviewer.dgov@demo.gov.hk",
    ]);
    const rows = await db.notification.findMany({ where: { ref }, select: { createdAt: true, round: true } });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { event: "SUBMIT", initiativeId: (await db.initiative.findUniqueOrThrow({ where: { ref } })).id },
      select: { createdAt: true },
    });
    // Written with the transition: the same instant as its audit entry.
    for (const r of rows) expect(r.createdAt.getTime()).toBe(audit.createdAt.getTime());
    expect(rows.every((r) => r.round === 1)).toBe(true);
  });

  it("a refused transition writes no notification", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const before = await db.notification.count();
    // Wrong role (403), not possible now (422), stale version (409): nothing is written.
    await expect(sendEvent(c.itb, ref, { type: "APPROVE" })).rejects.toBeInstanceOf(HttpError);
    await expect(sendEvent(c.dg, ref, { type: "SUBMIT" })).rejects.toBeInstanceOf(HttpError);
    await expect(sendEvent(c.dg, ref, { type: "APPROVE" }, { expectedVersion: 1 })).rejects.toMatchObject({
      status: 409,
    });
    const { ref: draft } = await createDraft(c.itb, completeProposal({ summary: "" }));
    await expect(sendEvent(c.itb, draft, { type: "SUBMIT" })).rejects.toMatchObject({ status: 422 });
    expect(await db.notification.count()).toBe(before);
  });

  it("the last sign-off tells the lead division; a return tells the owning officers; the actor is never told", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const since = new Date();
    await sendEvent(c.dg, ref, { type: "APPROVE" });
    expect(await toldAbout(ref, since)).toEqual([]);
    await sendEvent(c.dgov, ref, { type: "APPROVE" });
    expect(await toldAbout(ref, since)).toEqual(["FUNDING_REVIEW_OPEN → reviewer.dg@demo.gov.hk"]);
    const returned = await initiativeIn("returned", c);
    expect((await toldAbout(returned)).filter((t) => t.startsWith("RETURNED"))).toEqual([
      "RETURNED → officer.itb@demo.gov.hk",
    ]);
  });

  it("a referral to the Finance Committee tells leadership; its outcome tells the officers", async () => {
    const ref = await initiativeIn("awaitingFinanceCommittee", c);
    const told = await toldAbout(ref);
    expect(told).toContain("FC_REFERRAL → leader@demo.gov.hk");
    expect(told).toContain("FUNDING_REFERRED → officer.itb@demo.gov.hk");
    await sendEvent(c.leader, ref, { type: "RECORD_FC_APPROVAL", paperRef: "FCR(2026-27)7", date: "2026-11-20" });
    expect(await toldAbout(ref)).toContain("FC_APPROVED → officer.itb@demo.gov.hk");
  });

  it("a comment tells the others who took part, not its author nor other B/Ds", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    await addComment(c.dgov, ref, { body: "Please attach the privacy impact assessment." });
    const told = (await toldAbout(ref)).filter((t) => t.startsWith("COMMENTED")).sort();
    expect(told).toEqual(["COMMENTED → officer.itb@demo.gov.hk"]);
    await addComment(c.itb, ref, { body: "Attached." });
    expect((await toldAbout(ref)).filter((t) => t.startsWith("COMMENTED")).sort()).toEqual([
      "COMMENTED → officer.itb@demo.gov.hk",
      "COMMENTED → reviewer.dgov@demo.gov.hk",
    ]);
  });
});

describe("the notification centre and the API", () => {
  it("GET /api/v1/notifications lists the caller's own, newest first, with the unread count", async () => {
    const ref = await initiativeIn("efficiencyReview", c, { proposal: { titleEn: "API-listed proposal" } });
    const token = await tokenFor("reviewer.dgov@demo.gov.hk");
    const res = await call("GET", "/api/v1/notifications", { token });
    expect(res.status).toBe(200);
    const first = res.body.items[0];
    expect(first).toEqual({
      id: expect.any(String),
      kind: "REVIEW_REQUESTED",
      ref,
      title: "API-listed proposal",
      createdAt: expect.any(String),
      readAt: null,
    });
    expect(res.body.unread).toBe(await db.notification.count({ where: { userId: c.dgov.id, readAt: null } }));
    // Someone else's list does not hold it.
    const other = await call("GET", "/api/v1/notifications", { token: await tokenFor("reviewer.di@demo.gov.hk") });
    expect(other.body.items.map((i: { ref: string }) => i.ref)).not.toContain(ref);
  });

  it("POST /api/v1/notifications/read marks some by id or all; another user's ids are ignored; bad bodies are 400", async () => {
    const token = await tokenFor("reviewer.dg@demo.gov.hk");
    await initiativeIn("efficiencyReview", c);
    const list = (await call("GET", "/api/v1/notifications", { token })).body;
    expect(list.unread).toBeGreaterThan(1);
    const one = list.items[0].id;
    const othersId = (await db.notification.findFirstOrThrow({ where: { userId: c.dgov.id } })).id;
    const marked = await call("POST", "/api/v1/notifications/read", { token, json: { ids: [one, othersId] } });
    expect(marked).toMatchObject({ status: 200, body: { marked: 1, unread: list.unread - 1 } });
    expect((await db.notification.findUniqueOrThrow({ where: { id: othersId } })).readAt).toBeNull();
    for (const bad of [{}, { ids: [] }, { ids: "x" }, { all: false }, { all: true, ids: [one] }, { ids: [1] }]) {
      const before = await db.notification.count({ where: { readAt: null } });
      expect((await call("POST", "/api/v1/notifications/read", { token, json: bad })).status).toBe(400);
      expect(await db.notification.count({ where: { readAt: null } })).toBe(before);
    }
    const all = await call("POST", "/api/v1/notifications/read", { token, json: { all: true } });
    expect(all.body.unread).toBe(0);
    expect((await call("GET", "/api/v1/notifications", { token })).body.unread).toBe(0);
    expect((await call("GET", "/api/v1/notifications", {})).status).toBe(401);
  });

  it("the header shows the unread count on every page; the centre lists with links and marks one or all read", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const session = await login("reviewer.dgov@demo.gov.hk");
    const root = async () =>
      (await (await run(() => rootLoader(args(get("/reviews", session)) as never))).json()).unread;
    const unread = await root();
    expect(unread).toBeGreaterThan(0);
    const page = await (await run(() => pageLoader(args(get("/notifications", session)) as never))).json();
    const item = page.items.find((i: { ref: string }) => i.ref === ref);
    expect(item).toMatchObject({ kind: "REVIEW_REQUESTED", readAt: null });
    // Opening one marks it read and goes to the initiative.
    const opened = await run(() =>
      pageAction(args(post("/notifications", { id: item.id, open: ref }, session)) as never),
    );
    expect(opened.headers.get("Location")).toBe(`/initiatives/${ref}`);
    expect(await root()).toBe(unread - 1);
    // Without the CSRF token nothing is marked.
    const forged = await run(() =>
      pageAction(args(post("/notifications", { intent: "readAll" }, { ...session, csrf: "forged" })) as never),
    );
    expect(forged.status).toBe(403);
    expect(await root()).toBe(unread - 1);
    const all = await run(() => pageAction(args(post("/notifications", { intent: "readAll" }, session)) as never));
    expect(all.headers.get("Location")).toBe("/notifications?marked=all");
    expect(await root()).toBe(0);
    // Visitors are sent to sign in.
    const anonymous = await run(() => pageLoader(args(get("/notifications")) as never));
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
  });
});

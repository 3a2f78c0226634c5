// Administrators edit the settings on /admin (validated beside the fields, audited), and the home page's
// notices: what entered a reviewer's queue, what was decided on an officer's initiatives, marked read by
// a form rather than by merely loading the page.
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server.ts";
import { sendEvent } from "~/initiatives/initiatives.server.ts";
import { getSettings } from "~/settings/settings.server.ts";
import { action as adminAction, loader as adminLoader } from "~/routes/admin.tsx";
import { action as homeAction, loader as homeLoader } from "~/routes/_index.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, post, run, type Session } from "../helpers/http.ts";

let c: Callers;

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
});

describe("settings", () => {
  let admin: Session;
  beforeAll(async () => {
    admin = await login("admin@demo.gov.hk");
  });
  const save = (fields: Record<string, string>, session = admin) =>
    run(() => adminAction(args(post("/admin", { intent: "settings", ...fields }, session)) as never));
  const written = async () => ({
    settings: await db.setting.findMany({
      orderBy: { key: "asc" },
      select: { key: true, value: true, updatedAt: true },
    }),
    audit: await db.auditEvent.count(),
  });

  it("shows the current settings to the administrator", async () => {
    const body = await (await run(() => adminLoader(args(get("/admin", admin)) as never))).json();
    expect(body.settings).toMatchObject({ reviewSlaDays: 10, blockAllocationLimit: 20_000_000, lastChange: null });
  });

  it.each([
    [{ reviewSlaDays: "0", blockAllocationLimit: "20000000" }, ["reviewSlaDays"]],
    [{ reviewSlaDays: "61", blockAllocationLimit: "20000000" }, ["reviewSlaDays"]],
    [{ reviewSlaDays: "7.5", blockAllocationLimit: "20000000" }, ["reviewSlaDays"]],
    [{ reviewSlaDays: "", blockAllocationLimit: "" }, ["reviewSlaDays", "blockAllocationLimit"]],
    [{ reviewSlaDays: "ten", blockAllocationLimit: "-5" }, ["reviewSlaDays", "blockAllocationLimit"]],
    [{ reviewSlaDays: "10", blockAllocationLimit: "0" }, ["blockAllocationLimit"]],
    [{ reviewSlaDays: "10", blockAllocationLimit: "2,000,000,001" }, ["blockAllocationLimit"]],
    [{ reviewSlaDays: "10", blockAllocationLimit: "20,000,000.50" }, ["blockAllocationLimit"]],
    [{ reviewSlaDays: "10", blockAllocationLimit: "2,00,000" }, ["blockAllocationLimit"]],
  ])("refuses %j with messages beside %j and writes nothing", async (fields, bad) => {
    const before = await written();
    const res = await save(fields);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(Object.keys(body.fields).sort()).toEqual([...bad].sort());
    if (bad.includes("reviewSlaDays")) expect(body.fields.reviewSlaDays).toEqual(["settings.errors.reviewSlaDays"]);
    if (bad.includes("blockAllocationLimit"))
      expect(body.fields.blockAllocationLimit).toEqual(["settings.errors.blockAllocationLimit"]);
    expect(body.values).toMatchObject(fields);
    expect(await written()).toEqual(before);
  });

  it("saves good values with one audit entry of the old and new values; the same values again change nothing", async () => {
    const auditBefore = await db.auditEvent.count();
    const res = await save({ reviewSlaDays: " 15 ", blockAllocationLimit: "HK$25,000,000" });
    expect(res.status).toBe(200);
    expect((await res.json()).done.key).toBe("settings.saved");
    expect(await getSettings()).toEqual({ reviewSlaDays: 15, blockAllocationLimit: 25_000_000 });
    const entries = await db.auditEvent.findMany({ where: { seq: { gt: 0 } }, orderBy: { seq: "desc" }, take: 1 });
    expect(await db.auditEvent.count()).toBe(auditBefore + 1);
    expect(entries[0]).toMatchObject({
      event: "SETTINGS_CHANGED",
      actorRole: "ADMIN",
      actorId: c.admin.id,
      initiativeId: null,
    });
    expect(JSON.parse(entries[0]!.payload)).toEqual({
      from: { REVIEW_SLA_DAYS: 10, BLOCK_ALLOCATION_LIMIT: 20_000_000 },
      to: { REVIEW_SLA_DAYS: 15, BLOCK_ALLOCATION_LIMIT: 25_000_000 },
    });
    expect((await verifyAuditChain(db)).ok).toBe(true);

    const again = await save({ reviewSlaDays: "15", blockAllocationLimit: "25000000" });
    expect((await again.json()).done.key).toBe("settings.unchanged");
    expect(await db.auditEvent.count()).toBe(auditBefore + 1);

    // Only what changed is recorded.
    await save({ reviewSlaDays: "10", blockAllocationLimit: "25000000" });
    const last = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(JSON.parse(last.payload)).toEqual({ from: { REVIEW_SLA_DAYS: 15 }, to: { REVIEW_SLA_DAYS: 10 } });
    const page = await (await run(() => adminLoader(args(get("/admin", admin)) as never))).json();
    expect(page.settings.lastChange.by).toBe("Yeung Siu Fung");

    await save({ reviewSlaDays: "10", blockAllocationLimit: "20000000" });
    expect(await getSettings()).toEqual({ reviewSlaDays: 10, blockAllocationLimit: 20_000_000 });
  });

  it.each(["reviewer.dg@demo.gov.hk", "leader@demo.gov.hk", "officer.itb@demo.gov.hk"])(
    "refuses %s with 403 and writes nothing",
    async (email) => {
      const before = await written();
      const res = await save({ reviewSlaDays: "30", blockAllocationLimit: "1" }, await login(email));
      expect(res.status).toBe(403);
      expect(await written()).toEqual(before);
    },
  );

  it("refuses a post without the CSRF token", async () => {
    const before = await written();
    const { csrf: _csrf, ...cookieOnly } = admin;
    const res = await run(() =>
      adminAction(
        args(
          post("/admin", { intent: "settings", reviewSlaDays: "30", blockAllocationLimit: "1" }, undefined, {
            Cookie: cookieOnly.cookie,
          }),
        ) as never,
      ),
    );
    expect(res.status).toBe(403);
    expect(await written()).toEqual(before);
  });
});

describe("notices on the home page", () => {
  const home = async (session: Session) =>
    (await (await run(() => homeLoader(args(get("/", session)) as never))).json()).notices;
  const markRead = (session: Session, upTo?: string) =>
    run(() =>
      homeAction(args(post("/?index", { intent: "markNoticesRead", ...(upTo ? { upTo } : {}) }, session)) as never),
    );

  it("tells reviewers what entered their queue and officers what was decided, until they mark them read", async () => {
    const [dg, dgov, di, itb, immd, leader] = await Promise.all(
      ["reviewer.dg", "reviewer.dgov", "reviewer.di", "officer.itb", "officer.immd", "leader"].map((u) =>
        login(`${u}@demo.gov.hk`),
      ),
    );
    for (const session of [dg, dgov, di, itb, immd]) expect((await markRead(session)).status).toBe(302);
    for (const session of [dg, dgov, di, itb, immd]) expect((await home(session)).items).toEqual([]);
    expect(await home(leader)).toBeNull();

    // Submitted: needs Digital Government and Data Governance.
    const ref = await initiativeIn("efficiencyReview", c);
    const dgNotices = await home(dg);
    expect(dgNotices.items).toMatchObject([{ ref, event: "SUBMIT", round: 1, titleEn: expect.any(String) }]);
    expect((await home(dgov)).items.map((n: { ref: string }) => n.ref)).toEqual([ref]);
    expect((await home(di)).items).toEqual([]);
    // The officer who submitted hears of decisions, not of their own submission.
    expect((await home(itb)).items).toEqual([]);

    // Loading the page again does not mark them read.
    expect((await home(dg)).items).toHaveLength(1);

    await sendEvent(c.dg, ref, { type: "APPROVE_WITH_CONDITIONS", conditions: ["Accessibility audit before launch"] });
    const officer = await home(itb);
    expect(officer.items).toMatchObject([{ ref, event: "APPROVE_WITH_CONDITIONS", division: "DIGITAL_GOVERNMENT" }]);
    expect((await home(immd)).items).toEqual([]);

    // Marked read up to the newest notice shown: what arrives meanwhile stays unread.
    const shownUpTo = officer.items[0].at;
    await sendEvent(c.dgov, ref, {
      type: "REQUEST_CHANGES",
      reason: "Add a privacy impact assessment",
      reasonCode: "DATA_PRIVACY_RISK",
    });
    const marked = await markRead(itb, shownUpTo);
    expect(marked.status).toBe(302);
    expect(marked.headers.get("Location")).toBe("/?notices=read");
    expect((await home(itb)).items).toMatchObject([
      { ref, event: "REQUEST_CHANGES", division: "DATA_GOVERNANCE", reasonCode: "DATA_PRIVACY_RISK" },
    ]);
    const seen = await db.user.findUniqueOrThrow({ where: { id: c.itb.id }, select: { noticesSeenAt: true } });
    expect(seen.noticesSeenAt?.toISOString()).toBe(new Date(shownUpTo).toISOString());

    // A future or garbled mark is clamped to now; marking never goes backwards.
    await markRead(itb, "2999-01-01T00:00:00Z");
    expect((await home(itb)).items).toEqual([]);
    const clamped = (await db.user.findUniqueOrThrow({ where: { id: c.itb.id }, select: { noticesSeenAt: true } }))
      .noticesSeenAt!;
    expect(clamped.getTime()).toBeLessThanOrEqual(Date.now());
    await markRead(itb, shownUpTo);
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: c.itb.id }, select: { noticesSeenAt: true } })).noticesSeenAt,
    ).toEqual(clamped);

    // Resubmitted: back in the reviewers' queues, as round 2.
    await markRead(dg);
    await sendEvent(c.itb, ref, { type: "RESUBMIT" });
    expect((await home(dg)).items).toMatchObject([{ ref, event: "RESUBMIT", round: 2 }]);
  });

  it("shows at most ten, newest first, and refuses a mark-read post without the CSRF token", async () => {
    const dgov = await login("reviewer.dgov@demo.gov.hk");
    await markRead(dgov);
    const made: string[] = [];
    for (let i = 0; i < 11; i++) made.push(await initiativeIn("efficiencyReview", c));
    const items = (await home(dgov)).items as { ref: string; at: string }[];
    expect(items).toHaveLength(10);
    expect(items.map((n) => n.ref)).toEqual(made.slice(1).reverse());

    const res = await run(() =>
      homeAction(args(post("/?index", { intent: "markNoticesRead" }, undefined, { Cookie: dgov.cookie })) as never),
    );
    expect(res.status).toBe(403);
    expect((await home(dgov)).items).toHaveLength(10);
  });
});

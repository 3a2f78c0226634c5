// Administrators edit the settings on /admin (validated beside the fields, audited). (What people are told
// is tested in tests/notifications.)
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server.ts";
import { getSettings } from "~/settings/settings.server.ts";
import { action as adminAction, loader as adminLoader } from "~/routes/admin.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { demoCallers, type Callers } from "../factories/initiatives.ts";
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

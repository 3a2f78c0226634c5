// Tamper evidence of the audit log. The database refuses UPDATE and DELETE on AuditEvent (triggers); someone
// with raw access to the file can drop those triggers, and then the hash chain shows what they did. Each
// tampering runs on its own copy of this file's database, so the cases do not disturb one another.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditHash, verifyAuditChain } from "~/audit/audit.server.ts";
import { sqliteFilePath } from "~/utils/database-url.ts";
import { createDb, db, type Db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { demoCallers, initiativeIn } from "../factories/initiatives.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const COLUMNS = [
  "initiativeId",
  "actorId",
  "actorRole",
  "event",
  "fromState",
  "toState",
  "payload",
  "createdAt",
  "prevHash",
  "hash",
];
const cols = COLUMNS.map((c) => `"${c}"`).join(", ");

let total: number;
/** Sequence numbers of the audit entries of one initiative built by the factories (in the middle of the chain). */
let trail: number[];
const opened: Db[] = [];

beforeAll(async () => {
  await seed({ demoData: true });
  const c = await demoCallers();
  const closed = await initiativeIn("closed", c);
  await initiativeIn("returned", c);
  await initiativeIn("awaitingFinanceCommittee", c, { owner: c.immd });
  const { id } = await db.initiative.findUniqueOrThrow({ where: { ref: closed }, select: { id: true } });
  const rows = await db.auditEvent.findMany({
    where: { initiativeId: id },
    orderBy: { seq: "asc" },
    select: { seq: true },
  });
  trail = rows.map((r) => r.seq);
  total = await db.auditEvent.count();
}, 120_000);

afterAll(async () => {
  for (const copy of opened) await copy.$disconnect();
});

/** A consistent copy of this test file's database (triggers included), opened with its own client. */
async function copyOfDatabase(): Promise<{ url: string; db: Db }> {
  const file = path.join(path.dirname(sqliteFilePath(process.env.DATABASE_URL!)), `audit-copy-${randomUUID()}.db`);
  await db.$executeRawUnsafe(`VACUUM INTO '${file}'`);
  const copy = createDb(`file:${file}`);
  opened.push(copy);
  return { url: `file:${file}`, db: copy };
}

async function dropTriggers(copy: Db) {
  await copy.$executeRawUnsafe('DROP TRIGGER "AuditEvent_no_update"');
  await copy.$executeRawUnsafe('DROP TRIGGER "AuditEvent_no_delete"');
}

function runScript(databaseUrl: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

describe("audit chain verification", () => {
  it("reports an intact chain with its number of entries", async () => {
    expect(total).toBeGreaterThan(100);
    expect(trail.length).toBeGreaterThan(5);
    expect(trail[trail.length - 1]!).toBeLessThan(total);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: total });
    // Pages do not change the answer.
    expect(await verifyAuditChain(db, 7)).toEqual({ ok: true, entries: total });
    const { db: copy } = await copyOfDatabase();
    expect(await verifyAuditChain(copy)).toEqual({ ok: true, entries: total });
  });

  it("with the triggers in place, the database refuses UPDATE and DELETE on AuditEvent", async () => {
    const seq = trail[2]!;
    const before = await db.auditEvent.findUniqueOrThrow({ where: { seq } });
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "payload" = '{}' WHERE "seq" = ${seq}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = ${seq}`)).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.update({ where: { seq }, data: { event: "NOTHING_HAPPENED" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.findUniqueOrThrow({ where: { seq } })).toEqual(before);
    expect(await db.auditEvent.count()).toBe(total);
  });

  it("finds an edited entry: its content no longer matches its hash", async () => {
    const { db: copy } = await copyOfDatabase();
    await dropTriggers(copy);
    const seq = trail[3]!;
    await copy.$executeRawUnsafe(`UPDATE "AuditEvent" SET "payload" = '{"amount":1}' WHERE "seq" = ${seq}`);
    const report = await verifyAuditChain(copy);
    expect(report).toMatchObject({ ok: false, brokenAt: seq });
    expect(report.ok === false && report.problem).toMatch(/edited/);
  });

  it("finds an edit whose hash was recomputed: the next entry's link breaks", async () => {
    const { db: copy } = await copyOfDatabase();
    await dropTriggers(copy);
    const seq = trail[3]!;
    const row = await copy.auditEvent.findUniqueOrThrow({ where: { seq } });
    const forged = { ...row, actorRole: "LEADERSHIP" };
    await copy.auditEvent.update({
      where: { seq },
      data: { actorRole: forged.actorRole, hash: auditHash(row.prevHash, forged) },
    });
    const report = await verifyAuditChain(copy);
    expect(report).toMatchObject({ ok: false, brokenAt: seq + 1 });
    expect(report.ok === false && report.problem).toMatch(/deleted or reordered/);
  });

  it("finds a deleted entry: the entry after it is reported", async () => {
    const { db: copy } = await copyOfDatabase();
    await dropTriggers(copy);
    const seq = trail[4]!;
    await copy.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = ${seq}`);
    const report = await verifyAuditChain(copy);
    expect(report).toMatchObject({ ok: false, brokenAt: seq + 1 });
    expect(report.ok === false && report.problem).toMatch(/deleted/);
  });

  it("finds two entries whose contents were swapped (reordered)", async () => {
    const { db: copy } = await copyOfDatabase();
    await dropTriggers(copy);
    const [a, b] = [trail[2]!, trail[5]!];
    // Every column but seq trades places; the hashes go through temporary values (they are unique).
    await copy.$executeRawUnsafe(
      `CREATE TEMP TABLE "swap" AS SELECT "seq", ${cols} FROM "AuditEvent" WHERE "seq" IN (${a}, ${b})`,
    );
    await copy.$executeRawUnsafe(
      `UPDATE "AuditEvent" SET "prevHash" = 'tmp-p-' || "seq", "hash" = 'tmp-h-' || "seq" WHERE "seq" IN (${a}, ${b})`,
    );
    await copy.$executeRawUnsafe(
      `UPDATE "AuditEvent" SET (${cols}) = (SELECT ${cols} FROM "swap" WHERE "swap"."seq" = ${b}) WHERE "seq" = ${a}`,
    );
    await copy.$executeRawUnsafe(
      `UPDATE "AuditEvent" SET (${cols}) = (SELECT ${cols} FROM "swap" WHERE "swap"."seq" = ${a}) WHERE "seq" = ${b}`,
    );
    const swapped = await copy.auditEvent.findMany({ where: { seq: { in: [a, b] } }, orderBy: { seq: "asc" } });
    const original = await db.auditEvent.findMany({ where: { seq: { in: [a, b] } }, orderBy: { seq: "asc" } });
    expect(swapped.map((r) => r.hash)).toEqual([original[1]!.hash, original[0]!.hash]);
    const report = await verifyAuditChain(copy);
    expect(report).toMatchObject({ ok: false, brokenAt: a });
    expect(report.ok === false && report.problem).toMatch(/reordered/);
  });

  it("npm run audit:verify exits 0 on an intact chain and 1, naming the entry, on a broken one", async () => {
    const intact = runScript(process.env.DATABASE_URL!);
    expect(intact.stdout).toBe(`Audit chain intact: ${total} entries`);
    expect(intact.status).toBe(0);

    const { url, db: copy } = await copyOfDatabase();
    await dropTriggers(copy);
    const seq = trail[1]!;
    await copy.$executeRawUnsafe(`UPDATE "AuditEvent" SET "toState" = 'closed' WHERE "seq" = ${seq}`);
    await copy.$disconnect();
    const broken = runScript(url);
    expect(broken.stdout).toMatch(new RegExp(`^Audit chain broken at entry #${seq}: .*edited`));
    expect(broken.status).toBe(1);
  }, 60_000);
});

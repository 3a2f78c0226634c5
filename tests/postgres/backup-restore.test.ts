// Backup while the app writes, wipe, restore: the real scripts on the suite's database (written for both; run in
// `npm run test:postgres`).
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseProvider, sqliteFilePath } from "~/utils/database-url.ts";
import { db, disconnectDb } from "~/utils/db.server.ts";
import { createDraft } from "~/initiatives/initiatives.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { completeProposal, demoCallers, type Callers } from "../factories/initiatives.ts";
import { readManifest } from "../../scripts/db-backup-lib.ts";

const url = () => process.env.DATABASE_URL!;
const file = path.join(os.tmpdir(), `backup-${randomUUID()}.${databaseProvider(url()) === "sqlite" ? "db" : "dump"}`);
let c: Callers;

beforeAll(async () => {
  await seed({ demoData: true });
  c = await demoCallers();
});

afterAll(() => {
  rmSync(file, { force: true });
  rmSync(`${file}.manifest.json`, { force: true });
});

/** Runs one of the scripts as `npm run` would (without blocking this process, whose writes go on). */
function script(name: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", `scripts/${name}.ts`, ...args], {
      env: { ...process.env, DATABASE_URL: url() },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += String(d)));
    child.stderr.on("data", (d) => (stderr += String(d)));
    child.once("error", reject);
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}

async function wipe() {
  await disconnectDb();
  if (databaseProvider(url()) === "sqlite") {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(sqliteFilePath(url()) + suffix, { force: true });
  } else {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    await client.query('DROP SCHEMA "public" CASCADE; CREATE SCHEMA "public"');
    await client.end();
  }
}

describe("npm run db:backup and db:restore", () => {
  it("backs up while the app writes, and restores it whole after a wipe: equal row counts, audit chain intact", async () => {
    // Writes go on during the backup: the backup must hold a consistent instant, whatever it is.
    let writing = true;
    const writer = (async () => {
      let n = 0;
      while (writing && n < 200) {
        await createDraft(c.itb, { ...completeProposal(), titleEn: `Written during the backup ${n++}` });
      }
      return n;
    })();
    const backup = await script("db-backup", file);
    writing = false;
    const written = await writer;
    expect(backup.status, backup.stderr).toBe(0);
    expect(written).toBeGreaterThan(0);
    const manifest = readManifest(file);
    expect(manifest.tables.Initiative).toBeGreaterThan(90);
    expect(manifest.tables.AuditEvent).toBeGreaterThan(700);

    const refused = await script("db-restore", file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/not empty.*--force/);
    expect(await db.initiative.count()).toBeGreaterThanOrEqual(manifest.tables.Initiative!);

    await wipe();
    const restored = await script("db-restore", file);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/as in the backup; audit chain intact/);
    expect(await db.initiative.count()).toBe(manifest.tables.Initiative);
    expect(await db.auditEvent.count()).toBe(manifest.tables.AuditEvent);
    const verify = await script("audit-verify");
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(new RegExp(`Audit chain intact: ${manifest.tables.AuditEvent} entries`));
  });

  it("restores over a non-empty database only with --force", async () => {
    const forced = await script("db-restore", file, "--force");
    expect(forced.status, forced.stderr).toBe(0);
    await disconnectDb();
    expect(await db.initiative.count()).toBe(readManifest(file).tables.Initiative);
  });
});

// `npm start` on an empty SQLite database: the demo database is built in a file of its own and moved into
// place only when finished, and a copy is kept so that the next empty database with the same sources and
// environment is copied instead of built. The real `scripts/db-setup.ts`, run as `npm start` runs it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  demoDatabaseKey,
  keepDemoDatabase,
  putInPlace,
  restoreDemoDatabase,
} from "../../scripts/demo-database-copy.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "demo-database-copy-"));

/** Runs `scripts/db-setup.ts` on `file` with these variables; its exit code and output. */
function dbSetup(file: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-setup.ts"], {
    env: { ...process.env, DATABASE_URL: `file:${file}`, ...env },
    encoding: "utf8",
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** What a database holds that the demo build writes: initiatives, and the audit chain's last link. */
function contents(file: string) {
  const sqlite = new Database(file, { readonly: true });
  try {
    return {
      initiatives: sqlite.prepare('SELECT count(*) AS n FROM "Initiative"').get(),
      lastAudit: sqlite.prepare('SELECT "seq", "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1').get(),
    };
  } finally {
    sqlite.close();
  }
}

describe("the key of a kept demo database", () => {
  const root = path.join(dir, "project");
  mkdirSync(path.join(root, "app", "generated"), { recursive: true });
  mkdirSync(path.join(root, "prisma", "migrations"), { recursive: true });
  writeFileSync(path.join(root, "app", "service.ts"), "export const rule = 1;");
  writeFileSync(path.join(root, "prisma", "migrations", "one.sql"), "CREATE TABLE t (id INTEGER);");
  const env = { BUSINESS_CASE_THRESHOLD: "10000000", SESSION_SECRET: "s" };
  const before = demoDatabaseKey(env, root);

  it("is the same for the same sources and settings, whatever npm or the shell add", () => {
    expect(demoDatabaseKey({ ...env }, root)).toBe(before);
    const npm = { NODE: "/usr/bin/node", INIT_CWD: root, COLOR: "1", PATH: "/x", DATABASE_URL: "file:other.db" };
    expect(demoDatabaseKey({ ...env, ...npm, npm_lifecycle_event: "start" }, root)).toBe(before);
  });

  it("changes with a setting the seed may read, a source file, or a new migration", () => {
    expect(demoDatabaseKey({ ...env, BUSINESS_CASE_THRESHOLD: "5000000" }, root)).not.toBe(before);
    expect(demoDatabaseKey({ ...env, SMTP_URL: "smtp://mail" }, root)).not.toBe(before);
    writeFileSync(path.join(root, "app", "service.ts"), "export const rule = 2;");
    const edited = demoDatabaseKey(env, root);
    expect(edited).not.toBe(before);
    writeFileSync(path.join(root, "prisma", "migrations", "two.sql"), "ALTER TABLE t ADD c TEXT;");
    expect(demoDatabaseKey(env, root)).not.toBe(edited);
  });

  it("ignores the generated client (made from the schema and the locked Prisma, both in the key)", () => {
    const now = demoDatabaseKey(env, root);
    writeFileSync(path.join(root, "app", "generated", "client.ts"), "// regenerated");
    expect(demoDatabaseKey(env, root)).toBe(now);
  });
});

describe("moving and keeping database files", () => {
  function walDatabase(file: string): void {
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("wal_autocheckpoint = 0");
    sqlite.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('written')");
    sqlite.close();
  }

  it("puts a finished file in place with everything in its main file, and never over an existing one", () => {
    const built = path.join(dir, "built.db");
    walDatabase(built);
    const target = path.join(dir, "target.db");
    putInPlace(built, target);
    expect(existsSync(built)).toBe(false);
    expect(existsSync(`${target}-wal`)).toBe(false);
    const sqlite = new Database(target, { readonly: true });
    expect(sqlite.prepare("SELECT v FROM t").get()).toEqual({ v: "written" });
    sqlite.close();

    const other = path.join(dir, "other.db");
    walDatabase(other);
    expect(() => putInPlace(other, target)).toThrow(/EEXIST/);
    expect(existsSync(other)).toBe(false);
  });

  it("restores only the copy kept under the same key, and keeps one copy at a time", () => {
    const folder = path.join(dir, "kept");
    const built = path.join(dir, "to-keep.db");
    walDatabase(built);
    putInPlace(built, path.join(dir, "kept-source.db"));
    keepDemoDatabase(folder, "aaa", path.join(dir, "kept-source.db"));
    keepDemoDatabase(folder, "bbb", path.join(dir, "kept-source.db"));
    expect(readdirSync(folder)).toEqual(["demo-bbb.db"]);

    expect(restoreDemoDatabase(folder, "aaa", path.join(dir, "restored-a.db"))).toBe(false);
    expect(existsSync(path.join(dir, "restored-a.db"))).toBe(false);
    expect(restoreDemoDatabase(folder, "bbb", path.join(dir, "restored-b.db"))).toBe(true);
    const sqlite = new Database(path.join(dir, "restored-b.db"), { readonly: true });
    expect(sqlite.prepare("SELECT v FROM t").get()).toEqual({ v: "written" });
    sqlite.close();
  });
});

describe("db:setup on an empty SQLite database", () => {
  const cache = path.join(dir, "cache");

  it("builds the demo database once, then copies it: the same initiatives and audit chain", () => {
    const first = path.join(dir, "first.db");
    const built = dbSetup(first, { DEMO_DATABASE_CACHE: cache, DEMO_DATA: "true" });
    expect(built.status, built.output).toBe(0);
    expect(built.output).toMatch(/Demo portfolio: \d+ initiatives built/);
    expect(readdirSync(dir).filter((name) => name.includes(".building-"))).toEqual([]);
    expect(readdirSync(cache)).toHaveLength(1);

    const second = path.join(dir, "second.db");
    const copied = dbSetup(second, { DEMO_DATABASE_CACHE: cache, DEMO_DATA: "true" });
    expect(copied.status, copied.output).toBe(0);
    expect(copied.output).toMatch(/Demo database copied from the one built before/);
    expect(copied.output).not.toMatch(/initiatives built/);
    const firstContents = contents(first);
    expect((firstContents.initiatives as { n: number }).n).toBeGreaterThan(50);
    expect(contents(second)).toEqual(firstContents);
  });

  it("leaves no database behind when the build is stopped half-way, and the next start builds it whole", async () => {
    const file = path.join(dir, "stopped.db");
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/db-setup.ts"], {
      env: { ...process.env, DATABASE_URL: `file:${file}`, DEMO_DATABASE_CACHE: "off", DEMO_DATA: "true" },
      stdio: "ignore",
    });
    // Stopped once the demo portfolio is being written (the seed prints the accounts first).
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        const building = readdirSync(dir).find(
          (name) => name.startsWith("stopped.db.building-") && name.endsWith("-wal"),
        );
        if (building) {
          clearInterval(check);
          resolve();
        }
      }, 50);
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("exit", resolve));
    expect(existsSync(file)).toBe(false);

    const again = dbSetup(file, {
      DEMO_DATABASE_CACHE: "off",
      DEMO_DATA: "false",
      ADMIN_PASSWORD: "a-long-password-1",
    });
    expect(again.status, again.output).toBe(0);
    expect(readdirSync(dir).filter((name) => name.startsWith("stopped.db.building-"))).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });
});

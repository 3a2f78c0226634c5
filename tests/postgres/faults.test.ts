// PostgreSQL's nameable faults, raised by the server itself: each answers 503 with Retry-After on the API and
// the pages, writes nothing, and clears without a restart; /readyz shows a missing migration, a read-only
// database and an unreachable server. The faults come from the real server: an error a trigger raises with
// the fault's SQLSTATE (disk full cannot be staged on a shared test server), a database switched to
// read-only, and a connection the server ends while a request waits on it.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { action as initiativeAction } from "~/routes/initiatives.$ref._index/route.tsx";
import { loader as readyz } from "~/routes/readyz.ts";
import { databaseName } from "~/utils/database-url.ts";
import { createDb, db } from "~/utils/db.server.ts";
import { classifyDbError, dbFaultHttpError } from "~/utils/db/db-errors.server.ts";
import { withDbFaultResponses } from "~/utils/db/fault-responses.server.ts";
import { runWriteProbe, stopWriteProbe } from "~/utils/readiness.server.ts";
import { call, tokenFor } from "../api/client.ts";
import { args, login, post, run } from "../helpers/http.ts";
import { demoAccounts, itbDraft } from "../reliability/fixtures.ts";

let token: string;
let ref: string;

beforeAll(async () => {
  await demoAccounts();
  token = await tokenFor("officer.itb@demo.gov.hk");
  ref = await itbDraft();
});
afterAll(() => stopWriteProbe());

/**
 * Runs statements on this file's database over a connection of its own (not the app's pool), which writes
 * even while the database is switched to read-only.
 */
async function onDatabase<T = unknown>(...statements: string[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("SET default_transaction_read_only = off");
    let rows: T[] = [];
    for (const sql of statements) rows = (await client.query(sql)).rows as T[];
    return rows;
  } finally {
    await client.end();
  }
}

/** Ends the app's own connections to this database (the pool opens new ones on the next query). */
const endAppConnections = () =>
  onDatabase(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );

/** Makes every insert into `table` fail with the SQLSTATE `code`, as the server would report the fault. */
const failInserts = (table: string, code: string) =>
  onDatabase(
    `CREATE OR REPLACE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'injected fault' USING ERRCODE = TG_ARGV[0]; END $$`,
    `CREATE OR REPLACE TRIGGER test_fault BEFORE INSERT OR UPDATE ON "${table}"
       FOR EACH ROW EXECUTE FUNCTION test_fault('${code}')`,
  );
const clearFault = (table: string) => onDatabase(`DROP TRIGGER IF EXISTS test_fault ON "${table}"`);

const commentCount = () => db.comment.count();
const apiComment = (body = "Checked after the fault.") =>
  call("POST", `/api/v1/initiatives/${ref}/comments`, { token, json: { body } });
const pageAction = withDbFaultResponses(initiativeAction);
async function pageComment() {
  const session = await login("officer.itb@demo.gov.hk");
  return run(() =>
    pageAction(
      args(post(`/initiatives/${ref}`, { intent: "comment", body: "From the page" }, session), { ref }) as never,
    ),
  );
}

async function readyStatus() {
  const res = await readyz();
  return {
    status: res.status,
    retryAfter: res.headers.get("Retry-After"),
    body: (await res.json()) as { status: string; checks: Record<string, { ok: boolean; detail?: string }> },
  };
}

describe("a nameable PostgreSQL fault answers 503 with Retry-After and writes nothing", () => {
  afterEach(() => clearFault("Comment"));

  it.each([
    ["53100", "disk_full", "full", "60", /storage is full/],
    ["25006", "read_only_sql_transaction", "read-only", "60", /read-only/],
    ["53300", "too_many_connections", "busy", "2", /busy/],
    ["40001", "serialization_failure", "busy", "2", /busy/],
    ["40P01", "deadlock_detected", "busy", "2", /busy/],
    ["57P01", "admin_shutdown", "unavailable", "10", /unavailable/],
    ["57P03", "cannot_connect_now", "unavailable", "10", /unavailable/],
  ])("%s (%s): %s, Retry-After %s", async (code, _name, kind, retryAfter, message) => {
    const before = await commentCount();
    await failInserts("Comment", code);
    const res = await apiComment();
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe(retryAfter);
    expect(res.body.error.message).toMatch(message);
    const page = await pageComment();
    expect(page.status).toBe(503);
    expect(await page.text()).toBe(kind);
    expect(page.headers.get("Retry-After")).toBe(retryAfter);
    expect(await commentCount()).toBe(before);

    await clearFault("Comment");
    expect((await apiComment()).status).toBe(201);
    expect(await commentCount()).toBe(before + 1);
  });

  it("a connection the server ends while the request waits on it (57P01, then a closed socket): 503, and the next request gets a new connection", async () => {
    const before = await commentCount();
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query(`BEGIN; LOCK TABLE "Comment" IN ACCESS EXCLUSIVE MODE`);
      const pending = apiComment();
      let waiting: { pid: number }[] = [];
      for (let i = 0; i < 200 && waiting.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 25));
        waiting = await onDatabase<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
      }
      expect(waiting).toHaveLength(1);
      await onDatabase(`SELECT pg_terminate_backend(${Number(waiting[0]!.pid)})`);
      const res = await pending;
      expect(res.status).toBe(503);
      expect(res.headers.get("Retry-After")).toBe("10");
      await blocker.query("ROLLBACK");
    } finally {
      await blocker.end();
    }
    expect(await commentCount()).toBe(before);
    expect((await apiComment()).status).toBe(201);
  });

  it("a database switched to read-only (default_transaction_read_only): writes 503, reads go on, /readyz unready until it clears", async () => {
    const name = databaseName(process.env.DATABASE_URL!);
    await onDatabase(`ALTER DATABASE "${name}" SET default_transaction_read_only = on`);
    try {
      await endAppConnections();
      const res = await apiComment();
      expect(res.status).toBe(503);
      expect(res.headers.get("Retry-After")).toBe("60");
      expect((await call("GET", `/api/v1/initiatives/${ref}`, { token })).status).toBe(200);
      const ready = await readyStatus();
      expect(ready.status).toBe(503);
      expect(ready.body.checks.writes).toEqual({ ok: false, detail: "database read-only" });
    } finally {
      await onDatabase(`ALTER DATABASE "${name}" RESET default_transaction_read_only`);
    }
    await endAppConnections();
    // Once it clears, writes come back without a restart; a pooled connection opened while the database was
    // still read-only may answer one more 503 (nothing written) before the pool replaces it.
    await expect.poll(async () => (await apiComment()).status, { timeout: 15_000, interval: 500 }).toBe(201);
    await expect.poll(async () => (await readyStatus()).status, { timeout: 15_000, interval: 500 }).toBe(200);
  });

  it("an unreachable server (connection refused) is 'unavailable': 503 with Retry-After", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.port = "1"; // nothing listens there
    const nowhere = createDb(url.toString());
    try {
      const error = await nowhere.$queryRawUnsafe("SELECT 1").then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).not.toBeNull();
      expect(classifyDbError(error)).toBe("unavailable");
      const http = dbFaultHttpError(error);
      expect(http?.status).toBe(503);
      expect(new Headers(http?.headers).get("Retry-After")).toBe("10");
    } finally {
      await nowhere.$disconnect();
    }
  });
});

describe("/readyz on PostgreSQL", () => {
  it("is ready when the database answers, every PostgreSQL migration is applied and a write commits", async () => {
    const ready = await readyStatus();
    expect(ready).toMatchObject({ status: 200, retryAfter: null, body: { status: "ready" } });
    expect(ready.body.checks).toEqual({ database: { ok: true }, migrations: { ok: true }, writes: { ok: true } });
  });

  it("is unready (503, Retry-After) while a migration is not applied, and ready again once it is", async () => {
    const [latest] = await onDatabase<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`,
    );
    const name = latest!.migration_name.replace(/'/g, "''");
    await onDatabase(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${name}'`);
    try {
      const ready = await readyStatus();
      expect(ready.status).toBe(503);
      expect(ready.retryAfter).toBe("10");
      expect(ready.body.checks.migrations).toEqual({ ok: false, detail: "1 migration(s) not applied" });
    } finally {
      await onDatabase(`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = '${name}'`);
    }
    expect((await readyStatus()).status).toBe(200);
  });

  it("is unready while the write probe fails (disk full), and ready again once it commits", async () => {
    await failInserts("ReadinessProbe", "53100");
    try {
      // Readiness reuses a recent successful probe (a load balancer asks often); probe now, as the timer would.
      expect(await runWriteProbe()).toEqual({ ok: false, detail: "database full" });
      const ready = await readyStatus();
      expect(ready.status).toBe(503);
      expect(ready.body.checks.writes).toEqual({ ok: false, detail: "database full" });
      expect(ready.body.checks.database).toEqual({ ok: true });
    } finally {
      await clearFault("ReadinessProbe");
    }
    expect((await readyStatus()).status).toBe(200);
  });
});

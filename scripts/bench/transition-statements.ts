// SQL statements per transition: sends the write benchmark's review loop (SUBMIT, REQUEST_CHANGES,
// RESUBMIT) and an approval through the real API route, on a fresh SQLite database with the
// demo accounts, and prints how many statements each request ran (Prisma's query events): up to the
// transition's commit (authentication, settings, the transaction) and after it (the answer). Then the
// floor under Prisma: each transition's statements up to its commit, replayed straight through
// better-sqlite3 (prepared, same SQL and arguments) on a copy of the database as it was before that
// transition, inside a transaction rolled back each time, and one commit's own cost (synchronous=FULL).
// Run: node --import tsx scripts/bench/transition-statements.ts
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrate } from "../db-setup.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "bench-statements-"));
const url = `file:${path.join(dir, "bench.db")}`;
process.env.DATABASE_URL = url;
migrate(url);

const { PrismaClient } = await import("../../app/generated/prisma/client.ts");
const { SafeSqliteAdapterFactory } = await import("../../app/utils/db/sqlite-adapter.server.ts");
const { sqliteFilePath } = await import("../../app/utils/database-url.ts");
// The app's client for this URL, opened here with query events on, so that every statement is counted.
const client = new PrismaClient({
  adapter: new SafeSqliteAdapterFactory(sqliteFilePath(url), { busyTimeoutMs: 5000 }),
  log: [{ emit: "event", level: "query" }],
});
((globalThis as { __dbClients?: Map<string, unknown> }).__dbClients ??= new Map()).set(url, client);
const statements: { query: string; params: string }[] = [];
client.$on("query", (e: { query: string; params: string }) => statements.push(e));

const { seed } = await import("../../prisma/seed/index.ts");
const { issueToken } = await import("../../app/api/tokens.server.ts");
const events = await import("../../app/routes/api.v1.initiatives.$ref.events.ts");
const drafts = await import("../../app/routes/api.v1.initiatives._index.ts");

await seed({ demoData: true, portfolio: false });
const users = await client.user.findMany({ select: { id: true, email: true } });
const tokenOf = async (email: string) => (await issueToken(users.find((u) => u.email === email)!.id)).token;
const officer = await tokenOf("officer.itb@demo.gov.hk");
const reviewer = await tokenOf("reviewer.dg@demo.gov.hk");

async function post(
  module: { action: (a: never) => Promise<Response> },
  params: Record<string, string>,
  pathname: string,
  token: string,
  body: unknown,
) {
  const request = new Request(`http://localhost${pathname}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const res = await module.action({ request, params, context: {} } as never);
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${pathname} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

const { proposal } = await import("./writes.ts");
const created = await post(drafts, {}, "/api/v1/initiatives", officer, proposal(0));
const ref = String(created.ref);
let version = Number(created.version);

const steps: [string, string, Record<string, unknown>][] = [
  ["SUBMIT", officer, {}],
  ["REQUEST_CHANGES", reviewer, { reasonCode: "OTHER", reason: "More detail, please." }],
  ["RESUBMIT", officer, {}],
  ["REQUEST_CHANGES", reviewer, { reasonCode: "OTHER", reason: "Still more." }],
  ["RESUBMIT", officer, {}],
  ["APPROVE", reviewer, {}],
];
console.log("event             total  to commit  after  ms (through the route, in process)");
const replays: { type: string; before: string; statements: typeof statements }[] = [];
for (const [type, token, payload] of steps) {
  const before = path.join(dir, `before-${replays.length}.db`);
  await client.$executeRawUnsafe(`VACUUM INTO '${before}'`);
  statements.length = 0;
  const started = performance.now();
  const answer = await post(events, { ref }, `/api/v1/initiatives/${ref}/events`, token, {
    type,
    expectedVersion: version,
    ...payload,
  });
  const ms = performance.now() - started;
  version = Number(answer.version);
  const upTo = statements.map((s) => /COMMIT/.test(s.query)).lastIndexOf(true) + 1;
  replays.push({ type, before, statements: statements.slice(0, upTo) });
  console.log(
    `${type.padEnd(17)} ${String(statements.length).padStart(5)}  ${String(upTo).padStart(9)}  ${String(statements.length - upTo).padStart(5)}  ${ms.toFixed(1).padStart(6)}`,
  );
  if (process.env.VERBOSE) for (const s of statements.slice(upTo)) console.log(`    ${s.query.slice(0, 400)}`);
}
await client.$disconnect();
printFloor(replays);
rmSync(dir, { recursive: true, force: true });

/** A logged argument as the driver binds it (SQLite has no booleans). */
function bindable(value: unknown): unknown {
  return typeof value === "boolean" ? Number(value) : value;
}

/** Each transition's statements (to its commit) straight through the driver, and a commit's own cost. */
function printFloor(runs: typeof replays) {
  const REPEAT = 300;
  console.log("\nThe same statements without Prisma (better-sqlite3, prepared; rolled back, so no commit):");
  console.log("event             statements  ms a transition");
  for (const { type, before, statements: run } of runs) {
    const conn = new Database(before);
    const prepared = run
      .filter((s) => !/^(BEGIN|COMMIT|ROLLBACK|--)/.test(s.query.trim()))
      .map((s) => ({
        sql: s.query,
        stmt: conn.prepare(s.query),
        args: (JSON.parse(s.params || "[]") as unknown[]).map(bindable),
        answers: /^\s*(SELECT|WITH)|\bRETURNING\b/i.test(s.query),
      }));
    const spent = prepared.map(() => 0);
    const once = () => {
      conn.exec("BEGIN IMMEDIATE");
      for (const [i, { stmt, args, answers }] of prepared.entries()) {
        const t = performance.now();
        if (answers) stmt.all(...args);
        else stmt.run(...args);
        spent[i]! += performance.now() - t;
      }
      conn.exec("ROLLBACK");
    };
    once();
    const started = performance.now();
    for (let i = 0; i < REPEAT; i++) once();
    const ms = (performance.now() - started) / REPEAT;
    console.log(`${type.padEnd(17)} ${String(prepared.length).padStart(10)}  ${ms.toFixed(3).padStart(15)}`);
    if (process.env.VERBOSE) {
      for (const [i, { sql }] of prepared.entries()) {
        console.log(`   ${(spent[i]! / (REPEAT + 1)).toFixed(3)} ms  ${sql.slice(0, 110)}`);
      }
    }
    conn.close();
  }
  const conn = new Database(path.join(dir, "commit.db"));
  conn.pragma("journal_mode = WAL");
  conn.pragma("synchronous = FULL");
  conn.exec("CREATE TABLE t (x INTEGER)");
  const insert = conn.prepare("INSERT INTO t VALUES (?)");
  const started = performance.now();
  for (let i = 0; i < REPEAT; i++) insert.run(i);
  const commit = (performance.now() - started) / REPEAT;
  console.log(`One commit of one row (WAL, synchronous=FULL, fsync): ${commit.toFixed(3)} ms`);
  conn.close();
}

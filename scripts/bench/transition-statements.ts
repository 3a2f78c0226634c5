// SQL statements per transition: sends the write benchmark's review loop (SUBMIT, REQUEST_CHANGES,
// RESUBMIT) and an approval through the real API route, on a fresh SQLite database with the
// demo accounts, and prints how many statements each request ran (Prisma's query events): up to the
// transition's commit (authentication, settings, the transaction) and after it (the answer).
// Run: node --import tsx scripts/bench/transition-statements.ts
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
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
const statements: string[] = [];
client.$on("query", (e: { query: string }) => statements.push(e.query));

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
console.log("event             total  to commit  after");
for (const [type, token, payload] of steps) {
  statements.length = 0;
  const answer = await post(events, { ref }, `/api/v1/initiatives/${ref}/events`, token, {
    type,
    expectedVersion: version,
    ...payload,
  });
  version = Number(answer.version);
  const upTo = statements.map((s) => /COMMIT/.test(s)).lastIndexOf(true) + 1;
  console.log(
    `${type.padEnd(17)} ${String(statements.length).padStart(5)}  ${String(upTo).padStart(9)}  ${String(statements.length - upTo).padStart(5)}`,
  );
  if (process.env.VERBOSE) for (const s of statements.slice(upTo)) console.log(`    ${s.slice(0, 400)}`);
}
await client.$disconnect();
rmSync(dir, { recursive: true, force: true });

// The dashboard benchmark on PostgreSQL (`npm run bench:dashboard -- --db postgres`): the SQLite database
// that the benchmark builds is copied into a fresh PostgreSQL database (migrated with the app's own
// migrations, loaded with COPY, then ANALYZE, as autovacuum would), and the aggregates are timed as plain
// SQL through `pg` — the same statements as on SQLite, with PostgreSQL's placeholders.
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import Database from "better-sqlite3";
import pg from "pg";
import {
  deliveryHealthSql,
  durationCountsSql,
  durationWalksSql,
  fundingSql,
  pendingSql,
  percentilesOf,
  REVIEW_TIMES,
  signoffDecisionsSql,
  STAGE_STAYS,
  type CountRow,
  type DurationSource,
  type Scope,
  type WalkRow,
} from "../app/dashboard/dashboard-sql.server.ts";
import { overdueBefore, OLDEST_PENDING_LIMIT, RED_LIST_LIMIT } from "../app/dashboard/dashboard.queries.server.ts";
import type { Prisma } from "../app/generated/prisma/client.ts";
import { databaseName, withDatabase } from "../app/utils/database-url.ts";
import { DIVISIONS } from "../app/lifecycle/divisions.ts";
import { STAGES } from "../app/lifecycle/initiative.machine.ts";
import { migrate } from "./db-setup.ts";
import { AGGREGATES, type Timings } from "./bench-dashboard-plain.ts";

// Timestamps are stored without a time zone, in UTC: bind Dates as UTC whatever the machine's zone.
pg.defaults.parseInputDatesAsUTC = true;

/** The server the benchmark database is made on: BENCH_POSTGRES_URL, else TEST_POSTGRES_URL's default. */
export const BENCH_SERVER =
  process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return `"${String(value).replace(/"/g, '""')}"`;
}

/**
 * A fresh PostgreSQL database holding the rows of the SQLite benchmark database at `sqliteFile`; returns its
 * URL. Booleans (0/1), ISO timestamps and NULLs go through COPY's CSV as they are.
 */
export async function copyToPostgres(sqliteFile: string): Promise<{ url: string; seconds: number }> {
  const started = performance.now();
  const name = `bench_dashboard_${process.pid}_${Date.now()}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = withDatabase(BENCH_SERVER, name);
  migrate(url);
  const source = new Database(sqliteFile, { readonly: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-copy-"));
  try {
    const tables = (
      source
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    for (const table of tables) {
      const columns = (source.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
      const file = path.join(dir, `${table}.csv`);
      const out = createWriteStream(file);
      for (const row of source.prepare(`SELECT * FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) {
        if (!out.write(`${row.map(csvField).join(",")}\n`))
          await new Promise<void>((r) => out.once("drain", () => r()));
      }
      out.end();
      await finished(out);
      const list = columns.map((c) => `"${c}"`).join(", ");
      execFileSync(
        "psql",
        [url, "-q", "-v", "ON_ERROR_STOP=1", "-c", `\\copy "${table}" (${list}) FROM '${file}' WITH (FORMAT csv)`],
        {
          stdio: ["ignore", "ignore", "inherit"],
        },
      );
      rmSync(file);
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      `SELECT setval(pg_get_serial_sequence('"AuditEvent"', 'seq'), (SELECT MAX("seq") FROM "AuditEvent"))`,
    );
    await client.query("VACUUM ANALYZE");
    await client.end();
  } finally {
    source.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { url, seconds: (performance.now() - started) / 1000 };
}

/** Drops the benchmark's PostgreSQL database. */
export async function dropPostgres(url: string): Promise<void> {
  await onServer(`DROP DATABASE IF EXISTS "${databaseName(url)}" WITH (FORCE)`);
}

/** The scope condition on alias `i`, hand-written, with PostgreSQL's numbered placeholders. */
function where(scope: Scope): { sql: string; values: unknown[] } {
  const parts = [`i."round" > 0`];
  const values: unknown[] = [];
  const add = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    values.push(value);
    parts.push(`i."${column}" = $${values.length}`);
  };
  add("bureauCode", scope.bureau);
  add("leadDivision", scope.division);
  add("category", scope.category);
  add("financialYear", scope.fy);
  return { sql: parts.join(" AND "), values };
}

/** The dashboard's aggregates through `pg`, as `plainDashboard` runs them through better-sqlite3. */
export async function plainDashboardPostgres(client: pg.Client, filters: Scope, today: string, timings?: Timings) {
  const w = where(filters);
  let step = 0;
  const timed = async <T>(fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await fn();
    const name = AGGREGATES[step++]!;
    if (timings) timings.set(name, [...(timings.get(name) ?? []), performance.now() - t0]);
    return out;
  };
  const all = (sql: string, values: unknown[] = []) =>
    timed(async () => (await client.query(sql, values)).rows as Record<string, unknown>[]);
  const run = async (q: Prisma.Sql) => (await client.query(q.text, q.values)).rows as Record<string, unknown>[];
  const raw = (q: Prisma.Sql) => timed(() => run(q));
  const percentiles = (source: DurationSource, groups: readonly string[]) =>
    timed(async () => {
      const counts = (await run(durationCountsSql(source, groups, filters))) as CountRow[];
      const walks = durationWalksSql(source, counts, filters);
      return percentilesOf(counts, walks ? ((await run(walks)) as WalkRow[]) : []);
    });

  const settings = await all(`SELECT "key", "value" FROM "Setting"`);
  const sla = Number(settings.find((s) => s.key === "REVIEW_SLA_DAYS")?.value ?? 10);
  const redBefore = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  const groups = await all(
    `SELECT i."financialYear" AS fy, i."bureauCode" AS bureau, i."stage" AS stage, COUNT(*) AS n, COUNT(i."realisedAnnualSavings") AS reported,
       SUM(i."nonRecurrentCost"), SUM(i."fundedAmount"), SUM(i."expectedAnnualSavings"), SUM(i."realisedAnnualSavings"),
       SUM(i."expectedStaffHoursSaved"), SUM(i."realisedStaffHoursSaved")
     FROM "Initiative" i WHERE ${w.sql} GROUP BY i."financialYear", i."bureauCode", i."stage"`,
    w.values,
  );
  const codes = [...new Set(groups.map((r) => r.bureau as string))];
  await all(`SELECT "code", "nameEn", "nameZh" FROM "Bureau" WHERE "code" = ANY($1)`, [codes]);
  await raw(fundingSql(filters));
  await raw(signoffDecisionsSql(filters));
  await all(
    `SELECT i."ref", i."titleEn", i."titleZh", i."bureauCode", i."pendingSignoffs", i."stageEnteredAt", i."round" FROM "Initiative" i
     WHERE ${w.sql} AND i."stage" = 'efficiencyReview' AND i."pendingSignoffs" <> '' ORDER BY i."stageEnteredAt", i."ref" LIMIT ${OLDEST_PENDING_LIMIT}`,
    w.values,
  );
  await raw(pendingSql(filters, overdueBefore(today, sla)));
  const reviewTimes = await percentiles(REVIEW_TIMES, DIVISIONS);
  const cycleTimes = await percentiles(STAGE_STAYS, STAGES);
  await raw(deliveryHealthSql(filters, today, redBefore, RED_LIST_LIMIT));

  const byStage: Record<string, number> = {};
  for (const r of groups) byStage[r.stage as string] = (byStage[r.stage as string] ?? 0) + Number(r.n);
  return { byStage, reviewTimes, cycleTimes };
}

// The dashboard's aggregates as plain SQL through the database's own driver (better-sqlite3, or pg on
// PostgreSQL): the floor the benchmark compares the loader with. The statements Prisma's query API builds
// for the loader (groupBy, findMany) are written here by hand; the raw ones are the loader's own builders,
// run without Prisma.
import type { Database } from "better-sqlite3";
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
} from "../../app/dashboard/dashboard-sql.server.ts";
import { overdueBefore, OLDEST_PENDING_LIMIT, RED_LIST_LIMIT } from "../../app/dashboard/dashboard.queries.server.ts";
import type { Prisma } from "../../app/generated/prisma/client.ts";
import { DIVISIONS } from "../../app/lifecycle/divisions.ts";
import { STAGES } from "../../app/lifecycle/initiative.machine.ts";

/** Parameters as the Prisma adapter binds them (Date as the ISO text it stores). */
function bind(values: unknown[]): unknown[] {
  return values.map((v) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v));
}

type Rows = Record<string, unknown>[];

/** Runs statements on one database: hand-written SQL with `?` placeholders, and the loader's builders. */
export type PlainSql = {
  all(sql: string, values: unknown[]): Promise<Rows>;
  raw(query: Prisma.Sql): Promise<Rows>;
};

/** Plain SQL through better-sqlite3. */
export function sqlitePlainSql(db: Database): PlainSql {
  return {
    all: async (sql, values) => db.prepare(sql).all(...values) as Rows,
    raw: async (q) => db.prepare(q.sql).all(...bind(q.values)) as Rows,
  };
}

/** The scope condition on alias `i`, hand-written. */
function where(scope: Scope): { sql: string; values: unknown[] } {
  const parts = [`i."round" > 0`];
  const values: unknown[] = [];
  if (scope.bureau) {
    parts.push(`i."bureauCode" = ?`);
    values.push(scope.bureau);
  }
  if (scope.division) {
    parts.push(`i."leadDivision" = ?`);
    values.push(scope.division);
  }
  if (scope.category) {
    parts.push(`i."category" = ?`);
    values.push(scope.category);
  }
  if (scope.fy) {
    parts.push(`i."financialYear" = ?`);
    values.push(scope.fy);
  }
  return { sql: parts.join(" AND "), values };
}

/** The aggregates, in the order they run, for the time-per-aggregate table. */
export const AGGREGATES = [
  "settings",
  "stages, B/Ds, benefits",
  "B/D names",
  "funding",
  "sign-offs",
  "oldest pending",
  "pending",
  "review times",
  "cycle times",
  "delivery health",
] as const;
export type Timings = Map<string, number[]>;

/**
 * Runs every aggregate of the dashboard for a leadership caller; returns what the equality check needs.
 * With `timings`, adds each aggregate's duration (ms) under its name.
 */
export async function plainDashboard(db: PlainSql, filters: Scope, today: string, timings?: Timings) {
  const w = where(filters);
  let step = 0;
  const timed = async <T>(fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await fn();
    const name = AGGREGATES[step++]!;
    if (timings) timings.set(name, [...(timings.get(name) ?? []), performance.now() - t0]);
    return out;
  };
  const all = (sql: string, ...values: unknown[]) => timed(() => db.all(sql, values));
  const raw = (q: Prisma.Sql) => timed(() => db.raw(q));
  // A percentile aggregate is two statements (counts, then index walks); timed together, as one aggregate.
  const percentiles = (source: DurationSource, groups: readonly string[]) =>
    timed(async () => {
      const counts = (await db.raw(durationCountsSql(source, groups, filters))) as CountRow[];
      const walks = durationWalksSql(source, counts, filters);
      return percentilesOf(counts, walks ? ((await db.raw(walks)) as WalkRow[]) : []);
    });

  const settings = await all(`SELECT "key", "value" FROM "Setting"`);
  const sla = Number(settings.find((s) => s.key === "REVIEW_SLA_DAYS")?.value ?? 10);
  const redBefore = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);

  const groups = await all(
    `SELECT i."financialYear" AS fy, i."bureauCode" AS bureau, i."stage" AS stage, COUNT(*) AS n, COUNT(i."realisedAnnualSavings") AS reported,
       SUM(i."nonRecurrentCost"), SUM(i."fundedAmount"), SUM(i."expectedAnnualSavings"), SUM(i."realisedAnnualSavings"),
       SUM(i."expectedStaffHoursSaved"), SUM(i."realisedStaffHoursSaved")
     FROM "Initiative" i WHERE ${w.sql} GROUP BY i."financialYear", i."bureauCode", i."stage"`,
    ...w.values,
  );
  const codes = [...new Set(groups.map((r) => r.bureau as string))];
  await all(
    `SELECT "code", "nameEn", "nameZh" FROM "Bureau" WHERE "code" IN (${["''", ...codes.map(() => "?")].join(",")})`,
    ...codes,
  );
  await raw(fundingSql(filters));
  await raw(signoffDecisionsSql(filters));
  await all(
    `SELECT i."ref", i."titleEn", i."titleZh", i."bureauCode", i."pendingSignoffs", i."stageEnteredAt", i."round" FROM "Initiative" i
     WHERE ${w.sql} AND i."stage" = 'efficiencyReview' AND i."pendingSignoffs" <> '' ORDER BY i."stageEnteredAt", i."ref" LIMIT ${OLDEST_PENDING_LIMIT}`,
    ...w.values,
  );
  await raw(pendingSql(filters, overdueBefore(today, sla)));
  const reviewTimes = await percentiles(REVIEW_TIMES, DIVISIONS);
  const cycleTimes = await percentiles(STAGE_STAYS, STAGES);
  await raw(deliveryHealthSql(filters, today, redBefore, RED_LIST_LIMIT));

  const byStage: Record<string, number> = {};
  for (const r of groups) byStage[r.stage as string] = (byStage[r.stage as string] ?? 0) + Number(r.n);
  return { byStage, reviewTimes, cycleTimes };
}

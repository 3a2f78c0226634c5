/**
 * The dashboard's raw SQL: the aggregates that Prisma's query API cannot express (window functions for
 * cycle and review times, EXISTS for delivery health, conditional sums for pending sign-offs). Each
 * builder returns a parameterised `Prisma.Sql` over plain, indexed columns — never the JSON snapshot or
 * payload — so that the database does the counting and only a few rows come back.
 *
 * Written for SQLite and PostgreSQL alike: double-quoted identifiers, CASE instead of IIF/FILTER,
 * LIKE … ESCAPE, integer division for percentile ranks, and the one thing that differs — days between
 * two timestamps — behind {@link Dialect}. Only SQLite is run today (DATABASE_URL must be `file:`).
 *
 * `scripts/bench-dashboard.ts` runs these same statements through better-sqlite3 to measure the floor.
 */
import { Prisma } from "~/generated/prisma/client.ts";
import { DIVISIONS, type Division } from "~/lifecycle/divisions.ts";

export type Dialect = "sqlite" | "postgresql";

/** The SQL dialect of a database URL: PostgreSQL for `postgres://` / `postgresql://`, else SQLite. */
export function dialectOf(databaseUrl: string): Dialect {
  return /^postgres(ql)?:/i.test(databaseUrl) ? "postgresql" : "sqlite";
}

/** Who and what the figures cover: the caller's scope (a reviewer's division) and the page's filters. */
export type Scope = {
  fy?: string;
  bureau?: string;
  /** Lead division, as the register's `division` filter. */
  division?: Division;
  category?: string;
  /** A reviewer's own division: initiatives it leads or must sign off. */
  reviewerDivision?: Division;
};

/** `%…%` for LIKE with `\` as the escape character, so that `_` in division codes matches only `_`. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The WHERE condition on `"Initiative"` (alias `i`) for a scope: the same rows as the register's
 * `registerWhere` (submitted initiatives, then each filter) plus a reviewer's division.
 */
export function scopeCondition(scope: Scope): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`i."round" > 0`];
  if (scope.bureau) parts.push(Prisma.sql`i."bureauCode" = ${scope.bureau}`);
  if (scope.division) parts.push(Prisma.sql`i."leadDivision" = ${scope.division}`);
  if (scope.category) parts.push(Prisma.sql`i."category" = ${scope.category}`);
  if (scope.fy) parts.push(Prisma.sql`i."financialYear" = ${scope.fy}`);
  if (scope.reviewerDivision) {
    parts.push(
      Prisma.sql`(i."leadDivision" = ${scope.reviewerDivision} OR i."requiredDivisions" LIKE ${likeContains(scope.reviewerDivision)} ESCAPE '\\')`,
    );
  }
  return Prisma.join(parts, " AND ");
}

/** `"initiativeId" IN (the initiatives in scope)`, for a child table's alias. */
function inScope(alias: string, scope: Scope): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`${alias}."initiativeId"`)} IN (SELECT i."id" FROM "Initiative" i WHERE ${scopeCondition(scope)})`;
}

/** A timestamp as a number of days (fractional), so that differences are durations in days. */
function dayNumber(dialect: Dialect, timestamp: string): string {
  return dialect === "postgresql" ? `(EXTRACT(EPOCH FROM ${timestamp}) / 86400.0)` : `julianday(${timestamp})`;
}

/**
 * States whose audit label carries a substate (`delivery.inProgress`, see `stateLabel` in
 * initiatives.server.ts): a change of substate is not a change of stage.
 */
const SUBSTATE_STAGES = ["delivery"] as const;

/** The stage of an audit label such as `delivery.onHold`, as SQL. */
function stageOfLabel(column: string): string {
  const whens = SUBSTATE_STAGES.map((s) => `WHEN ${column} LIKE '${s}.%' THEN '${s}'`).join(" ");
  return `CASE ${whens} ELSE ${column} END`;
}

/** True for an audit entry that changes the stage: a creation, or different labels not both substates of one stage. */
function changesStage(from: string, to: string): string {
  const sameStage = SUBSTATE_STAGES.map((s) => `(${from} LIKE '${s}.%' AND ${to} LIKE '${s}.%')`).join(" OR ");
  // Most entries (comments, edits, approvals that leave others pending, progress) have equal labels,
  // so the cheap inequality is tested first.
  return `(${from} IS NULL OR (${from} <> ${to} AND NOT (${sameStage})))`;
}

/**
 * The rows that percentile interpolation needs, from a CTE `values_` with columns `k` (group) and `v`:
 * for each group its count `n`, and the values at the ranks either side of the median and of the
 * 90th percentile (`PERCENTILE_CONT` semantics: position p·(n−1), linear between neighbours). At most
 * four rows per group leave the database. Ranks use integer division, the same in both dialects.
 */
const PERCENTILE_ROWS = `ranked_ AS (
    SELECT k, v,
      ROW_NUMBER() OVER (PARTITION BY k ORDER BY v) AS rn,
      -- the same window as ROW_NUMBER's, framed to the whole partition: one sort serves both
      COUNT(*) OVER (PARTITION BY k ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS n
    FROM values_
    WHERE v IS NOT NULL
  )
  SELECT k, n, rn, v FROM ranked_
  WHERE rn = (n - 1) / 2 + 1 OR rn = n / 2 + 1
     OR rn = (9 * (n - 1)) / 10 + 1 OR rn = (9 * (n - 1) + 9) / 10 + 1`;

/**
 * Days spent in each stage: every pair of consecutive stage changes of an initiative in its audit
 * log (LEAD over the initiative's entries in `seq` order) is one visit to the stage entered by the
 * first. Visits still open (the current stage) are not counted. Returns percentile rows keyed by stage.
 * Reads only the covering index AuditEvent(initiativeId, seq, fromState, toState, createdAt).
 */
export function cycleTimeSql(dialect: Dialect, scope: Scope): Prisma.Sql {
  return Prisma.sql`WITH changes_ AS (
    SELECT a."initiativeId" AS iid, a."seq" AS seq, ${Prisma.raw(dayNumber(dialect, `a."createdAt"`))} AS d,
      ${Prisma.raw(stageOfLabel(`a."toState"`))} AS stage
    FROM "AuditEvent" a
    WHERE ${inScope("a", scope)}
      AND a."toState" IS NOT NULL
      AND ${Prisma.raw(changesStage(`a."fromState"`, `a."toState"`))}
  ),
  visits_ AS (
    SELECT stage, d, LEAD(d) OVER (PARTITION BY iid ORDER BY seq) AS left_d FROM changes_
  ),
  values_ AS (
    SELECT stage AS k, left_d - d AS v FROM visits_ WHERE left_d IS NOT NULL
  ),
  ${Prisma.raw(PERCENTILE_ROWS)}`;
}

/**
 * Review time per division: days from the start of the round (its submission) to the division's
 * decision, over every sign-off of initiatives in scope (a reviewer: their division's only). Returns
 * percentile rows keyed by division; `n` is the number of decisions.
 */
export function reviewTimeSql(dialect: Dialect, scope: Scope): Prisma.Sql {
  const division = scope.reviewerDivision ? Prisma.sql`AND s."division" = ${scope.reviewerDivision}` : Prisma.empty;
  return Prisma.sql`WITH values_ AS (
    SELECT s."division" AS k,
      ${Prisma.raw(dayNumber(dialect, `s."decidedAt"`))} - ${Prisma.raw(dayNumber(dialect, `r."createdAt"`))} AS v
    FROM "Signoff" s
    -- "+ 0": without statistics SQLite would pick the unique (initiativeId, round) key and read each
    -- round's proposal JSON; this way it reads the covering (initiativeId, round, createdAt) index.
    JOIN "SubmissionRound" r ON r."initiativeId" = s."initiativeId" AND r."round" + 0 = s."round"
    WHERE ${inScope("s", scope)} ${division}
  ),
  ${Prisma.raw(PERCENTILE_ROWS)}`;
}

/**
 * Funding decisions of the initiatives in scope by decision and reason code, with their amounts.
 * Every decision is grouped (the caller picks): a filter on `decision` would tempt SQLite, which has
 * no statistics, to seek each (decision, initiative) pair instead of reading each initiative's rows of
 * the covering (initiativeId, decision, reasonCode, amount) index once. Prisma's relation filter would
 * join every decision to its initiative instead.
 */
export function fundingSql(scope: Scope): Prisma.Sql {
  return Prisma.sql`SELECT f."decision" AS decision, f."reasonCode" AS "reasonCode", COUNT(*) AS n, SUM(f."amount") AS amount
    FROM "FundingDecision" f
    WHERE ${inScope("f", scope)}
    GROUP BY f."decision", f."reasonCode"`;
}

/** Sign-offs of the initiatives in scope by decision and reason code (all decisions; see fundingSql). */
export function signoffDecisionsSql(scope: Scope): Prisma.Sql {
  return Prisma.sql`SELECT s."decision" AS decision, s."reasonCode" AS "reasonCode", COUNT(*) AS n
    FROM "Signoff" s
    WHERE ${inScope("s", scope)}
    GROUP BY s."decision", s."reasonCode"`;
}

/**
 * Pending sign-offs per division (initiatives in efficiency review whose `pendingSignoffs` lists the
 * division), and those waiting since before `overdueBefore` (the review SLA's cut-off instant).
 * One row with columns `p0`, `o0`, `p1`, `o1`, … in {@link DIVISIONS} order.
 */
export function pendingSql(scope: Scope, overdueBefore: Date): Prisma.Sql {
  const columns = DIVISIONS.flatMap((d, n) => {
    const like = likeContains(`,${d},`);
    return [
      Prisma.sql`SUM(CASE WHEN i."pendingSignoffs" LIKE ${like} ESCAPE '\\' THEN 1 ELSE 0 END) AS ${Prisma.raw(`p${n}`)}`,
      Prisma.sql`SUM(CASE WHEN i."pendingSignoffs" LIKE ${like} ESCAPE '\\' AND i."stageEnteredAt" < ${overdueBefore} THEN 1 ELSE 0 END) AS ${Prisma.raw(`o${n}`)}`,
    ];
  });
  return Prisma.sql`SELECT ${Prisma.join(columns, ", ")}
    FROM "Initiative" i
    WHERE ${scopeCondition(scope)} AND i."stage" = 'efficiencyReview'`;
}

/**
 * Initiatives being delivered with their delivery health, as a subquery: the rules of `deliveryHealth()`
 * in delivery-health.ts. `md` and `cd` are the earliest due date of a milestone not done and of a
 * condition not met; red when one of them is before `redBefore` (more than 30 days overdue) or, in
 * delivery, the planned end has passed; amber when one is before `today`; green otherwise. Dates are
 * ISO `YYYY-MM-DD` text, so comparing them as text compares them as dates.
 */
function healthRows(scope: Scope, today: string, redBefore: string): Prisma.Sql {
  return Prisma.sql`SELECT t.*,
      CASE
        WHEN (t.stage = 'delivery' AND t."plannedEnd" < ${today}) OR t.md < ${redBefore} OR t.cd < ${redBefore} THEN 'red'
        WHEN t.md < ${today} OR t.cd < ${today} THEN 'amber'
        ELSE 'green'
      END AS health
    FROM (
      SELECT i."ref" AS ref, i."titleEn" AS "titleEn", i."titleZh" AS "titleZh", i."bureauCode" AS "bureauCode",
        i."stage" AS stage, i."plannedEnd" AS "plannedEnd",
        (SELECT MIN(m."due") FROM "Milestone" m WHERE m."initiativeId" = i."id" AND m."status" <> 'DONE') AS md,
        (SELECT MIN(c."due") FROM "Condition" c WHERE c."initiativeId" = i."id" AND c."status" <> 'met') AS cd
      FROM "Initiative" i
      WHERE ${scopeCondition(scope)} AND i."stage" IN ('delivery', 'benefitsReview')
    ) t`;
}

/**
 * Delivery health in one pass: a row per health with its count (`ref` null), then the red initiatives
 * (earliest planned end first, at most `limit`) with the earliest open due dates of each.
 */
export function deliveryHealthSql(scope: Scope, today: string, redBefore: string, limit: number): Prisma.Sql {
  return Prisma.sql`WITH h_ AS MATERIALIZED (${healthRows(scope, today, redBefore)})
  SELECT health, COUNT(*) AS n, NULL AS ref, NULL AS "titleEn", NULL AS "titleZh", NULL AS "bureauCode", NULL AS stage,
    NULL AS "plannedEnd", NULL AS "milestoneDue", NULL AS "conditionDue"
  FROM h_ GROUP BY health
  UNION ALL
  SELECT * FROM (
    SELECT health, NULL AS n, ref, "titleEn", "titleZh", "bureauCode", stage, "plannedEnd", md AS "milestoneDue", cd AS "conditionDue"
    FROM h_ WHERE health = 'red'
    ORDER BY "plannedEnd", ref
    LIMIT ${limit}
  ) red_`;
}

/** One percentile row as the database returns it (counts may be BigInt). */
export type PercentileRow = { k: string; n: number | bigint; rn: number | bigint; v: number | null };

/** Median and 90th percentile per group from {@link percentileRowsSql}'s rows, rounded to 0.1. */
export function percentilesOf(rows: PercentileRow[]): Map<string, { median: number; p90: number; count: number }> {
  const groups = new Map<string, { n: number; at: Map<number, number> }>();
  for (const row of rows) {
    const g = groups.get(row.k) ?? { n: Number(row.n), at: new Map<number, number>() };
    g.at.set(Number(row.rn), Number(row.v));
    groups.set(row.k, g);
  }
  const out = new Map<string, { median: number; p90: number; count: number }>();
  for (const [k, { n, at }] of groups) {
    // Position p·(n−1) as a whole part and tenths: p = 0.5 → (n−1)/2, p = 0.9 → 9(n−1)/10.
    const pick = (num: number, den: number) => {
      const lo = Math.floor((num * (n - 1)) / den);
      const frac = ((num * (n - 1)) % den) / den;
      const a = at.get(lo + 1)!;
      const b = at.get(Math.ceil((num * (n - 1)) / den) + 1)!;
      return round1(a + frac * (b - a));
    };
    out.set(k, { median: pick(1, 2), p90: pick(9, 10), count: n });
  }
  return out;
}

/** Rounded to one decimal place. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

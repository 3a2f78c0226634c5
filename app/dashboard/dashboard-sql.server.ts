/**
 * The dashboard's raw SQL: the aggregates that Prisma's query API cannot express (percentiles of cycle
 * and review times as index walks, EXISTS for delivery health, conditional sums for pending sign-offs).
 * Each builder returns a parameterised `Prisma.Sql` over plain, indexed columns — never the JSON snapshot
 * or payload — so that the database does the counting and only a few rows come back.
 *
 * Written for SQLite and PostgreSQL alike: double-quoted identifiers, CASE instead of IIF/FILTER,
 * LIKE … ESCAPE, `TRUE`, `|| ''` rather than SQLite's unary `+` to keep a column away from an index.
 * Durations are stored in days by the service (StageStay.days, Signoff.reviewDays), so no date arithmetic
 * is left here. Both run them: `npm test` on SQLite, `npm run test:postgres` on PostgreSQL.
 *
 * `scripts/bench/` (`npm run bench:dashboard`) runs these same statements through better-sqlite3 to measure the floor.
 */
import { Prisma } from "~/generated/prisma/client.ts";
import { DIVISIONS, type Division } from "~/lifecycle/divisions.ts";

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
export function inScope(alias: string, scope: Scope): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`${alias}."initiativeId"`)} IN (SELECT i."id" FROM "Initiative" i WHERE ${scopeCondition(scope)})`;
}

/**
 * A table of durations that the dashboard takes percentiles of: one duration per row (null while it is
 * still running), a group column, and copies of the initiative's filter columns (`financialYear`,
 * `bureauCode`, `leadDivision`, `category`, `requiredDivisions`) that the service keeps equal to the
 * initiative's, so that the scope is checked on the row itself and a percentile is a walk of one index in
 * duration order (see the indexes of StageStay and Signoff in schema.prisma).
 */
export type DurationSource = {
  table: "StageStay" | "Signoff";
  /** The group column: a stage, a division. */
  group: "stage" | "division";
  /** The duration in days; null rows are not counted. */
  value: "days" | "reviewDays";
  /** Whether the rows carry `submitted` (the initiative's round > 0), which the scope then requires. */
  hasSubmitted: boolean;
};

/**
 * Time spent in each stage: the closed stays (StageStay rows with `days`), which the service writes as each
 * transition changes the stage. A stay under way (the current stage, or a final one) has no `days` and is
 * not counted; a pause within delivery is not a change of stage.
 */
export const STAGE_STAYS: DurationSource = { table: "StageStay", group: "stage", value: "days", hasSubmitted: true };

/**
 * Review time per division: each sign-off's `reviewDays`, the days from its round's submission to its
 * decision, written with the sign-off. Sign-offs exist only for submitted initiatives.
 */
export const REVIEW_TIMES: DurationSource = {
  table: "Signoff",
  group: "division",
  value: "reviewDays",
  hasSubmitted: false,
};

/** A stage or division name as an SQL literal (they come from the code's own lists, never from input). */
function groupLiteral(group: string): Prisma.Sql {
  if (!/^[A-Za-z_]{1,40}$/.test(group)) throw new Error(`Not a group name: ${group}`);
  return Prisma.raw(`'${group}'`);
}

/**
 * The scope as a condition on a duration row's copies (alias `d`). At most one filter is left open to an
 * index — the most selective present: B/D, then financial year, then category, then lead division — and the
 * others are written `column || '' = value`, which no index serves, so that SQLite (which has no
 * statistics here) walks the index that the most selective filter leads, in duration order, and checks the
 * rest from that index's trailing columns. (`|| ''` changes no value: a NULL stays NULL and never matches.)
 */
function durationScope(source: DurationSource, scope: Scope): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.raw(`d."${source.value}" IS NOT NULL`)];
  if (source.hasSubmitted) parts.push(Prisma.sql`d."submitted" = TRUE`);
  let indexed = false;
  const filter = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    parts.push(
      indexed
        ? Prisma.sql`${Prisma.raw(`d."${column}" || ''`)} = ${value}`
        : Prisma.sql`${Prisma.raw(`d."${column}"`)} = ${value}`,
    );
    indexed = true;
  };
  filter("bureauCode", scope.bureau);
  filter("financialYear", scope.fy);
  filter("category", scope.category);
  filter("leadDivision", scope.division);
  if (scope.reviewerDivision) {
    parts.push(
      Prisma.sql`(d."leadDivision" = ${scope.reviewerDivision} OR d."requiredDivisions" LIKE ${likeContains(scope.reviewerDivision)} ESCAPE '\\')`,
    );
  }
  return Prisma.join(parts, " AND ");
}

/** The rows of a group in scope, as `FROM … WHERE …` (alias `d`). */
function groupRows(source: DurationSource, group: string, scope: Scope): Prisma.Sql {
  return Prisma.sql`FROM ${Prisma.raw(`"${source.table}" d`)} WHERE ${Prisma.raw(`d."${source.group}"`)} = ${groupLiteral(group)} AND ${durationScope(source, scope)}`;
}

/**
 * Step one of the percentiles: how many durations each group has in scope — one row (`k`, `n`) per group,
 * each a COUNT over one range of the group's index. (Measured at 100,000 initiatives: three times faster
 * than one GROUP BY, which steps through the whole index, open stays included.)
 */
export function durationCountsSql(source: DurationSource, groups: readonly string[], scope: Scope): Prisma.Sql {
  const branches = groups.map(
    (g) => Prisma.sql`SELECT ${groupLiteral(g)} AS k, (SELECT COUNT(*) ${groupRows(source, g, scope)}) AS n`,
  );
  return Prisma.join(branches, " UNION ALL ");
}

/** A group's count as the database returns it (BigInt from some drivers). */
export type CountRow = { k: string; n: number | bigint };
/** A value next to a percentile's position: `w` is `m` (median, ascending walk) or `p` (p90, descending walk). */
export type WalkRow = { k: string; w: "m" | "p"; v: number };

/** Position p·(n−1) of a percentile as a whole part and a fraction (p = num/den, in exact integer arithmetic). */
function position(n: number, num: number, den: number) {
  return {
    lo: Math.floor((num * (n - 1)) / den),
    hi: Math.ceil((num * (n - 1)) / den),
    frac: ((num * (n - 1)) % den) / den,
  };
}

/**
 * Step two: the values either side of each group's median and 90th percentile, read by walking the
 * group's index in duration order — `ORDER BY value LIMIT 2 OFFSET lo` for the median, and from the top
 * (`DESC … OFFSET n − 1 − hi`) for the 90th percentile, so that no walk passes more than half the group and
 * nothing is sorted. At most four rows per group leave the database. Null when no group has a value.
 */
export function durationWalksSql(source: DurationSource, counts: CountRow[], scope: Scope): Prisma.Sql | null {
  const branches: Prisma.Sql[] = [];
  const value = Prisma.raw(`d."${source.value}"`);
  for (const row of counts) {
    const n = Number(row.n);
    if (n === 0) continue;
    const median = position(n, 1, 2);
    const p90 = position(n, 9, 10);
    const rows = groupRows(source, row.k, scope);
    const k = groupLiteral(row.k);
    branches.push(
      Prisma.sql`SELECT ${k} AS k, 'm' AS w, x.v AS v FROM (SELECT ${value} AS v ${rows} ORDER BY ${value} LIMIT 2 OFFSET ${Prisma.raw(String(median.lo))}) x`,
      Prisma.sql`SELECT ${k} AS k, 'p' AS w, x.v AS v FROM (SELECT ${value} AS v ${rows} ORDER BY ${value} DESC LIMIT 2 OFFSET ${Prisma.raw(String(n - 1 - p90.hi))}) x`,
    );
  }
  return branches.length ? Prisma.join(branches, " UNION ALL ") : null;
}

export type Percentiles = { median: number; p90: number; count: number };

/**
 * Median and 90th percentile per group, rounded to 0.1, from the counts and walks. Interpolated between
 * the two nearest ranks like PostgreSQL's `percentile_cont`: position p·(n−1), the value at its whole part
 * plus the fraction times the step to the next value. An ascending walk from `lo` returns the values at
 * ranks lo and lo + 1; a descending one from the top, those at hi and hi − 1 (the smaller of the two is at
 * lo when lo < hi).
 */
export function percentilesOf(counts: CountRow[], walks: WalkRow[]): Map<string, Percentiles> {
  const out = new Map<string, Percentiles>();
  for (const row of counts) {
    const n = Number(row.n);
    if (n === 0) continue;
    const values = (w: "m" | "p") => walks.filter((r) => r.k === row.k && r.w === w).map((r) => Number(r.v));
    // At lo and the rank after it (the fraction is 0 when lo = hi, so the second value then counts for nothing).
    const at = (p: { frac: number }, a: number, b: number) => round1(a + p.frac * (b - a));
    const median = position(n, 1, 2);
    const p90 = position(n, 9, 10);
    const m = values("m"); // ranks lo and lo + 1 (lo alone at the end): the value at lo is the smaller
    const p = values("p"); // ranks hi and hi − 1: the value at hi is the larger, and when lo < hi, lo is hi − 1
    out.set(row.k, {
      median: at(median, Math.min(...m), Math.max(...m)),
      p90: p90.lo === p90.hi ? round1(Math.max(...p)) : at(p90, Math.min(...p), Math.max(...p)),
      count: n,
    });
  }
  return out;
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
export function healthRows(scope: Scope, today: string, redBefore: string): Prisma.Sql {
  return Prisma.sql`SELECT t.*,
      CASE
        WHEN (t.stage = 'delivery' AND t."plannedEnd" < ${today}) OR t.md < ${redBefore} OR t.cd < ${redBefore} THEN 'red'
        WHEN t.md < ${today} OR t.cd < ${today} THEN 'amber'
        ELSE 'green'
      END AS health
    FROM (
      SELECT i."ref" AS ref, i."titleEn" AS "titleEn", i."titleZh" AS "titleZh", i."bureauCode" AS "bureauCode",
        i."stage" AS stage, i."plannedEnd" AS "plannedEnd", i."baseline" AS baseline,
        (SELECT MIN(m."due") FROM "Milestone" m WHERE m."initiativeId" = i."id" AND m."status" <> 'DONE') AS md,
        (SELECT MIN(c."due") FROM "Condition" c WHERE c."initiativeId" = i."id" AND c."status" <> 'met') AS cd
      FROM "Initiative" i
      WHERE ${scopeCondition(scope)} AND i."stage" IN ('delivery', 'benefitsReview')
    ) t`;
}

/**
 * Delivery health in one pass: a row per health with its count (`ref` null), then the red initiatives
 * (earliest planned end first, at most `limit`) with the earliest open due dates of each. The red rows'
 * `n` is typed: PostgreSQL gives an untyped NULL inside a subquery the type text, which a UNION with
 * COUNT's bigint refuses.
 */
export function deliveryHealthSql(scope: Scope, today: string, redBefore: string, limit: number): Prisma.Sql {
  return Prisma.sql`WITH h_ AS MATERIALIZED (${healthRows(scope, today, redBefore)})
  SELECT health, COUNT(*) AS n, NULL AS ref, NULL AS "titleEn", NULL AS "titleZh", NULL AS "bureauCode", NULL AS stage,
    NULL AS "plannedEnd", NULL AS "milestoneDue", NULL AS "conditionDue"
  FROM h_ GROUP BY health
  UNION ALL
  SELECT * FROM (
    SELECT health, CAST(NULL AS BIGINT) AS n, ref, "titleEn", "titleZh", "bureauCode", stage, "plannedEnd", md AS "milestoneDue", cd AS "conditionDue"
    FROM h_ WHERE health = 'red'
    ORDER BY "plannedEnd", ref
    LIMIT ${limit}
  ) red_`;
}

/** Rounded to one decimal place. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

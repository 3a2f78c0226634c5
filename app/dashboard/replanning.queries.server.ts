/**
 * The dashboard's re-planning figures (issue 15): delivery health by baseline, the initiatives that
 * slipped most against baseline 1, cost growth by B/D, and change requests by outcome and reason code.
 * Counting is the database's, over plain columns (Initiative.baseline, Baseline 1's planned end and
 * budget, ChangeRequest's status and reason code); only initiatives that were re-planned come back as rows.
 */
import { Prisma } from "~/generated/prisma/client.ts";
import { daysBetween } from "~/initiatives/delivery-health.ts";
import { db } from "~/utils/db.server.ts";
import { healthRows, inScope, scopeCondition, type Scope } from "./dashboard-sql.server.ts";

/** How many initiatives "slipped most" lists. */
export const SLIPPED_LIMIT = 10;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Funded initiatives whose plan has changed at least once, with baseline 1 beside the current plan. */
function replannedSql(scope: Scope): Prisma.Sql {
  return Prisma.sql`SELECT i."ref" AS ref, i."titleEn" AS "titleEn", i."titleZh" AS "titleZh",
      i."bureauCode" AS "bureauCode", i."stage" AS stage, i."baseline" AS baseline,
      i."plannedEnd" AS "plannedEnd", i."fundedAmount" AS "fundedAmount",
      b."plannedEnd" AS "firstEnd", b."budget" AS "firstBudget"
    FROM "Initiative" i JOIN "Baseline" b ON b."initiativeId" = i."id" AND b."number" = 1
    WHERE ${scopeCondition(scope)} AND i."baseline" > 1`;
}

type ReplannedRow = {
  ref: string;
  titleEn: string | null;
  titleZh: string | null;
  bureauCode: string;
  stage: string;
  baseline: number | bigint;
  plannedEnd: string | null;
  fundedAmount: number | bigint | null;
  firstEnd: string | null;
  firstBudget: number | bigint;
};

export async function replanningFigures(scope: Scope, today: string, redBefore: string) {
  const [byBaselineRows, replanned, requestRows] = await Promise.all([
    db.$queryRaw<{ baseline: number | bigint; health: string; n: number | bigint }[]>(
      Prisma.sql`SELECT h_.baseline AS baseline, h_.health AS health, COUNT(*) AS n
        FROM (${healthRows(scope, today, redBefore)}) h_ GROUP BY h_.baseline, h_.health`,
    ),
    db.$queryRaw<ReplannedRow[]>(replannedSql(scope)),
    db.$queryRaw<{ status: string; reasonCode: string | null; n: number | bigint }[]>(
      Prisma.sql`SELECT cr."status" AS status, cr."reasonCode" AS "reasonCode", COUNT(*) AS n
        FROM "ChangeRequest" cr WHERE ${inScope("cr", scope)} GROUP BY cr."status", cr."reasonCode"`,
    ),
  ]);

  // Health counts per baseline: how many initiatives are on baseline 1, 2, … and how they fare against it.
  const baselines = new Map<number, { baseline: number; red: number; amber: number; green: number; total: number }>();
  for (const r of byBaselineRows) {
    const b = Math.max(1, num(r.baseline));
    const row = baselines.get(b) ?? { baseline: b, red: 0, amber: 0, green: 0, total: 0 };
    if (r.health === "red" || r.health === "amber" || r.health === "green") row[r.health] += num(r.n);
    row.total += num(r.n);
    baselines.set(b, row);
  }
  const byBaseline = [...baselines.values()].sort((a, b) => a.baseline - b.baseline);

  const variance = replanned.map((r) => ({
    ref: r.ref,
    titleEn: r.titleEn,
    titleZh: r.titleZh,
    bureauCode: r.bureauCode,
    stage: r.stage,
    baseline: num(r.baseline),
    firstPlannedEnd: r.firstEnd,
    plannedEnd: r.plannedEnd,
    slippageDays: r.firstEnd && r.plannedEnd ? daysBetween(r.firstEnd, r.plannedEnd) : 0,
    firstBudget: num(r.firstBudget),
    budget: num(r.fundedAmount),
  }));
  const slippedMost = variance
    .filter((v) => v.slippageDays > 0)
    .sort((a, b) => b.slippageDays - a.slippageDays || a.ref.localeCompare(b.ref))
    .slice(0, SLIPPED_LIMIT);

  const growth = new Map<string, { bureauCode: string; firstBudget: number; budget: number; initiatives: number }>();
  for (const v of variance) {
    if (v.budget === v.firstBudget) continue;
    const g = growth.get(v.bureauCode) ?? { bureauCode: v.bureauCode, firstBudget: 0, budget: 0, initiatives: 0 };
    g.firstBudget += v.firstBudget;
    g.budget += v.budget;
    g.initiatives += 1;
    growth.set(v.bureauCode, g);
  }
  const costGrowthByBureau = [...growth.values()]
    .map((g) => ({
      ...g,
      growth: g.budget - g.firstBudget,
      growthPercent: g.firstBudget > 0 ? Math.round(((g.budget - g.firstBudget) / g.firstBudget) * 1000) / 10 : null,
    }))
    .sort((a, b) => b.growth - a.growth || a.bureauCode.localeCompare(b.bureauCode));

  const changeRequests = requestRows
    .map((r) => ({ status: r.status, reasonCode: r.reasonCode, count: num(r.n) }))
    .sort((a, b) => a.status.localeCompare(b.status) || (a.reasonCode ?? "").localeCompare(b.reasonCode ?? ""));

  return { byBaseline, slippedMost, costGrowthByBureau, changeRequests };
}

export type ReplanningFigures = Awaited<ReturnType<typeof replanningFigures>>;

/**
 * The leadership dashboard (DESIGN.md §3–4): every figure is an aggregate computed by the database over
 * plain, indexed columns — Prisma `groupBy` where it can say it, parameterised SQL (dashboard-sql.server.ts)
 * where it cannot — so that a portfolio of any size returns a few thousand rows at most. No snapshot or
 * audit payload is parsed, and no initiative row is loaded to be counted in JavaScript.
 *
 * Scope (dashboard-request.server.ts): leadership sees every submitted initiative; a reviewer only those
 * their division leads or must sign off, and only their division's sign-offs; everyone else gets 403. The
 * filters are the register's, so that the per-stage counts are the register's totals for the same filters.
 */
import { hongKongMidnight, todayInHongKong } from "~/calendar/hong-kong.ts";
import { workingDaysBetween, isWorkingDay } from "~/calendar/working-days.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { daysBetween, RED_AFTER_DAYS } from "~/initiatives/delivery-health.ts";
import { DIVISIONS, REASON_CODES, isDivision, type Division } from "~/lifecycle/divisions.ts";
import { STAGES, type Stage } from "~/lifecycle/initiative.machine.ts";
import type { Settings } from "~/settings/settings.server.ts";
import { db } from "~/utils/db.server.ts";
import { statusReportFigures } from "./status-reports.queries.server.ts";
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
  type Percentiles,
  type Scope,
  type WalkRow,
} from "./dashboard-sql.server.ts";
import { replanningFigures } from "./replanning.queries.server.ts";
import { cachedFigures } from "./dashboard-cache.server.ts";
import { readDataStamp, type DataStamp } from "~/utils/db/data-stamp.server.ts";
import { dashboardRequest, dashboardWhere, scopeOf, type DashboardFilters } from "./dashboard-request.server.ts";

/** The stages a dashboard counts: everything but draft (drafts are not visible outside their B/D). */
export const DASHBOARD_STAGES = STAGES.filter((s) => s !== "draft");

/** How many red initiatives the dashboard lists. */
export const RED_LIST_LIMIT = 50;
/** How many pending sign-offs "oldest pending" lists. */
export const OLDEST_PENDING_LIMIT = 10;

const DAY_MS = 86_400_000;

function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The instant before which a sign-off that started then is overdue on `today`: a sign-off is overdue
 * when more than `slaDays` working days have passed (`workingDaysBetween(start, today) > slaDays`).
 * That is when it started before the Hong Kong midnight that opens the (slaDays + 1)-th working day
 * counted back from today.
 */
export function overdueBefore(today: string, slaDays: number): Date {
  let d = today;
  let counted = 0;
  for (;;) {
    if (isWorkingDay(d)) counted++;
    if (counted === slaDays + 1) break;
    d = addDays(d, -1);
  }
  return hongKongMidnight(d);
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const zeroStages = () =>
  Object.fromEntries(DASHBOARD_STAGES.map((s) => [s, 0])) as Record<Exclude<Stage, "draft">, number>;

/**
 * The whole dashboard for a caller and filters. `today` (Hong Kong, `YYYY-MM-DD`) fixes the date that
 * ages, overdue marks and delivery health are measured against. Computed again only when the stored data,
 * the settings, the date, the caller's scope or the filters differ from a load kept by this instance
 * (dashboard-cache.server.ts); otherwise one statement (the stamp) answers.
 */
export async function getDashboard(
  caller: Caller,
  input: DashboardFilters | URLSearchParams | Record<string, unknown> = {},
  today = todayInHongKong(),
): Promise<Dashboard> {
  const filters = dashboardRequest(caller, input);
  return keptDashboard(caller, filters, today, await readDataStamp());
}

/** The figures under a stamp already read: kept ones when this instance computed them under the same key. */
export function keptDashboard(
  caller: Caller,
  filters: DashboardFilters,
  today: string,
  stamp: DataStamp,
): Promise<Dashboard> {
  return cachedFigures({ stamp, today, role: caller.role, scope: scopeOf(caller, filters) }, () =>
    computeDashboard(caller, filters, today, stamp.settings),
  );
}

/**
 * The dashboard computed afresh from the database: for a caller already allowed to read it, parsed
 * filters, and the settings in force (read with the stamp, so that the figures and their key agree).
 */
export async function computeDashboard(caller: Caller, filters: DashboardFilters, today: string, settings: Settings) {
  const where = dashboardWhere(caller, filters);
  const scope = scopeOf(caller, filters);
  const redBefore = addDays(today, -RED_AFTER_DAYS);
  const overdueCutoff = overdueBefore(today, settings.reviewSlaDays);
  const divisions: Division[] = scope.reviewerDivision ? [scope.reviewerDivision] : [...DIVISIONS];

  // One grouped pass over the initiatives (in the order of Initiative_dashboard_idx, so no sort)
  // gives the stage, B/D, money and benefit figures; each child table is read once, for the
  // initiatives in scope only.
  const [groups, fundingRows, signoffReasons, pendingRow, reviewTimes, cycles, healthRows, oldest] = await Promise.all([
    db.initiative.groupBy({
      by: ["financialYear", "bureauCode", "stage"],
      where,
      _count: { _all: true, realisedAnnualSavings: true },
      _sum: {
        nonRecurrentCost: true,
        fundedAmount: true,
        expectedAnnualSavings: true,
        realisedAnnualSavings: true,
        expectedStaffHoursSaved: true,
        realisedStaffHoursSaved: true,
      },
    }),
    db.$queryRaw<{ decision: string; reasonCode: string | null; n: number | bigint; amount: number | bigint | null }[]>(
      fundingSql(scope),
    ),
    db.$queryRaw<{ decision: string; reasonCode: string | null; n: number | bigint }[]>(signoffDecisionsSql(scope)),
    db.$queryRaw<Record<string, number | bigint | null>[]>(pendingSql(scope, overdueCutoff)),
    durationPercentiles(REVIEW_TIMES, divisions, scope),
    durationPercentiles(STAGE_STAYS, STAGES, scope),
    db.$queryRaw<HealthRow[]>(deliveryHealthSql(scope, today, redBefore, RED_LIST_LIMIT)),
    db.initiative.findMany({
      where: {
        AND: [
          where,
          { stage: "efficiencyReview" },
          scope.reviewerDivision
            ? { pendingSignoffs: { contains: `,${scope.reviewerDivision},` } }
            : { pendingSignoffs: { not: "" } },
        ],
      },
      orderBy: [{ stageEnteredAt: "asc" }, { ref: "asc" }],
      take: OLDEST_PENDING_LIMIT,
      select: {
        ref: true,
        titleEn: true,
        titleZh: true,
        bureauCode: true,
        pendingSignoffs: true,
        stageEnteredAt: true,
        round: true,
      },
    }),
  ]);

  // Pipeline, B/Ds and benefits: sums of the grouped rows (a few thousand at most).
  const byStage = zeroStages();
  const bureauMap = new Map<
    string,
    { stages: Record<string, number>; total: number; requested: number; approved: number }
  >();
  const yearMap = new Map<string, BenefitYear>();
  for (const row of groups) {
    const count = row._count._all;
    if (row.stage in byStage) byStage[row.stage as keyof typeof byStage] += count;
    const b = bureauMap.get(row.bureauCode) ?? {
      stages: zeroStages() as Record<string, number>,
      total: 0,
      requested: 0,
      approved: 0,
    };
    b.stages[row.stage] = (b.stages[row.stage] ?? 0) + count;
    b.total += count;
    b.requested += num(row._sum.nonRecurrentCost);
    b.approved += num(row._sum.fundedAmount);
    bureauMap.set(row.bureauCode, b);
    if (FUNDED_STAGES.has(row.stage)) {
      const y = yearMap.get(row.financialYear) ?? emptyYear(row.financialYear);
      y.funded += count;
      y.reported += row._count.realisedAnnualSavings;
      y.expectedAnnualSavings += num(row._sum.expectedAnnualSavings);
      y.realisedAnnualSavings += num(row._sum.realisedAnnualSavings);
      y.expectedStaffHoursSaved += num(row._sum.expectedStaffHoursSaved);
      y.realisedStaffHoursSaved += num(row._sum.realisedStaffHoursSaved);
      yearMap.set(row.financialYear, y);
    }
  }
  const names = await db.bureau.findMany({
    where: { code: { in: [...bureauMap.keys()] } },
    select: { code: true, nameEn: true, nameZh: true },
  });
  const nameOf = new Map(names.map((n) => [n.code, n]));
  const byBureau = [...bureauMap.entries()]
    .map(([code, b]) => ({
      bureau: code,
      nameEn: nameOf.get(code)?.nameEn ?? code,
      nameZh: nameOf.get(code)?.nameZh ?? code,
      ...b,
    }))
    .sort((a, b) => b.total - a.total || a.bureau.localeCompare(b.bureau));
  const total = Object.values(byStage).reduce((a, b) => a + b, 0);
  const requested = byBureau.reduce((a, b) => a + b.requested, 0);

  // Funding decisions (amounts and counts over every reason code).
  const decided = (d: string) => {
    const rows = fundingRows.filter((r) => r.decision === d);
    return { amount: rows.reduce((a, r) => a + num(r.amount), 0), count: rows.reduce((a, r) => a + num(r.n), 0) };
  };
  const funding = {
    requested,
    approved: decided("APPROVED").amount,
    referred: decided("REFERRED").amount,
    financeCommitteeApproved: decided("FC_APPROVED").amount,
    approvedCount: decided("APPROVED").count,
    referredCount: decided("REFERRED").count,
    financeCommitteeApprovedCount: decided("FC_APPROVED").count,
    blockAllocationLimit: settings.blockAllocationLimit,
  };

  // Benefits of funded initiatives, by financial year and in total.
  const byFinancialYear = [...yearMap.values()].sort((a, b) => a.financialYear.localeCompare(b.financialYear));
  const sum = (k: Exclude<keyof BenefitYear, "financialYear">) => byFinancialYear.reduce((a, r) => a + r[k], 0);
  const benefits = {
    funded: sum("funded"),
    reported: sum("reported"),
    expectedAnnualSavings: sum("expectedAnnualSavings"),
    realisedAnnualSavings: sum("realisedAnnualSavings"),
    expectedStaffHoursSaved: sum("expectedStaffHoursSaved"),
    realisedStaffHoursSaved: sum("realisedStaffHoursSaved"),
    byFinancialYear,
  };

  // Divisions: pending sign-offs, overdue against the SLA, review times.
  const pending = pendingRow[0] ?? {};
  const byDivision = divisions.map((d) => {
    const n = DIVISIONS.indexOf(d);
    const times = reviewTimes.get(d);
    return {
      division: d,
      pending: num(pending[`p${n}`]),
      overdue: num(pending[`o${n}`]),
      decisions: times?.count ?? 0,
      medianReviewDays: times?.median ?? null,
      p90ReviewDays: times?.p90 ?? null,
    };
  });

  // Cycle time per stage, in lifecycle order.
  const cycleTimeDays: Partial<Record<Stage, { median: number; p90: number; count: number }>> = {};
  for (const s of STAGES) {
    const c = cycles.get(s);
    if (c) cycleTimeDays[s] = c;
  }

  // Oldest pending sign-offs: one row per pending division, oldest first.
  const oldestPending = oldest
    .flatMap((i) =>
      i.pendingSignoffs
        .split(",")
        .filter((d): d is Division => isDivision(d) && divisions.includes(d))
        .map((division) => {
          const age = workingDaysBetween(i.stageEnteredAt, today);
          return {
            ref: i.ref,
            titleEn: i.titleEn,
            titleZh: i.titleZh,
            bureauCode: i.bureauCode,
            round: i.round,
            division,
            since: i.stageEnteredAt.toISOString(),
            ageWorkingDays: age,
            overdue: age > settings.reviewSlaDays,
          };
        }),
    )
    .slice(0, OLDEST_PENDING_LIMIT);

  // Delivery health.
  const health = (h: string) => num(healthRows.find((r) => r.ref === null && r.health === h)?.n);
  const deliveryHealth = {
    red: health("red"),
    amber: health("amber"),
    green: health("green"),
    redList: healthRows
      .filter((r): r is HealthRow & RedRow => r.ref !== null)
      .map((r) => {
        const endPassed = r.stage === "delivery" ? r.plannedEnd : null;
        const oldestDue =
          [r.milestoneDue, r.conditionDue, endPassed].filter((d): d is string => !!d && d < today).sort()[0] ?? null;
        return {
          ref: r.ref,
          titleEn: r.titleEn,
          titleZh: r.titleZh,
          bureauCode: r.bureauCode,
          stage: r.stage,
          plannedEnd: r.plannedEnd,
          overdueSince: oldestDue,
          daysOverdue: oldestDue ? daysBetween(oldestDue, today) : 0,
        };
      }),
  };

  // Refusals and returns by reason code (a missing code counts as OTHER, as the design says).
  const reasons = new Map(REASON_CODES.map((c) => [c as string, { returned: 0, rejected: 0, deferred: 0 }]));
  const add = (code: string | null, key: "returned" | "rejected" | "deferred", n: number) => {
    const r = reasons.get(code ?? "OTHER") ?? reasons.get("OTHER")!;
    r[key] += n;
  };
  for (const r of signoffReasons) {
    if (r.decision === "REJECTED" || r.decision === "CHANGES_REQUESTED")
      add(r.reasonCode, r.decision === "REJECTED" ? "rejected" : "returned", num(r.n));
  }
  for (const r of fundingRows) {
    if (r.decision === "REJECTED" || r.decision === "DEFERRED")
      add(r.reasonCode, r.decision === "REJECTED" ? "rejected" : "deferred", num(r.n));
  }
  const refusals = [...reasons.entries()].map(([reasonCode, r]) => ({
    reasonCode,
    ...r,
    total: r.returned + r.rejected + r.deferred,
  }));

  return {
    today,
    filters,
    scope: { role: caller.role, division: scope.reviewerDivision ?? null },
    reviewSlaDays: settings.reviewSlaDays,
    total,
    inFlight: total - byStage.rejected - byStage.withdrawn - byStage.closed,
    byStage,
    byBureau,
    byDivision,
    funding,
    benefits,
    cycleTimeDays,
    oldestPending,
    deliveryHealth,
    refusals,
    // Spend against funding, overdue status reports and overspends (issue 15's status reports).
    statusReports: await statusReportFigures(where, today),
    // Change requests and baselines (issue 15), in their own module.
    replanning: await replanningFigures(scope, today, redBefore),
  };
}

/**
 * Median and 90th percentile of a duration per group (stage, division) for the scope: a count per group,
 * then a walk of the group's index to the values either side of each percentile (dashboard-sql.server.ts).
 */
async function durationPercentiles(
  source: DurationSource,
  groups: readonly string[],
  scope: Scope,
): Promise<Map<string, Percentiles>> {
  const counts = await db.$queryRaw<CountRow[]>(durationCountsSql(source, groups, scope));
  const walks = durationWalksSql(source, counts, scope);
  return percentilesOf(counts, walks ? await db.$queryRaw<WalkRow[]>(walks) : []);
}

/**
 * Stages of initiatives that have been funded: delivery is entered only by a funding approval (block
 * allocation or Finance Committee), and benefits review and closed only after delivery.
 */
const FUNDED_STAGES = new Set<string>(["delivery", "benefitsReview", "closed"]);

type BenefitYear = {
  financialYear: string;
  funded: number;
  reported: number;
  expectedAnnualSavings: number;
  realisedAnnualSavings: number;
  expectedStaffHoursSaved: number;
  realisedStaffHoursSaved: number;
};
const emptyYear = (financialYear: string): BenefitYear => ({
  financialYear,
  funded: 0,
  reported: 0,
  expectedAnnualSavings: 0,
  realisedAnnualSavings: 0,
  expectedStaffHoursSaved: 0,
  realisedStaffHoursSaved: 0,
});

/** A count row (`ref` null) or a red initiative (`n` null) of deliveryHealthSql. */
type HealthRow = Omit<RedRow, "ref"> & { ref: string | null; n: number | bigint | null };
type RedRow = {
  health: string;
  ref: string;
  titleEn: string | null;
  titleZh: string | null;
  bureauCode: string;
  stage: string;
  plannedEnd: string | null;
  milestoneDue: string | null;
  conditionDue: string | null;
};

export type Dashboard = Awaited<ReturnType<typeof computeDashboard>>;

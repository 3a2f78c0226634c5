/**
 * The dashboard's status-report figures for the initiatives in delivery within the caller's scope and
 * filters: spend to date against funding (in total and by B/D, from each initiative's latest report),
 * the quarters whose report is overdue, and the initiatives whose latest report puts spend above funding.
 *
 * Three indexed reads (the initiatives in delivery, their delivery stays, their reports); the quarter
 * arithmetic is status-reports/quarters.ts, the same rules the initiative page uses, so the two agree.
 */
import type { Prisma } from "~/generated/prisma/client.ts";
import { hongKongDate } from "~/calendar/hong-kong.ts";
import { quarterStatuses } from "~/status-reports/quarters.ts";
import { db } from "~/utils/db.server.ts";

/** How many overdue quarters and overspends the dashboard lists (the counts cover them all). */
export const STATUS_LIST_LIMIT = 50;

const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

type Totals = { initiatives: number; reporting: number; funded: number; fundedReporting: number; spent: number };
const zero = (): Totals => ({ initiatives: 0, reporting: 0, funded: 0, fundedReporting: 0, spent: 0 });

/** The figures for initiatives matching `where` (the dashboard's scope and filters) that are in delivery. */
export async function statusReportFigures(where: Prisma.InitiativeWhereInput, today: string) {
  // The stays and reports below take these initiatives as a subquery, not a list of ids: at scale a list
  // passes the database's limit on bound parameters (SQLite's 32,766).
  const inDelivery: Prisma.InitiativeWhereInput = { AND: [where, { stage: "delivery" }] };
  const initiatives = await db.initiative.findMany({
    where: inDelivery,
    orderBy: { ref: "asc" },
    select: {
      id: true,
      ref: true,
      titleEn: true,
      titleZh: true,
      bureauCode: true,
      fundedAmount: true,
      bureau: { select: { nameEn: true, nameZh: true } },
    },
  });
  const [stays, reports] = await Promise.all([
    db.stageStay.findMany({
      where: { initiative: inDelivery, stage: "delivery" },
      select: { initiativeId: true, enteredAt: true },
    }),
    db.statusReport.findMany({
      where: { initiative: inDelivery },
      orderBy: [{ initiativeId: "asc" }, { quarter: "asc" }],
      select: {
        initiativeId: true,
        quarter: true,
        spendToDate: true,
        fundedAmount: true,
        overspent: true,
        reportedAt: true,
      },
    }),
  ]);
  const startOf = new Map<string, string>();
  for (const s of stays) {
    const day = hongKongDate(s.enteredAt);
    const known = startOf.get(s.initiativeId);
    if (!known || day < known) startOf.set(s.initiativeId, day);
  }
  const reportsOf = new Map<string, typeof reports>();
  for (const r of reports) reportsOf.set(r.initiativeId, [...(reportsOf.get(r.initiativeId) ?? []), r]);

  const total = zero();
  const byBureau = new Map<string, Totals & { nameEn: string; nameZh: string }>();
  const overdue: {
    ref: string;
    titleEn: string | null;
    titleZh: string | null;
    bureauCode: string;
    quarter: string;
    dueDate: string;
    daysOverdue: number;
  }[] = [];
  const overspends: {
    ref: string;
    titleEn: string | null;
    titleZh: string | null;
    bureauCode: string;
    quarter: string;
    spendToDate: number;
    fundedAmount: number;
    over: number;
  }[] = [];

  for (const i of initiatives) {
    const own = reportsOf.get(i.id) ?? [];
    const latest = own.at(-1) ?? null;
    const funded = i.fundedAmount ?? 0;
    const b = byBureau.get(i.bureauCode) ?? { ...zero(), nameEn: i.bureau.nameEn, nameZh: i.bureau.nameZh };
    for (const t of [total, b]) {
      t.initiatives += 1;
      t.funded += funded;
      if (latest) {
        t.reporting += 1;
        t.fundedReporting += funded;
        t.spent += latest.spendToDate;
      }
    }
    byBureau.set(i.bureauCode, b);
    const who = { ref: i.ref, titleEn: i.titleEn, titleZh: i.titleZh, bureauCode: i.bureauCode };
    if (latest?.overspent) {
      overspends.push({
        ...who,
        quarter: latest.quarter,
        spendToDate: latest.spendToDate,
        fundedAmount: latest.fundedAmount,
        over: latest.spendToDate - latest.fundedAmount,
      });
    }
    const start = startOf.get(i.id);
    if (!start) continue;
    const { owed } = quarterStatuses({
      deliveryStart: start,
      deliveryEnd: null,
      today,
      reports: own.map((r) => ({ quarter: r.quarter, reportedOn: hongKongDate(r.reportedAt) })),
    });
    for (const q of owed) {
      if (q.status === "overdue")
        overdue.push({ ...who, quarter: q.quarter, dueDate: q.dueDate, daysOverdue: daysBetween(q.dueDate, today) });
    }
  }
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.ref.localeCompare(b.ref));
  overspends.sort((a, b) => b.over - a.over || a.ref.localeCompare(b.ref));

  return {
    spend: {
      ...total,
      byBureau: [...byBureau.entries()]
        .map(([bureau, t]) => ({ bureau, ...t }))
        .sort((a, b) => b.funded - a.funded || a.bureau.localeCompare(b.bureau)),
    },
    overdue: {
      count: overdue.length,
      initiatives: new Set(overdue.map((o) => o.ref)).size,
      items: overdue.slice(0, STATUS_LIST_LIMIT),
    },
    overspends: { count: overspends.length, items: overspends.slice(0, STATUS_LIST_LIMIT) },
  };
}

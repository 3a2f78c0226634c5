/**
 * Quarterly status reports: writing one (inside the REPORT_STATUS transition's transaction) and reading an
 * initiative's history with its owed, due and overdue quarters for the page and the API. The rules of
 * which quarter is owed and when it is due are in quarters.ts.
 */
import { hongKongDate } from "~/calendar/hong-kong.ts";
import type { Db } from "~/utils/db.server.ts";
import { quarterEnd, quarterStatuses, reportDueDate, reportQuarterFor, type QuarterKey } from "./quarters.ts";

type Reader = Pick<Db, "stageStay" | "statusReport">;

/**
 * When the initiative was in delivery, as Hong Kong dates: from its first entry (funding) to when it left
 * (null while still there). Null when it has never been in delivery.
 */
export async function deliverySpan(
  tx: Pick<Db, "stageStay">,
  initiativeId: string,
): Promise<{ start: string; end: string | null } | null> {
  const stays = await tx.stageStay.findMany({
    where: { initiativeId, stage: "delivery" },
    orderBy: { enteredAt: "asc" },
    select: { enteredAt: true, leftAt: true },
  });
  return spanOf(stays);
}

/** {@link deliverySpan} from the initiative's stays in delivery, oldest first. */
export function spanOf(stays: readonly DeliveryStay[]): { start: string; end: string | null } | null {
  if (stays.length === 0) return null;
  const last = stays[stays.length - 1]!;
  return { start: hongKongDate(stays[0]!.enteredAt), end: last.leftAt ? hongKongDate(last.leftAt) : null };
}

type DeliveryStay = { enteredAt: Date; leftAt: Date | null };

/** A filed report as the page and the API read it. */
export type StatusReportRow = {
  quarter: string;
  periodEnd: string;
  dueDate: string;
  rag: string;
  percentComplete: number;
  spendToDate: number;
  fundedAmount: number;
  overspent: boolean;
  note: string;
  risks: string | null;
  reportedById: string;
  reportedAt: Date;
};

export type StatusReportInput = {
  rag: string;
  percentComplete: number;
  spendToDate: number;
  note: string;
  risks?: string;
};

/**
 * Writes the report for the quarter it is for (replacing an earlier one for the same quarter) and answers what
 * the audit entry should add: the quarter, the funded amount it was measured against and whether spend is
 * above it. Spend above funding is accepted — it happens, and hiding it helps no one — but flagged.
 */
export async function recordStatusReport(
  tx: Reader,
  args: { initiativeId: string; reportedById: string; report: StatusReportInput; fundedAmount: number; now: Date },
): Promise<{ quarter: QuarterKey; fundedAmount: number; overspent: boolean }> {
  const { initiativeId, report, fundedAmount, now } = args;
  const filedOn = hongKongDate(now);
  const span = await deliverySpan(tx, initiativeId);
  const reported = await tx.statusReport.findMany({ where: { initiativeId }, select: { quarter: true } });
  const quarter = reportQuarterFor({
    filedOn,
    deliveryStart: span?.start ?? filedOn,
    reported: reported.map((r) => r.quarter as QuarterKey),
  });
  const overspent = report.spendToDate > fundedAmount;
  const data = {
    periodEnd: quarterEnd(quarter),
    dueDate: reportDueDate(quarter),
    rag: report.rag,
    percentComplete: report.percentComplete,
    spendToDate: report.spendToDate,
    fundedAmount,
    overspent,
    note: report.note,
    risks: report.risks ?? null,
    reportedById: args.reportedById,
    reportedAt: now,
    updatedAt: now,
  };
  await tx.statusReport.upsert({
    where: { initiativeId_quarter: { initiativeId, quarter } },
    create: { initiativeId, quarter, ...data, createdAt: now },
    update: data,
  });
  return { quarter, fundedAmount, overspent };
}

/**
 * An initiative's status reports for its page and the API, from its stays in delivery and its reports (each
 * oldest first): every report, every owed quarter with its due date and state, the quarter in progress, and
 * the quarters now overdue. Null for an initiative that has never been in delivery.
 */
export function statusReportsOf(stays: readonly DeliveryStay[], rows: readonly StatusReportRow[], today: string) {
  const span = spanOf(stays);
  if (!span) return null;
  const reports = rows.map((r) => ({ ...r, late: hongKongDate(r.reportedAt) > r.dueDate }));
  const { owed, current } = quarterStatuses({
    deliveryStart: span.start,
    deliveryEnd: span.end,
    today,
    reports: rows.map((r) => ({ quarter: r.quarter, reportedOn: hongKongDate(r.reportedAt) })),
  });
  return {
    deliveryStart: span.start,
    deliveryEnd: span.end,
    // The quarter a report filed today would be for (while delivery goes on).
    reportingQuarter: span.end
      ? null
      : reportQuarterFor({
          filedOn: today,
          deliveryStart: span.start,
          reported: rows.map((r) => r.quarter as QuarterKey),
        }),
    quarters: owed,
    current,
    overdue: owed.filter((q) => q.status === "overdue"),
    reports,
  };
}

/**
 * When status reports are owed and due. Pure: every answer follows from Hong Kong dates (YYYY-MM-DD).
 *
 * The rule, as a DPO officer would expect it:
 * - Quarters are calendar quarters ending 31 March, 30 June, 30 September and 31 December, named like
 *   `2026-Q3` (July to September 2026). They are not the financial year's quarters, whose numbering
 *   (April = Q1) would make `Q3` mean two different things on one page.
 * - An initiative owes one report for each quarter from the one in which delivery began (funding) to the
 *   last one that ended while it was still in delivery.
 * - A quarter's report is due within {@link REPORT_WORKING_DAYS} Hong Kong working days after the quarter
 *   ends (weekends and general holidays do not count), so the figures can include the quarter's last day.
 *   Unreported after that, it is overdue.
 * - A report is for the quarter that just ended while that quarter's report is still due, or when that
 *   quarter has no report yet (a late report fills the gap it left); otherwise for the quarter in progress.
 *   A second report for the same quarter replaces the first (the audit trail keeps both).
 */
import { addWorkingDays } from "~/calendar/working-days.ts";

/** Working days after the quarter's end by which its report is due. */
export const REPORT_WORKING_DAYS = 10;

/** `2026-Q3`: the calendar quarter, year and number 1–4. */
export type QuarterKey = `${number}-Q${1 | 2 | 3 | 4}`;

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** Whether a string names a quarter (`2026-Q3`). */
export function isQuarterKey(value: unknown): value is QuarterKey {
  return typeof value === "string" && QUARTER.test(value);
}

function parts(q: QuarterKey): [number, number] {
  const m = QUARTER.exec(q);
  if (!m) throw new Error(`not a quarter: ${q}`);
  return [Number(m[1]), Number(m[2])];
}

const key = (year: number, n: number) => `${year}-Q${n}` as QuarterKey;

/** The quarter a date falls in. */
export function quarterOf(isoDate: string): QuarterKey {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return key(year, Math.ceil(month / 3));
}

/** The quarter's last day: `2026-Q3` → `2026-09-30`. */
export function quarterEnd(q: QuarterKey): string {
  const [year, n] = parts(q);
  return ["", `${year}-03-31`, `${year}-06-30`, `${year}-09-30`, `${year}-12-31`][n]!;
}

/** The first month (1–12) and last month of a quarter, for labels like "Jul–Sep 2026". */
export function quarterMonths(q: QuarterKey): { year: number; first: number; last: number } {
  const [year, n] = parts(q);
  return { year, first: n * 3 - 2, last: n * 3 };
}

export function nextQuarter(q: QuarterKey): QuarterKey {
  const [year, n] = parts(q);
  return n === 4 ? key(year + 1, 1) : key(year, n + 1);
}

export function previousQuarter(q: QuarterKey): QuarterKey {
  const [year, n] = parts(q);
  return n === 1 ? key(year - 1, 4) : key(year, n - 1);
}

/** Quarter keys order as text, but comparing the end dates says what is meant. */
const before = (a: QuarterKey, b: QuarterKey) => quarterEnd(a) < quarterEnd(b);

/** The date a quarter's report is due: {@link REPORT_WORKING_DAYS} working days after the quarter ends. */
export function reportDueDate(q: QuarterKey): string {
  return addWorkingDays(quarterEnd(q), REPORT_WORKING_DAYS);
}

/**
 * The quarters a report is owed for, oldest first: from the quarter delivery began in to the last quarter
 * that ended while still in delivery (before `deliveryEnd`, or before `today` while delivery goes on).
 * The quarter in progress is not owed yet.
 */
export function owedQuarters(deliveryStart: string, deliveryEnd: string | null, today: string): QuarterKey[] {
  const until = deliveryEnd && deliveryEnd < today ? deliveryEnd : today;
  const out: QuarterKey[] = [];
  for (let q = quarterOf(deliveryStart); quarterEnd(q) < until; q = nextQuarter(q)) out.push(q);
  return out;
}

/** Which quarter a report filed on `filedOn` is for (see the rule at the top of this module). */
export function reportQuarterFor(args: { filedOn: string; deliveryStart: string; reported: Iterable<QuarterKey> }) {
  const current = quarterOf(args.filedOn);
  const previous = previousQuarter(current);
  if (before(previous, quarterOf(args.deliveryStart))) return current;
  const reported = new Set(args.reported);
  if (args.filedOn <= reportDueDate(previous) || !reported.has(previous)) return previous;
  return current;
}

export type QuarterStatus =
  /** reported by its due date */
  | "reported"
  /** reported after its due date */
  | "late"
  /** ended, not reported, and still within its due date */
  | "due"
  /** ended, not reported, past its due date, while still in delivery */
  | "overdue"
  /** never reported, and delivery has ended: it can no longer be reported */
  | "missed";

export type QuarterRow = { quarter: QuarterKey; periodEnd: string; dueDate: string; status: QuarterStatus };

/**
 * Each owed quarter with its due date and whether it was reported, on time or late, or is due, overdue or
 * missed; plus the quarter in progress while delivery goes on (reported early, or not yet due).
 */
export function quarterStatuses(args: {
  deliveryStart: string;
  /** The day delivery ended; null while in delivery. */
  deliveryEnd: string | null;
  today: string;
  reports: { quarter: string; reportedOn: string }[];
}): { owed: QuarterRow[]; current: (QuarterRow & { status: "reported" | "late" | "due" }) | null } {
  const { deliveryStart, deliveryEnd, today } = args;
  const reportedOn = new Map(args.reports.map((r) => [r.quarter, r.reportedOn]));
  const row = (quarter: QuarterKey): QuarterRow => {
    const dueDate = reportDueDate(quarter);
    const on = reportedOn.get(quarter);
    const status: QuarterStatus = on
      ? on <= dueDate
        ? "reported"
        : "late"
      : deliveryEnd
        ? "missed"
        : today <= dueDate
          ? "due"
          : "overdue";
    return { quarter, periodEnd: quarterEnd(quarter), dueDate, status };
  };
  const owed = owedQuarters(deliveryStart, deliveryEnd, today).map(row);
  const current = deliveryEnd ? null : (row(quarterOf(today)) as QuarterRow & { status: "reported" | "due" });
  return { owed, current };
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A quarter as people read it: `Jul–Sep 2026` or `2026年7月至9月`; anything else as it is. */
export function formatQuarter(q: string, locale: "en" | "zh-Hant"): string {
  if (!isQuarterKey(q)) return q;
  const { year, first, last } = quarterMonths(q);
  return locale === "zh-Hant"
    ? `${year}年${first}月至${last}月`
    : `${MONTHS_EN[first - 1]}–${MONTHS_EN[last - 1]} ${year}`;
}

/**
 * The portfolio's clock: its fixed "today", its period, and date arithmetic on Hong Kong dates. Which
 * days are working days is the application's calendar; only the steps the seed needs and the calendar
 * does not offer (rolling to a working day, counting backwards) are written here.
 */
import { hongKongDate } from "../../../app/calendar/hong-kong.ts";
import { addWorkingDays, isWorkingDay } from "../../../app/calendar/working-days.ts";
import { random } from "./random.ts";

export { addWorkingDays, workingDaysBetween } from "../../../app/calendar/working-days.ts";

/** The portfolio's "today": the demo data describes the position on this date. */
export const PORTFOLIO_TODAY = "2026-11-27";
/** The first day of financial year 2024-25: nothing happens before it. */
export const PORTFOLIO_START = "2024-04-01";
export const MINUTE = 60_000;
export const DAY = 86_400_000;
/** No event after the end of the previous working day (26 Nov 2026, 18:30 HKT): nothing is in the future. */
export const LIMIT = Date.parse("2026-11-26T18:30:00+08:00");
export const START = Date.parse(`${PORTFOLIO_START}T09:00:00+08:00`);

/** The Hong Kong date of an instant (milliseconds). */
export const isoOf = (ms: number) => hongKongDate(new Date(ms));
/** Midnight at the start of a Hong Kong date. */
const msOfDay = (iso: string) => Date.parse(`${iso}T00:00:00+08:00`);
export const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
export const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/** The date itself if it is a working day, else the next working day. */
export function workingDayOnOrAfter(iso: string): string {
  let d = iso;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The date itself if it is a working day, else the working day before it. */
export function workingDayOnOrBefore(iso: string): string {
  let d = iso;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/** The working day `n` (> 0) working days before `iso`. */
export function subtractWorkingDays(iso: string, n: number): string {
  let d = iso;
  for (let left = n; left > 0;) {
    d = addDays(d, -1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

export const firstOfNextMonth = (iso: string) => {
  const [y, m] = iso.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
};
export const addMonths = (iso: string, n: number) => {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
};
/** The day before: with {@link firstOfNextMonth}, the last day of a month. */
export const dayBefore = (iso: string) => addDays(iso, -1);

/** The Friday on or before a date that is not a holiday (the Finance Committee meets on Fridays). */
export function fridayOnOrBefore(iso: string): string {
  let d = iso;
  while (weekday(d) !== 5 || !isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/** A time of day in office hours on a given date. */
export const officeTime = (iso: string) => msOfDay(iso) + random.int(9 * 60 + 5, 18 * 60 - 5) * MINUTE;

/** The working day `gap` working days after an instant, at an office time; 0: later the same day. */
export function later(prev: number, gap: number): number {
  if (gap === 0) return prev + random.int(15, 150) * MINUTE;
  return officeTime(addWorkingDays(isoOf(prev), gap));
}

/** The working day `gap` working days before an instant, at an office time; 0: earlier the same day. */
export function earlier(next: number, gap: number): number {
  if (gap === 0) return next - random.int(15, 150) * MINUTE;
  return officeTime(subtractWorkingDays(isoOf(next), gap));
}

/** A time on a date's working day (rolled forward), strictly after `after`. */
export function eventOn(iso: string, after: number): number {
  const at = officeTime(workingDayOnOrAfter(iso));
  return at > after ? at : later(after, 1);
}

import { HK_GENERAL_HOLIDAYS } from "./hk-general-holidays.ts";
import { hongKongDate } from "./hong-kong.ts";

const HOLIDAYS = new Set(HK_GENERAL_HOLIDAYS);
const DAY = 86_400_000;

/** Monday to Friday and not a Hong Kong general holiday. */
export function isWorkingDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(isoDate);
}

/**
 * Working days elapsed from `from` to `to` (Hong Kong dates): the working days after the start day up
 * to and including the end day. Something that arrived on Friday is 1 working day old on Monday.
 */
export function workingDaysBetween(from: Date | string, to: Date | string): number {
  const start = typeof from === "string" ? from.slice(0, 10) : hongKongDate(from);
  const end = typeof to === "string" ? to.slice(0, 10) : hongKongDate(to);
  if (end <= start) return 0;
  let count = 0;
  for (let t = Date.parse(`${start}T00:00:00Z`) + DAY; t <= Date.parse(`${end}T00:00:00Z`); t += DAY) {
    if (isWorkingDay(new Date(t).toISOString().slice(0, 10))) count++;
  }
  return count;
}

/** The date `n` working days after `from` (for due dates against the review SLA). */
export function addWorkingDays(from: Date | string, n: number): string {
  let t = Date.parse(`${typeof from === "string" ? from.slice(0, 10) : hongKongDate(from)}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    t += DAY;
    if (isWorkingDay(new Date(t).toISOString().slice(0, 10))) left--;
  }
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * Hong Kong time, in one place. Hong Kong keeps UTC+8 all year (no daylight saving since 1979), so a
 * fixed offset is exact and avoids depending on the time-zone database of the server or the browser.
 * Pure and browser-safe.
 */

/** Hong Kong's offset from UTC in milliseconds. */
export const HONG_KONG_OFFSET_MS = 8 * 3_600_000;

/** Hong Kong's offset as written in an ISO 8601 timestamp (`2026-11-27T09:00:00+08:00`). */
export const HONG_KONG_OFFSET = "+08:00";

/** The calendar and clock fields of an instant as read on a wall clock in Hong Kong (month 1–12). */
export type HongKongParts = { year: number; month: number; day: number; hour: number; minute: number };

/** An instant's year, month, day, hour and minute in Hong Kong. */
export function hongKongParts(instant: Date): HongKongParts {
  const hk = new Date(instant.getTime() + HONG_KONG_OFFSET_MS);
  return {
    year: hk.getUTCFullYear(),
    month: hk.getUTCMonth() + 1,
    day: hk.getUTCDate(),
    hour: hk.getUTCHours(),
    minute: hk.getUTCMinutes(),
  };
}

/** The Hong Kong calendar date (YYYY-MM-DD) of an instant. */
export function hongKongDate(instant: Date): string {
  return new Date(instant.getTime() + HONG_KONG_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in Hong Kong (YYYY-MM-DD). */
export function todayInHongKong(now: Date = new Date()): string {
  return hongKongDate(now);
}

/** The calendar year in Hong Kong of an instant. */
export function hongKongYear(instant: Date): number {
  return hongKongParts(instant).year;
}

/** The instant a Hong Kong wall-clock time happens: `hongKongTime("2026-11-27", "09:00")`. */
export function hongKongTime(isoDate: string, time = "00:00"): Date {
  return new Date(`${isoDate.slice(0, 10)}T${time}:00${HONG_KONG_OFFSET}`);
}

/** The instant a Hong Kong calendar day (YYYY-MM-DD) begins. */
export function hongKongMidnight(isoDate: string): Date {
  return hongKongTime(isoDate, "00:00");
}

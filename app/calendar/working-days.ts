import { HK_GENERAL_HOLIDAYS } from "./hk-general-holidays.ts";
import { hongKongDate } from "./hong-kong.ts";

const HOLIDAYS = new Set(HK_GENERAL_HOLIDAYS);
const YEARS = new Set(HK_GENERAL_HOLIDAYS.map((d) => Number(d.slice(0, 4))));
const DAY = 86_400_000;

/**
 * Thrown when a working-day count reaches a year for which no Hong Kong general holidays are shipped:
 * counting on would treat that year's holidays as working days and give a wrong SLA age or due date.
 * Pages answer it with a 503 that explains the gap (utils/http.server.ts), the API with a 503 error.
 */
export class HolidayDataMissingError extends Error {
  override readonly name = "HolidayDataMissingError";
  constructor(readonly year: number) {
    super(
      `No Hong Kong general holidays are known for ${year}: add the gazetted list to app/calendar/hk-general-holidays.ts.`,
    );
  }
}

/** The first and last year that the shipped holiday list covers. */
export const HOLIDAY_YEARS = { first: Math.min(...YEARS), last: Math.max(...YEARS) } as const;

/** Whether the holiday data covers a year. */
export function hasHolidayData(year: number): boolean {
  return YEARS.has(year);
}

/**
 * The state of the holiday data for the administration page: the last year covered, and whether that
 * data ends within a year of `today` (YYYY-MM-DD), time to add the next gazette.
 */
export function holidayDataStatus(today: string): { lastYear: number; endsWithinAYear: boolean } {
  const aYearOn = `${Number(today.slice(0, 4)) + 1}${today.slice(4, 10)}`;
  return { lastYear: HOLIDAY_YEARS.last, endsWithinAYear: `${HOLIDAY_YEARS.last}-12-31` < aYearOn };
}

/**
 * Monday to Friday and not a Hong Kong general holiday.
 * @throws {HolidayDataMissingError} for a date in a year without holiday data.
 */
export function isWorkingDay(isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  if (!YEARS.has(year)) throw new HolidayDataMissingError(year);
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
  const index = workingDayIndex();
  const [before, upTo] = [index.get(start), index.get(end)];
  if (before !== undefined && upTo !== undefined) return upTo - before;
  // Outside the covered years: day by day, so that the first year without data throws as it is reached.
  let count = 0;
  for (let t = Date.parse(`${start}T00:00:00Z`) + DAY; t <= Date.parse(`${end}T00:00:00Z`); t += DAY) {
    if (isWorkingDay(new Date(t).toISOString().slice(0, 10))) count++;
  }
  return count;
}

let index: Map<string, number> | null = null;

/**
 * For every date from the first covered year to the last, the working days from the start of that span up to
 * and including it (built once: about 4,000 dates). Two lookups then answer a count that a loop over each day
 * took: ages of years count thousands of days, and a reminder pass or a dashboard counts one per initiative.
 * Only within one run of consecutive covered years; a gap in the data ends it.
 */
function workingDayIndex(): Map<string, number> {
  if (index) return index;
  index = new Map();
  let count = 0;
  for (let t = Date.parse(`${HOLIDAY_YEARS.first}-01-01T00:00:00Z`); ; t += DAY) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (!YEARS.has(Number(date.slice(0, 4)))) break;
    if (isWorkingDay(date)) count++;
    index.set(date, count);
  }
  return index;
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

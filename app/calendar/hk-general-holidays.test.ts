import Holidays from "date-holidays";
import { describe, expect, it } from "vitest";
import { HK_GENERAL_HOLIDAYS } from "./hk-general-holidays.ts";
import { hongKongYear } from "./hong-kong.ts";
import {
  addWorkingDays,
  HOLIDAY_YEARS,
  HolidayDataMissingError,
  holidayDataStatus,
  isWorkingDay,
  workingDaysBetween,
} from "./working-days.ts";

const SHIPPED_YEARS = [...new Set(HK_GENERAL_HOLIDAYS.map((d) => Number(d.slice(0, 4))))];

describe("the Hong Kong holiday data", () => {
  // Meant to fail: from 1 January, this test asks for the holidays of the year after, so that the team
  // adds the gazette (published mid-year for the following year) before working-day counts reach it.
  // Do not silence it: add the year to hk-general-holidays.ts.
  it("covers this year and next year (fails on the clock to remind us to add the next gazette)", () => {
    const thisYear = hongKongYear(new Date());
    expect(SHIPPED_YEARS, `add the gazetted general holidays of ${thisYear + 1}`).toContain(thisYear);
    expect(SHIPPED_YEARS, `add the gazetted general holidays of ${thisYear + 1}`).toContain(thisYear + 1);
  });

  it("has no gap between its first and last year", () => {
    for (let year = HOLIDAY_YEARS.first; year <= HOLIDAY_YEARS.last; year++) expect(SHIPPED_YEARS).toContain(year);
  });

  // A check for developers against an independent source: the date-holidays package (a dev dependency,
  // never loaded by the app) computes Hong Kong's public holidays from rules. A difference means a typo
  // here, or a gazette that departs from the rules; read the gazette before changing either.
  it("matches the date-holidays package's Hong Kong public holidays for every shipped year", () => {
    const hk = new Holidays("HK");
    for (const year of SHIPPED_YEARS) {
      const expected = hk
        .getHolidays(year)
        .filter((h) => h.type === "public")
        .map((h) => h.date.slice(0, 10))
        .filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() !== 0);
      const shipped = HK_GENERAL_HOLIDAYS.filter((d) => d.startsWith(`${year}-`));
      expect(shipped, String(year)).toEqual([...new Set(expected)].sort());
    }
  });
});

describe("a year without holiday data", () => {
  const missing = HOLIDAY_YEARS.last + 1;

  it("refuses to say whether a day is a working day, naming the year", () => {
    expect(() => isWorkingDay(`${missing}-06-01`)).toThrow(HolidayDataMissingError);
    expect(() => isWorkingDay(`${missing}-06-01`)).toThrow(`for ${missing}`);
    expect(() => isWorkingDay(`${HOLIDAY_YEARS.first - 1}-06-01`)).toThrow(HolidayDataMissingError);
  });

  it("refuses a working-day count or a due date that reaches into it, rather than guessing", () => {
    const error = (() => {
      try {
        workingDaysBetween(`${HOLIDAY_YEARS.last}-12-20`, `${missing}-01-10`);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(HolidayDataMissingError);
    expect((error as HolidayDataMissingError).year).toBe(missing);
    expect(() => addWorkingDays(`${HOLIDAY_YEARS.last}-12-24`, 10)).toThrow(HolidayDataMissingError);
    // Counts inside the data still work.
    expect(workingDaysBetween(`${HOLIDAY_YEARS.last}-12-20`, `${HOLIDAY_YEARS.last}-12-31`)).toBeGreaterThan(0);
  });

  it("is announced to the administrator a year before the data ends", () => {
    expect(holidayDataStatus(`${HOLIDAY_YEARS.last - 1}-12-31`)).toEqual({
      lastYear: HOLIDAY_YEARS.last,
      endsWithinAYear: false,
    });
    expect(holidayDataStatus(`${HOLIDAY_YEARS.last}-01-01`).endsWithinAYear).toBe(true);
    expect(holidayDataStatus(`${missing}-03-01`).endsWithinAYear).toBe(true);
  });
});

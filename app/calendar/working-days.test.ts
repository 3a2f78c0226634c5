import { describe, expect, it } from "vitest";
import { HK_GENERAL_HOLIDAYS } from "./hk-general-holidays.ts";
import { hongKongDate } from "./hong-kong.ts";
import {
  addWorkingDays,
  HOLIDAY_YEARS,
  HolidayDataMissingError,
  isWorkingDay,
  workingDaysBetween,
} from "./working-days.ts";

describe("working days", () => {
  it("skips weekends", () => {
    // Fri 20 Nov 2026 → Mon 23 Nov 2026 is one working day.
    expect(workingDaysBetween("2026-11-20", "2026-11-23")).toBe(1);
    expect(workingDaysBetween("2026-11-16", "2026-11-27")).toBe(9);
    expect(workingDaysBetween("2026-11-21", "2026-11-22")).toBe(0);
  });

  it("skips Hong Kong general holidays, including days in lieu", () => {
    // Lunar New Year 2026: Tue 17 – Thu 19 Feb.
    expect(workingDaysBetween("2026-02-16", "2026-02-20")).toBe(1);
    // Easter 2026 with Ching Ming: Fri 3, Sat 4, Mon 6, Tue 7 April are holidays.
    expect(workingDaysBetween("2026-04-02", "2026-04-08")).toBe(1);
    // Christmas 2027: Sat 25 Dec, and Mon 27 Dec in lieu of Sunday 26th.
    expect(isWorkingDay("2027-12-27")).toBe(false);
    expect(isWorkingDay("2027-12-28")).toBe(true);
  });

  it("is zero for the same day or an end before the start", () => {
    expect(workingDaysBetween("2026-11-27", "2026-11-27")).toBe(0);
    expect(workingDaysBetween("2026-11-27", "2026-11-20")).toBe(0);
  });

  it("reads instants in Hong Kong time", () => {
    expect(hongKongDate(new Date("2026-11-26T16:30:00Z"))).toBe("2026-11-27");
    expect(workingDaysBetween(new Date("2026-11-26T16:30:00Z"), new Date("2026-11-30T01:00:00Z"))).toBe(1);
  });

  it("adds working days across a weekend and a holiday", () => {
    expect(addWorkingDays("2026-09-24", 2)).toBe("2026-09-28");
    expect(addWorkingDays("2026-12-24", 1)).toBe("2026-12-28");
  });

  it("counts across years as a walk over each day does, and throws on reaching a year without data", () => {
    const DAY = 86_400_000;
    const walk = (from: string, to: string) => {
      let n = 0;
      for (let t = Date.parse(`${from}T00:00:00Z`) + DAY; t <= Date.parse(`${to}T00:00:00Z`); t += DAY) {
        if (isWorkingDay(new Date(t).toISOString().slice(0, 10))) n++;
      }
      return n;
    };
    const first = Date.parse(`${HOLIDAY_YEARS.first}-01-01T00:00:00Z`);
    const span = Date.parse(`${HOLIDAY_YEARS.last}-12-31T00:00:00Z`) - first;
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * span;
    for (let i = 0; i < 200; i++) {
      const [a, b] = [random(), random()].map((t) =>
        new Date(first + Math.floor(t / DAY) * DAY).toISOString().slice(0, 10),
      );
      expect(workingDaysBetween(a!, b!), `${a} → ${b}`).toBe(a! < b! ? walk(a!, b!) : 0);
    }
    expect(workingDaysBetween(`${HOLIDAY_YEARS.first}-01-01`, `${HOLIDAY_YEARS.last}-12-31`)).toBe(
      walk(`${HOLIDAY_YEARS.first}-01-01`, `${HOLIDAY_YEARS.last}-12-31`),
    );
    expect(() => workingDaysBetween(`${HOLIDAY_YEARS.last}-12-01`, `${HOLIDAY_YEARS.last + 1}-01-05`)).toThrow(
      HolidayDataMissingError,
    );
    expect(() => workingDaysBetween(`${HOLIDAY_YEARS.first - 1}-12-01`, `${HOLIDAY_YEARS.first}-01-05`)).toThrow(
      HolidayDataMissingError,
    );
  });

  it("ships 17 holidays a year for 2024 to 2027, all valid dates", () => {
    for (const year of ["2024", "2025", "2026", "2027"]) {
      expect(HK_GENERAL_HOLIDAYS.filter((d) => d.startsWith(year))).toHaveLength(17);
    }
    // Earlier years too, for portfolios whose history goes back before 2024.
    for (let year = 2017; year <= 2023; year++) {
      expect(HK_GENERAL_HOLIDAYS.filter((d) => d.startsWith(String(year))).length).toBeGreaterThanOrEqual(16);
    }
    for (const d of HK_GENERAL_HOLIDAYS) expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d);
  });
});

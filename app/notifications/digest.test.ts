import { describe, expect, it } from "vitest";
import { hongKongTime } from "~/calendar/hong-kong.ts";
import { nextDigestAt } from "./digest.ts";

describe("the daily digest's time: 08:30 Hong Kong time on working days", () => {
  it.each([
    ["before 08:30 on a working day: that morning", "2026-12-01", "08:00", "2026-12-01"],
    ["after 08:30: the next working day", "2026-12-01", "08:30", "2026-12-02"],
    ["on Friday evening: Monday", "2026-12-04", "18:00", "2026-12-07"],
    ["before Christmas (Fri 25 Dec a holiday): Monday 28th", "2026-12-24", "12:00", "2026-12-28"],
    ["over New Year (Fri 1 Jan 2027 a holiday): Monday 4th", "2026-12-31", "09:00", "2027-01-04"],
  ])("%s", (_, day, time, expected) => {
    expect(nextDigestAt(hongKongTime(day, time))).toEqual(hongKongTime(expected, "08:30"));
  });
});

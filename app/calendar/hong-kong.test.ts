import { describe, expect, it } from "vitest";
import {
  hongKongDate,
  hongKongMidnight,
  hongKongParts,
  hongKongTime,
  hongKongYear,
  todayInHongKong,
} from "./hong-kong.ts";

describe("Hong Kong time", () => {
  it("reads an instant on a Hong Kong wall clock", () => {
    expect(hongKongParts(new Date("2026-12-31T16:05:00Z"))).toEqual({
      year: 2027,
      month: 1,
      day: 1,
      hour: 0,
      minute: 5,
    });
    expect(hongKongYear(new Date("2026-12-31T15:59:59Z"))).toBe(2026);
    expect(hongKongYear(new Date("2026-12-31T16:00:00Z"))).toBe(2027);
  });

  it("gives the date and today's date at the Hong Kong midnight, not the UTC one", () => {
    expect(hongKongDate(new Date("2026-11-26T16:30:00Z"))).toBe("2026-11-27");
    expect(todayInHongKong(new Date("2026-11-27T16:30:00Z"))).toBe("2026-11-28");
    expect(todayInHongKong(new Date("2026-11-27T15:30:00Z"))).toBe("2026-11-27");
  });

  it("turns a Hong Kong date and time into an instant", () => {
    expect(hongKongMidnight("2026-11-27").toISOString()).toBe("2026-11-26T16:00:00.000Z");
    expect(hongKongTime("2026-11-27", "09:30").toISOString()).toBe("2026-11-27T01:30:00.000Z");
    expect(hongKongDate(hongKongMidnight("2026-11-27"))).toBe("2026-11-27");
  });
});

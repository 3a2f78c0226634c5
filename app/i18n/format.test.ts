import { describe, expect, it } from "vitest";
import { formatDate, formatDays, formatHkd, formatterFor, localName, localTitle, otherTitle } from "./format.ts";

describe("format", () => {
  it("writes money in HK$ with separators, the same in both languages", () => {
    expect(formatHkd(12_345_678)).toBe("HK$12,345,678");
    expect(formatHkd(null)).toBe("—");
    expect(formatDays(3)).toBe("3.0");
  });

  it("writes dates the way each language does, in Hong Kong time", () => {
    expect(formatDate("2026-11-27", "en")).toBe("27 Nov 2026");
    expect(formatDate("2026-11-27", "zh-Hant")).toBe("2026年11月27日");
    // 20:00 UTC is already the next day in Hong Kong.
    expect(formatDate(new Date("2026-11-26T20:00:00Z"), "en")).toBe("27 Nov 2026");
  });

  it("says working days in the reader's language", () => {
    expect(formatterFor("en").workingDays(1)).toBe("1 working day");
    expect(formatterFor("zh-Hant").workingDays(3)).not.toContain("working");
  });

  it("chooses text kept in both languages by one rule: the reader's language, else the other one", () => {
    const both = { titleEn: "Smart kiosks", titleZh: "智能資訊站" };
    expect(localTitle(both, "en")).toBe("Smart kiosks");
    expect(localTitle(both, "zh-Hant")).toBe("智能資訊站");
    expect(localTitle({ titleEn: "Only English", titleZh: null }, "zh-Hant")).toBe("Only English");
    expect(localTitle({ titleEn: "  ", titleZh: "只有中文" }, "en")).toBe("只有中文");
    expect(localTitle({ titleEn: null, titleZh: "" }, "en")).toBeNull();
    expect(otherTitle(both, "zh-Hant")).toBe("Smart kiosks");
    expect(otherTitle({ titleEn: "Same", titleZh: null }, "en")).toBeNull();
    expect(localName({ code: "ITIB", nameEn: "Innovation Bureau", nameZh: "創新科技局" }, "zh-Hant")).toBe(
      "創新科技局",
    );
    expect(localName({ code: "ITIB", nameEn: "", nameZh: "" }, "en")).toBe("ITIB");
  });
});

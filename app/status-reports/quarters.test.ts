import { describe, expect, it } from "vitest";
import {
  formatQuarter,
  owedQuarters,
  quarterEnd,
  quarterOf,
  quarterStatuses,
  reportDueDate,
  reportQuarterFor,
} from "./quarters.ts";

describe("status report quarters", () => {
  it("are calendar quarters ending 31 March, 30 June, 30 September and 31 December", () => {
    expect(quarterOf("2026-01-01")).toBe("2026-Q1");
    expect(quarterOf("2026-03-31")).toBe("2026-Q1");
    expect(quarterOf("2026-04-01")).toBe("2026-Q2");
    expect(quarterOf("2026-09-30")).toBe("2026-Q3");
    expect(quarterOf("2026-12-31")).toBe("2026-Q4");
    expect(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"].map((q) => quarterEnd(q as never))).toEqual([
      "2026-03-31",
      "2026-06-30",
      "2026-09-30",
      "2026-12-31",
    ]);
    expect(formatQuarter("2026-Q3", "en")).toBe("Jul–Sep 2026");
    expect(formatQuarter("2026-Q3", "zh-Hant")).toBe("2026年7月至9月");
  });

  it("are due ten Hong Kong working days after the quarter ends, skipping weekends and general holidays", () => {
    // 30 Sep 2026 is a Wednesday; 1 Oct (National Day) is a holiday: 2 Oct, 5–9 Oct, 12–15 Oct.
    expect(reportDueDate("2026-Q3")).toBe("2026-10-15");
    // Projects delivering since before 2024 are owed reports for those years too: 2 January 2023 was the
    // day in lieu of New Year's Day, 2 October 2023 the day in lieu of National Day.
    expect(reportDueDate("2022-Q4")).toBe("2023-01-16");
    expect(reportDueDate("2023-Q3")).toBe("2023-10-16");
    // 31 Mar 2026: Easter (3, 6 and 7 April) falls in the ten days.
    expect(reportDueDate("2026-Q1")).toBe("2026-04-17");
    // Across the year end: 1 Jan 2027 is a holiday.
    expect(reportDueDate("2026-Q4")).toBe("2027-01-15");
    // 30 Sep 2027 is a Thursday; 1 Oct and 8 Oct (Chung Yeung) are holidays.
    expect(reportDueDate("2027-Q3")).toBe("2027-10-18");
  });

  it("are owed from the quarter delivery began to the last quarter that ended during delivery", () => {
    expect(owedQuarters("2026-05-20", null, "2026-12-01")).toEqual(["2026-Q2", "2026-Q3"]);
    // The quarter in progress is not owed yet; on its last day it still is not.
    expect(owedQuarters("2026-05-20", null, "2026-09-30")).toEqual(["2026-Q2"]);
    expect(owedQuarters("2026-05-20", null, "2026-10-01")).toEqual(["2026-Q2", "2026-Q3"]);
    // Delivery ended on 5 Aug 2026: nothing after Q2 is owed however late it is now.
    expect(owedQuarters("2026-05-20", "2026-08-05", "2027-03-01")).toEqual(["2026-Q2"]);
    // Funded and completed within one quarter: nothing owed.
    expect(owedQuarters("2026-07-02", "2026-09-10", "2026-12-01")).toEqual([]);
  });

  it("are reported for the quarter just ended while it is due or unreported, else for the quarter in progress", () => {
    const deliveryStart = "2026-05-20";
    // Within the ten working days: the quarter just ended.
    expect(reportQuarterFor({ filedOn: "2026-10-15", deliveryStart, reported: [] })).toBe("2026-Q3");
    expect(reportQuarterFor({ filedOn: "2026-10-15", deliveryStart, reported: ["2026-Q3"] })).toBe("2026-Q3");
    // After the due date: a late report fills the gap, a further one is for the quarter in progress.
    expect(reportQuarterFor({ filedOn: "2026-10-16", deliveryStart, reported: [] })).toBe("2026-Q3");
    expect(reportQuarterFor({ filedOn: "2026-10-16", deliveryStart, reported: ["2026-Q3"] })).toBe("2026-Q4");
    // Before delivery began nothing was owed: a report in the first quarter is for that quarter.
    expect(reportQuarterFor({ filedOn: "2026-07-03", deliveryStart: "2026-07-01", reported: [] })).toBe("2026-Q3");
  });

  it("are reported, late, due, overdue or missed", () => {
    const reports = [{ quarter: "2026-Q2", reportedOn: "2026-07-10" }];
    expect(quarterStatuses({ deliveryStart: "2026-05-20", deliveryEnd: null, today: "2026-10-15", reports })).toEqual({
      owed: [
        { quarter: "2026-Q2", periodEnd: "2026-06-30", dueDate: "2026-07-15", status: "reported" },
        { quarter: "2026-Q3", periodEnd: "2026-09-30", dueDate: "2026-10-15", status: "due" },
      ],
      current: { quarter: "2026-Q4", periodEnd: "2026-12-31", dueDate: "2027-01-15", status: "due" },
    });
    const later = quarterStatuses({ deliveryStart: "2026-05-20", deliveryEnd: null, today: "2026-10-16", reports });
    expect(later.owed.map((r) => r.status)).toEqual(["reported", "overdue"]);
    const late = [...reports, { quarter: "2026-Q3", reportedOn: "2026-10-20" }];
    expect(
      quarterStatuses({ deliveryStart: "2026-05-20", deliveryEnd: null, today: "2026-11-01", reports: late }).owed.map(
        (r) => r.status,
      ),
    ).toEqual(["reported", "late"]);
    const ended = quarterStatuses({
      deliveryStart: "2026-05-20",
      deliveryEnd: "2026-11-02",
      today: "2026-12-01",
      reports,
    });
    expect(ended.owed.map((r) => r.status)).toEqual(["reported", "missed"]);
    expect(ended.current).toBeNull();
  });
});

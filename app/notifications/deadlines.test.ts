// Reminders and escalations against the Hong Kong working-day calendar, across weekends and holidays.
import { describe, expect, it } from "vitest";
import { addWorkingDays } from "~/calendar/working-days.ts";
import { deadlineLevel, tellsForItemDeadline, tellsForReviewDeadline } from "./deadlines.ts";

describe("deadline levels", () => {
  it("reminds from two working days before the due date, not earlier", () => {
    // Due Wednesday 9 Dec 2026: reminded on Monday 7th, not on Friday 4th.
    expect(deadlineLevel("2026-12-04", "2026-12-09", false)).toBeNull();
    expect(deadlineLevel("2026-12-07", "2026-12-09", false)).toBe("REMINDER");
    expect(deadlineLevel("2026-12-09", "2026-12-09", false)).toBe("REMINDER");
  });

  it("counts working days across a weekend: due Monday, reminded the Thursday before", () => {
    expect(deadlineLevel("2026-12-09", "2026-12-14", false)).toBeNull(); // Wed: Thu, Fri, Mon = 3
    expect(deadlineLevel("2026-12-10", "2026-12-14", false)).toBe("REMINDER"); // Thu: Fri, Mon = 2
    expect(deadlineLevel("2026-12-12", "2026-12-14", false)).toBe("REMINDER"); // Sat
  });

  it("counts working days across holidays: Christmas Day 2026 is a Friday", () => {
    // Due Monday 28 Dec: from Wednesday 23rd only Thu 24 and Mon 28 are working days (Fri 25 is a holiday).
    expect(deadlineLevel("2026-12-23", "2026-12-28", false)).toBe("REMINDER");
    expect(deadlineLevel("2026-12-22", "2026-12-28", false)).toBeNull(); // Wed 23, Thu 24, Mon 28 = 3
    expect(addWorkingDays("2026-12-24", 1)).toBe("2026-12-28");
  });

  it("escalates once overdue, and a past due date without the overdue rule is nothing", () => {
    expect(deadlineLevel("2026-12-10", "2026-12-09", true)).toBe("ESCALATION");
    expect(deadlineLevel("2026-12-10", "2026-12-09", false)).toBeNull();
  });
});

describe("who is told at each level", () => {
  it("a review: its reviewers are reminded; the head of the division is told when it is overdue", () => {
    expect(tellsForReviewDeadline("DATA_GOVERNANCE", "REMINDER")).toEqual([
      { kind: "REVIEW_REMINDER", to: { reviewersOf: "DATA_GOVERNANCE" }, division: "DATA_GOVERNANCE" },
    ]);
    expect(tellsForReviewDeadline("DATA_GOVERNANCE", "ESCALATION")).toEqual([
      { kind: "REVIEW_ESCALATION", to: { headOf: "DATA_GOVERNANCE" }, division: "DATA_GOVERNANCE" },
    ]);
  });

  it("a milestone or condition: the officers are reminded; past due the officers and then the lead reviewers", () => {
    expect(tellsForItemDeadline("ITIB", "DIGITAL_GOVERNMENT", "REMINDER")).toEqual([
      { kind: "ITEM_REMINDER", to: { officersOf: "ITIB" } },
    ]);
    expect(tellsForItemDeadline("ITIB", "DIGITAL_GOVERNMENT", "ESCALATION")).toEqual([
      { kind: "ITEM_OVERDUE", to: { officersOf: "ITIB" } },
      { kind: "ITEM_ESCALATION", to: { reviewersOf: "DIGITAL_GOVERNMENT" }, division: "DIGITAL_GOVERNMENT" },
    ]);
  });
});

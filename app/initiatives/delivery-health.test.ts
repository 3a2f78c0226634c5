import { describe, expect, it } from "vitest";
import { deliveryHealth } from "./delivery-health.ts";

const base = { stage: "delivery", plannedEnd: "2027-12-31", milestones: [], conditions: [] };

describe("delivery health", () => {
  it("is green when nothing is overdue", () => {
    expect(deliveryHealth({ ...base, milestones: [{ due: "2026-12-01", status: "PLANNED" }] }, "2026-11-27")).toBe(
      "green",
    );
    expect(deliveryHealth({ ...base, milestones: [{ due: "2026-01-01", status: "DONE" }] }, "2026-11-27")).toBe(
      "green",
    );
  });

  it("is amber when a milestone or a condition is overdue by up to 30 days", () => {
    expect(deliveryHealth({ ...base, milestones: [{ due: "2026-11-26", status: "PLANNED" }] }, "2026-11-27")).toBe(
      "amber",
    );
    expect(deliveryHealth({ ...base, milestones: [{ due: "2026-10-28", status: "PLANNED" }] }, "2026-11-27")).toBe(
      "amber",
    );
    expect(deliveryHealth({ ...base, conditions: [{ due: "2026-11-01", status: "open" }] }, "2026-11-27")).toBe(
      "amber",
    );
  });

  it("is red beyond 30 days overdue, or when the planned end has passed", () => {
    expect(deliveryHealth({ ...base, milestones: [{ due: "2026-10-27", status: "PLANNED" }] }, "2026-11-27")).toBe(
      "red",
    );
    expect(deliveryHealth({ ...base, conditions: [{ due: "2026-01-01", status: "open" }] }, "2026-11-27")).toBe("red");
    expect(deliveryHealth({ ...base, plannedEnd: "2026-11-26" }, "2026-11-27")).toBe("red");
  });

  it("ignores met conditions and conditions without a due date, and has no health outside delivery", () => {
    expect(
      deliveryHealth(
        {
          ...base,
          conditions: [
            { due: "2026-01-01", status: "met" },
            { due: null, status: "open" },
          ],
        },
        "2026-11-27",
      ),
    ).toBe("green");
    expect(
      deliveryHealth(
        { ...base, stage: "fundingReview", milestones: [{ due: "2020-01-01", status: "PLANNED" }] },
        "2026-11-27",
      ),
    ).toBeNull();
  });
});

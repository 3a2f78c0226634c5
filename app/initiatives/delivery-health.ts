/**
 * Delivery health from milestones and conditions (pure; shared by pages, CSV and tests):
 * - red: a milestone or condition more than 30 days overdue, or the planned end has passed;
 * - amber: a milestone or condition overdue;
 * - green: nothing overdue.
 * Only initiatives being delivered (delivery, benefitsReview) have a health.
 */
export type Health = "green" | "amber" | "red";

export const RED_AFTER_DAYS = 30;
const HEALTH_STAGES = new Set(["delivery", "benefitsReview"]);

type Due = { due: string | null; done: boolean };

/** Days from ISO date `a` to ISO date `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function deliveryHealth(
  input: {
    stage: string;
    plannedEnd: string | null;
    milestones: { due: string; status: string }[];
    conditions: { due: string | null; status: string }[];
  },
  today: string,
): Health | null {
  if (!HEALTH_STAGES.has(input.stage)) return null;
  const items: Due[] = [
    ...input.milestones.map((m) => ({ due: m.due, done: m.status === "DONE" })),
    ...input.conditions.map((c) => ({ due: c.due, done: c.status === "met" })),
  ];
  let worst = 0;
  for (const item of items) {
    if (item.done || !item.due || item.due >= today) continue;
    worst = Math.max(worst, daysBetween(item.due, today));
  }
  const endPassed = input.stage === "delivery" && !!input.plannedEnd && input.plannedEnd < today;
  if (endPassed || worst > RED_AFTER_DAYS) return "red";
  if (worst > 0) return "amber";
  return "green";
}

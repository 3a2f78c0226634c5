/**
 * Reminders and escalations from the working-day calendar: which level a deadline has reached on a Hong
 * Kong date, and who is told at each level. Pure.
 */
import { workingDaysBetween } from "~/calendar/working-days.ts";
import type { Division } from "~/lifecycle/divisions.ts";
import type { Tell } from "./rules.ts";

export type DeadlineLevel = "REMINDER" | "ESCALATION";

/** Reminders go out this many working days before the due date. */
export const REMIND_WORKING_DAYS = 2;

/**
 * The level a deadline has reached on `today` (a Hong Kong date): ESCALATION once overdue, REMINDER from two
 * working days before the due date up to it, else none. `overdue` is the caller's rule (a review counts
 * working days against the SLA; a milestone or condition is overdue the day after its date).
 */
export function deadlineLevel(today: string, dueOn: string, overdue: boolean): DeadlineLevel | null {
  if (overdue) return "ESCALATION";
  if (today > dueOn) return null;
  return workingDaysBetween(today, dueOn) <= REMIND_WORKING_DAYS ? "REMINDER" : null;
}

/** A review (a division's sign-off, or the lead division's funding decision) nearing or past its due date. */
export function tellsForReviewDeadline(division: Division, level: DeadlineLevel): Tell[] {
  return level === "REMINDER"
    ? [{ kind: "REVIEW_REMINDER", to: { reviewersOf: division }, division }]
    : [{ kind: "REVIEW_ESCALATION", to: { headOf: division }, division }];
}

/**
 * A milestone or condition nearing or past its due date: the owning officers are reminded, then told it is
 * overdue, and the lead division's reviewers are told too.
 */
export function tellsForItemDeadline(bureauCode: string, lead: Division | null, level: DeadlineLevel): Tell[] {
  if (level === "REMINDER") return [{ kind: "ITEM_REMINDER", to: { officersOf: bureauCode } }];
  const tells: Tell[] = [{ kind: "ITEM_OVERDUE", to: { officersOf: bureauCode } }];
  if (lead) tells.push({ kind: "ITEM_ESCALATION", to: { reviewersOf: lead }, division: lead });
  return tells;
}

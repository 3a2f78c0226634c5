/**
 * The scheduled pass of reminders and escalations: reviews waiting on a division (and funding decisions
 * waiting on the lead division) against the review SLA in working days; milestones and conditions against
 * their due dates. Each reminder is recorded once per initiative, region, round and level (a unique row
 * written in the same transaction as its notifications), so running the pass again, or on several instances
 * at once, sends nothing twice.
 */
import { hongKongDate } from "~/calendar/hong-kong.ts";
import { HolidayDataMissingError } from "~/calendar/working-days.ts";
import { isDivision, type Division } from "~/lifecycle/divisions.ts";
import { reviewClock } from "~/reviews/review-queue.server.ts";
import { getSettings } from "~/settings/settings.server.ts";
import { db } from "~/utils/db.server.ts";
import { getLogger } from "~/utils/logger.server.ts";
import { deadlineLevel, tellsForItemDeadline, tellsForReviewDeadline, type DeadlineLevel } from "./deadlines.ts";
import { writeNotifications } from "./outbox.server.ts";
import type { Tell } from "./rules.ts";
import { isUniqueViolation } from "~/utils/db/db-errors.server.ts";

/** Milestones and conditions further ahead than this are not looked at (no reminder can be due yet). */
const LOOKAHEAD_DAYS = 14;
const FINAL = ["rejected", "withdrawn", "closed"];

export type ReminderPassResult = { reminders: number; escalations: number; notifications: number };

type Initiative = {
  id: string;
  ref: string;
  titleEn: string | null;
  titleZh: string | null;
  bureauCode: string;
  leadDivision: string | null;
  round: number;
};

type Due = {
  initiative: Initiative;
  region: string;
  dueOn: string;
  level: DeadlineLevel;
  tells: Tell[];
  data?: Record<string, unknown>;
};

const INITIATIVE = {
  id: true,
  ref: true,
  titleEn: true,
  titleZh: true,
  bureauCode: true,
  leadDivision: true,
  round: true,
} as const;

/** One pass as if at `now`. */
export async function runReminderPass(now: Date = new Date()): Promise<ReminderPassResult> {
  const today = hongKongDate(now);
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + LOOKAHEAD_DAYS * 86_400_000).toISOString().slice(0, 10);
  const { reviewSlaDays } = await getSettings();
  const due: Due[] = [];
  const guard = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      // A due date in a year without holiday data cannot be counted; the administrator's page warns of it.
      if (!(error instanceof HolidayDataMissingError)) throw error;
      getLogger().warn({ event: "reminder_skipped", what, year: error.year }, error.message);
    }
  };

  const reviews = await db.initiative.findMany({
    where: { stage: { in: ["efficiencyReview", "fundingReview"] } },
    select: { ...INITIATIVE, stage: true, pendingSignoffs: true, stageEnteredAt: true },
  });
  for (const { stage, pendingSignoffs, stageEnteredAt, ...initiative } of reviews) {
    guard(initiative.ref, () => {
      const clock = reviewClock(stageEnteredAt, reviewSlaDays, now);
      const level = deadlineLevel(today, clock.dueOn, clock.overdue);
      if (!level) return;
      const divisions: [string, Division][] =
        stage === "efficiencyReview"
          ? pendingSignoffs
              .split(",")
              .filter(isDivision)
              .map((d) => [d, d])
          : isDivision(initiative.leadDivision)
            ? [["FUNDING", initiative.leadDivision]]
            : [];
      for (const [region, division] of divisions) {
        due.push({
          initiative,
          region,
          dueOn: clock.dueOn,
          level,
          tells: tellsForReviewDeadline(division, level),
          data: { due: clock.dueOn },
        });
      }
    });
  }

  const lead = (i: Initiative) => (isDivision(i.leadDivision) ? i.leadDivision : null);
  const milestones = await db.milestone.findMany({
    where: { status: "PLANNED", due: { lte: horizon }, initiative: { stage: "delivery" } },
    select: { id: true, name: true, due: true, initiative: { select: INITIATIVE } },
  });
  for (const m of milestones) {
    guard(m.initiative.ref, () => {
      const level = deadlineLevel(today, m.due, today > m.due);
      if (!level) return;
      due.push({
        initiative: m.initiative,
        region: `M:${m.id}`,
        dueOn: m.due,
        level,
        tells: tellsForItemDeadline(m.initiative.bureauCode, lead(m.initiative), level),
        data: { due: m.due, item: m.name },
      });
    });
  }
  const conditions = await db.condition.findMany({
    where: { status: "open", due: { not: null, lte: horizon }, initiative: { stage: { notIn: FINAL } } },
    select: { key: true, text: true, due: true, initiative: { select: INITIATIVE } },
  });
  for (const c of conditions) {
    guard(c.initiative.ref, () => {
      const level = deadlineLevel(today, c.due!, today > c.due!);
      if (!level) return;
      const item = `${c.key} ${c.text.length > 80 ? `${c.text.slice(0, 79)}…` : c.text}`;
      due.push({
        initiative: c.initiative,
        region: `C:${c.key}`,
        dueOn: c.due!,
        level,
        tells: tellsForItemDeadline(c.initiative.bureauCode, lead(c.initiative), level),
        data: { due: c.due, item },
      });
    });
  }

  const result: ReminderPassResult = { reminders: 0, escalations: 0, notifications: 0 };
  for (const d of due) {
    const written = await sendOnce(d, now);
    if (written === null) continue;
    result.notifications += written;
    if (d.level === "REMINDER") result.reminders++;
    else result.escalations++;
  }
  return result;
}

/** Records the reminder and writes its notifications in one transaction; null when it was already sent. */
async function sendOnce(d: Due, now: Date): Promise<number | null> {
  const key = { initiativeId: d.initiative.id, region: d.region, round: d.initiative.round, level: d.level };
  const exists = await db.reminderSent.findUnique({
    where: { initiativeId_region_round_level: key },
    select: { id: true },
  });
  if (exists) return null;
  try {
    return await db.$transaction(async (tx) => {
      await tx.reminderSent.create({ data: { ...key, dueOn: d.dueOn, createdAt: now, updatedAt: now } });
      return writeNotifications(
        tx,
        { initiative: d.initiative, event: null, actorId: null, round: d.initiative.round, data: d.data, now },
        d.tells,
      );
    });
  } catch (error) {
    // Another instance recorded it first: it sent the notifications.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

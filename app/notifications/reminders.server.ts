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
import { readDataStamp } from "~/utils/db/data-stamp.server.ts";

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

// The stored data and the date of this instance's last pass that found nothing new to send. What is due is a
// function of the initiatives, their milestones and conditions, the settings and the Hong Kong date; each of
// their writers appends to the audit log (data-stamp.server.ts). So while the stamp and the date are the same,
// the next pass would find the same items due, all sent: it is skipped, for one statement instead of a scan of
// every initiative in review or delivery (seconds at 100,000 initiatives, every 10 s).
let quietAt: string | null = null;

/** One pass as if at `now`. */
export async function runReminderPass(now: Date = new Date()): Promise<ReminderPassResult> {
  const today = hongKongDate(now);
  // Read before the items due, so that what a quiet pass saw is at least as new as the stamp it is marked under.
  const stamp = JSON.stringify([await readDataStamp(), today]);
  if (stamp === quietAt) return { reminders: 0, escalations: 0, notifications: 0 };
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
  // From the initiatives in delivery, not from the milestones: SQLite would otherwise walk every planned
  // milestone due by the horizon, of initiatives in any stage, to find the few in delivery (half the time).
  const milestoneDue = { status: "PLANNED", due: { lte: horizon } } as const;
  const inDelivery = await db.initiative.findMany({
    where: { stage: "delivery", milestones: { some: milestoneDue } },
    select: { ...INITIATIVE, milestones: { where: milestoneDue, select: { id: true, name: true, due: true } } },
  });
  const milestones = inDelivery.flatMap(({ milestones, ...initiative }) =>
    milestones.map((m) => ({ ...m, initiative })),
  );
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
  const sent = await alreadySent(due);
  for (const d of due) {
    if (sent.has(sentKey(keyOf(d)))) continue;
    const written = await sendOnce(d, now);
    if (written === null) continue;
    result.notifications += written;
    if (d.level === "REMINDER") result.reminders++;
    else result.escalations++;
  }
  quietAt = result.notifications + result.reminders + result.escalations === 0 ? stamp : null;
  return result;
}

type SentKey = { initiativeId: string; region: string; round: number; level: string };

const keyOf = (d: Due): SentKey => ({
  initiativeId: d.initiative.id,
  region: d.region,
  round: d.initiative.round,
  level: d.level,
});
const sentKey = (k: SentKey) => JSON.stringify([k.initiativeId, k.region, k.round, k.level]);

/** Initiatives whose recorded reminders are read in one statement. */
const SENT_BATCH = 500;

/**
 * The reminders already recorded for the initiatives with something due, read a batch of initiatives at a time:
 * almost every due item of a pass was sent by an earlier one, and asking for each on its own costs a statement
 * apiece (thousands of them every pass at 100,000 initiatives).
 */
async function alreadySent(due: Due[]): Promise<Set<string>> {
  const ids = [...new Set(due.map((d) => d.initiative.id))];
  const sent = new Set<string>();
  for (let i = 0; i < ids.length; i += SENT_BATCH) {
    const rows = await db.reminderSent.findMany({
      where: { initiativeId: { in: ids.slice(i, i + SENT_BATCH) } },
      select: { initiativeId: true, region: true, round: true, level: true },
    });
    for (const row of rows) sent.add(sentKey(row));
  }
  return sent;
}

/**
 * Records the reminder and writes its notifications in one transaction; null when it was already sent (by
 * another instance since this pass read what was recorded: the unique key refuses the second record).
 */
async function sendOnce(d: Due, now: Date): Promise<number | null> {
  const key = keyOf(d);
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

/**
 * Read models of the division reviewer's workspace (/reviews): the sign-offs waiting on their division
 * in the current round, the funding decisions waiting on it as lead division, and what it decided
 * recently. Each list is one query over plain columns (plus one for the names of the deciders); ages are
 * counted in Hong Kong working days against the review SLA setting.
 */
import { hongKongDate } from "~/calendar/hong-kong.ts";
import { addWorkingDays, workingDaysBetween } from "~/calendar/working-days.ts";
import { isDivision, type Division } from "~/lifecycle/divisions.ts";
import { getSettings, type Settings } from "~/settings/settings.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { likeContains } from "~/dashboard/dashboard-sql.server.ts";
import { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";

/** How many recent decisions the "decided" tab shows. */
export const RECENT_DECISIONS = 30;

/** Funding decisions only the lead division's reviewers take (the Finance Committee's are leadership's). */
export const LEAD_FUNDING_DECISIONS = ["APPROVED", "REFERRED", "DEFERRED", "REOPENED", "REJECTED"] as const;

export type ReviewClock = {
  /** Hong Kong date the initiative entered the stage (for a review: the current round's submission). */
  enteredOn: string;
  /** Working days since then (Monday to Friday, Hong Kong general holidays excluded). */
  ageWorkingDays: number;
  /** The last working day within the SLA. */
  dueOn: string;
  /** More working days have passed than the SLA allows. */
  overdue: boolean;
};

/** The SLA clock of something that has waited since `enteredAt`. Pure. */
export function reviewClock(enteredAt: Date, slaDays: number, now: Date = new Date()): ReviewClock {
  const ageWorkingDays = workingDaysBetween(enteredAt, now);
  return {
    enteredOn: hongKongDate(enteredAt),
    ageWorkingDays,
    dueOn: addWorkingDays(enteredAt, slaDays),
    overdue: ageWorkingDays > slaDays,
  };
}

/** The reviewer's division; anyone else is refused (403). */
export function reviewerDivision(user: Caller): Division {
  if (user.role !== "REVIEWER" || !isDivision(user.divisionCode)) {
    throw new HttpError(403, { key: "problems.queueReviewersOnly" });
  }
  return user.divisionCode;
}

const BUREAU = { select: { code: true, nameEn: true, nameZh: true } } as const;

/** `take`: only the first so many items, oldest first (a page of the workspace); all when absent. */
export type QueueOptions = { now?: Date; take?: number };

/**
 * Initiatives whose sign-off by the reviewer's division is pending in the current round, oldest first
 * (by entry into the round), each with its SLA clock.
 */
export async function getReviewQueue(user: Caller, opts: QueueOptions = {}) {
  const division = reviewerDivision(user);
  const now = opts.now ?? new Date();
  const [settings, rows] = await Promise.all([
    getSettings(),
    db.initiative.findMany({
      // `pendingSignoffs` is ",DIV,DIV," only while in efficiency review (served by [stage, stageEnteredAt]).
      where: { stage: "efficiencyReview", pendingSignoffs: { contains: `,${division},` } },
      orderBy: [{ stageEnteredAt: "asc" }, { ref: "asc" }],
      take: opts.take,
      select: {
        ref: true,
        titleEn: true,
        titleZh: true,
        bureau: BUREAU,
        leadDivision: true,
        requiredDivisions: true,
        pendingSignoffs: true,
        round: true,
        submittedAt: true,
        stageEnteredAt: true,
        nonRecurrentCost: true,
      },
    }),
  ]);
  const items = rows.map(({ pendingSignoffs, requiredDivisions, stageEnteredAt, ...row }) => ({
    ...row,
    requiredDivisions: requiredDivisions.split(",").filter(isDivision),
    /** Other divisions still to decide in this round. */
    otherPending: pendingSignoffs.split(",").filter((d): d is Division => isDivision(d) && d !== division),
    roundSubmittedAt: stageEnteredAt,
    ...reviewClock(stageEnteredAt, settings.reviewSlaDays, now),
  }));
  return { division, slaDays: settings.reviewSlaDays, items };
}

/**
 * Funding decisions waiting on the reviewer's division as lead: initiatives in funding review (with the
 * SLA clock) and deferred ones, which the division may reopen. Each says which route its request implies.
 */
export async function getFundingQueue(user: Caller, opts: QueueOptions = {}) {
  const division = reviewerDivision(user);
  const now = opts.now ?? new Date();
  const [settings, rows] = await Promise.all([
    getSettings(),
    db.initiative.findMany({
      where: { stage: { in: ["fundingReview", "deferred"] }, leadDivision: division },
      orderBy: [{ stageEnteredAt: "asc" }, { ref: "asc" }],
      take: opts.take,
      select: {
        ref: true,
        titleEn: true,
        titleZh: true,
        bureau: BUREAU,
        stage: true,
        round: true,
        submittedAt: true,
        stageEnteredAt: true,
        nonRecurrentCost: true,
        // Prisma fetches these for all rows in one query, not one per initiative.
        funding: {
          where: { decision: "DEFERRED" },
          orderBy: { createdAt: "desc" },
          take: 1,
          select: { reasonCode: true, createdAt: true },
        },
      },
    }),
  ]);
  const limit = settings.blockAllocationLimit;
  const items = rows.map(({ funding, stageEnteredAt, ...row }) => {
    const clock = reviewClock(stageEnteredAt, settings.reviewSlaDays, now);
    const deferred = row.stage === "deferred";
    return {
      ...row,
      stageEnteredAt,
      requested: row.nonRecurrentCost ?? 0,
      route: (row.nonRecurrentCost ?? 0) > limit ? ("FINANCE_COMMITTEE" as const) : ("BLOCK_ALLOCATION" as const),
      deferralReasonCode: funding[0]?.reasonCode ?? null,
      enteredOn: clock.enteredOn,
      ageWorkingDays: clock.ageWorkingDays,
      // A deferred initiative waits for a later funding round: no SLA runs on it.
      dueOn: deferred ? null : clock.dueOn,
      overdue: deferred ? false : clock.overdue,
    };
  });
  return { division, slaDays: settings.reviewSlaDays, blockAllocationLimit: limit, items };
}

export type DecidedItem = {
  kind: "signoff" | "funding";
  at: Date;
  ref: string;
  titleEn: string | null;
  titleZh: string | null;
  bureauCode: string;
  round: number | null;
  decision: string;
  reasonCode: string | null;
  amount: number | null;
  by: string | null;
};

/**
 * What the reviewer's division decided recently, newest first: its sign-offs, and the funding decisions
 * on initiatives it leads (only the lead division's reviewers take those).
 */
export async function getRecentDecisions(
  user: Caller,
  take = RECENT_DECISIONS,
): Promise<{ division: Division; items: DecidedItem[] }> {
  const division = reviewerDivision(user);
  const initiative = { select: { ref: true, titleEn: true, titleZh: true, bureauCode: true } } as const;
  const [signoffs, funding] = await Promise.all([
    db.signoff.findMany({
      where: { division }, // served by [division, decidedAt]
      orderBy: { decidedAt: "desc" },
      take,
      select: { round: true, decision: true, reasonCode: true, reviewerId: true, decidedAt: true, initiative },
    }),
    db.fundingDecision.findMany({
      where: { decision: { in: [...LEAD_FUNDING_DECISIONS] }, initiative: { leadDivision: division } },
      orderBy: { createdAt: "desc" },
      take,
      select: { decision: true, reasonCode: true, amount: true, deciderId: true, createdAt: true, initiative },
    }),
  ]);
  const ids = new Set([...signoffs.map((s) => s.reviewerId), ...funding.map((f) => f.deciderId)]);
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const items: DecidedItem[] = [
    ...signoffs.map((s) => ({
      kind: "signoff" as const,
      at: s.decidedAt,
      ...s.initiative,
      round: s.round,
      decision: s.decision,
      reasonCode: s.reasonCode,
      amount: null,
      by: names.get(s.reviewerId) ?? null,
    })),
    ...funding.map((f) => ({
      kind: "funding" as const,
      at: f.createdAt,
      ...f.initiative,
      round: null,
      decision: f.decision,
      reasonCode: f.reasonCode,
      amount: f.amount,
      by: names.get(f.deciderId) ?? null,
    })),
  ];
  items.sort((a, b) => b.at.getTime() - a.at.getTime() || a.ref.localeCompare(b.ref));
  return { division, items: items.slice(0, take) };
}

/**
 * How many items each tab of /reviews holds (the decided tab is not counted): two counts in one statement,
 * each a subquery with its own index, as Prisma's two statements would read them.
 */
export async function getReviewCounts(user: Caller) {
  const division = reviewerDivision(user);
  const [row] = await db.$queryRaw<{ queue: unknown; funding: unknown }[]>(Prisma.sql`
    SELECT
      (SELECT CAST(COUNT(*) AS INTEGER) FROM "Initiative" i
        WHERE i."stage" = 'efficiencyReview' AND i."pendingSignoffs" LIKE ${likeContains(`,${division},`)} ESCAPE '\\'
      ) AS "queue",
      (SELECT CAST(COUNT(*) AS INTEGER) FROM "Initiative" i
        WHERE i."stage" IN ('fundingReview', 'deferred') AND i."leadDivision" = ${division}
      ) AS "funding"`);
  return { queue: Number(row!.queue), funding: Number(row!.funding) };
}

/**
 * The SLA clock an initiative page shows a reviewer: while the initiative waits on a review or a funding
 * decision; null otherwise. With the settings the page has already read.
 */
export function initiativeClock(
  view: { stage: string; stageEnteredAt: Date | string },
  { reviewSlaDays }: Pick<Settings, "reviewSlaDays">,
  now = new Date(),
) {
  if (view.stage !== "efficiencyReview" && view.stage !== "fundingReview") return null;
  return { slaDays: reviewSlaDays, ...reviewClock(new Date(view.stageEnteredAt), reviewSlaDays, now) };
}

/**
 * In-app notices on the home page, read from the audit log: for a reviewer, what entered their
 * division's queue; for an officer, what was decided on their B/D's initiatives — since they last marked
 * their notices as read (`User.noticesSeenAt`).
 *
 * Notices are marked read by a POST from the home page (not by merely loading it), so that a reload, a
 * language switch or a prefetch does not make them vanish before they were read, and only what was shown
 * is marked: anything that arrives while the page is open stays unread.
 */
import type { SessionUser } from "~/auth/session.server.ts";
import { isDivision } from "~/lifecycle/divisions.ts";
import { db } from "~/utils/db.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";

/** At most this many notices are shown, newest first. */
export const MAX_NOTICES = 10;
/** Someone who has never marked notices read sees those of this many days. */
export const FIRST_VISIT_DAYS = 14;

/** Events that put an initiative in a division's queue. */
const QUEUE_EVENTS = ["SUBMIT", "RESUBMIT"];
/** Decisions an officer hears about: sign-offs, funding and the Finance Committee, holds and closure. */
const DECISION_EVENTS = [
  "APPROVE",
  "APPROVE_WITH_CONDITIONS",
  "REQUEST_CHANGES",
  "REJECT",
  "APPROVE_FUNDING",
  "REFER_TO_FINANCE_COMMITTEE",
  "DEFER",
  "REOPEN",
  "RECORD_FC_APPROVAL",
  "RECORD_FC_REJECTION",
  "CLOSE",
];

export type Notice = {
  seq: number;
  event: string;
  at: Date;
  ref: string;
  titleEn: string | null;
  titleZh: string | null;
  bureauCode: string;
  round: number | null;
  division: string | null;
  reasonCode: string | null;
  amount: number | null;
};

type NoticeUser = Pick<SessionUser, "id" | "role" | "bureauCode" | "divisionCode">;

/** The user's unread notices (newest first, at most {@link MAX_NOTICES}) and the time they count from. */
export async function getNotices(
  user: NoticeUser,
  opts: { now?: Date } = {},
): Promise<{ since: Date; items: Notice[] }> {
  const now = opts.now ?? new Date();
  const seen = await db.user.findUnique({ where: { id: user.id }, select: { noticesSeenAt: true } });
  const since = seen?.noticesSeenAt ?? new Date(now.getTime() - FIRST_VISIT_DAYS * 86_400_000);

  let initiativeWhere: Prisma.InitiativeWhereInput;
  let events: string[];
  if (user.role === "REVIEWER" && isDivision(user.divisionCode)) {
    initiativeWhere = { requiredDivisions: { contains: user.divisionCode }, round: { gt: 0 } };
    events = QUEUE_EVENTS;
  } else if (user.role === "OFFICER" && user.bureauCode) {
    initiativeWhere = { bureauCode: user.bureauCode };
    events = DECISION_EVENTS;
  } else {
    return { since, items: [] };
  }
  // Every event writes the initiative's updatedAt, so initiatives untouched since then have no notices:
  // this keeps the candidate list to recent activity. (The audit log has no relation to filter through.)
  const initiatives = await db.initiative.findMany({
    where: { ...initiativeWhere, updatedAt: { gt: since } },
    select: { id: true, ref: true, titleEn: true, titleZh: true, bureauCode: true },
  });
  if (initiatives.length === 0) return { since, items: [] };
  const byId = new Map(initiatives.map((i) => [i.id, i]));
  const rows = await db.auditEvent.findMany({
    where: { initiativeId: { in: [...byId.keys()] }, event: { in: events }, createdAt: { gt: since } },
    orderBy: [{ createdAt: "desc" }, { seq: "desc" }],
    take: MAX_NOTICES,
    select: { seq: true, event: true, createdAt: true, initiativeId: true, payload: true },
  });
  const items = rows.map((r): Notice => {
    const i = byId.get(r.initiativeId!)!;
    const payload = JSON.parse(r.payload) as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === "number" ? v : null);
    const str = (v: unknown) => (typeof v === "string" ? v : null);
    return {
      seq: r.seq,
      event: r.event,
      at: r.createdAt,
      ref: i.ref,
      titleEn: i.titleEn,
      titleZh: i.titleZh,
      bureauCode: i.bureauCode,
      round: num(payload.round),
      division: str(payload.division),
      reasonCode: str(payload.reasonCode),
      amount: num(payload.amount),
    };
  });
  return { since, items };
}

/**
 * Marks notices read up to `upTo` (the newest notice the page showed), never beyond now and never
 * backwards. Returns the new mark.
 */
export async function markNoticesRead(
  user: Pick<SessionUser, "id">,
  upTo: unknown,
  opts: { now?: Date } = {},
): Promise<Date> {
  const now = opts.now ?? new Date();
  const parsed = typeof upTo === "string" && upTo ? new Date(upTo) : now;
  const mark = Number.isNaN(parsed.getTime()) || parsed > now ? now : parsed;
  const current = await db.user.findUnique({ where: { id: user.id }, select: { noticesSeenAt: true } });
  if (current?.noticesSeenAt && current.noticesSeenAt >= mark) return current.noticesSeenAt;
  await db.user.update({ where: { id: user.id }, data: { noticesSeenAt: mark } });
  return mark;
}

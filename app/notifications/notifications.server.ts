/**
 * The in-app channel: a user's notification centre (newest first), the unread count shown in the header of
 * every page, and marking one, several or all as read. Every function works on the caller's own rows only.
 */
import { localTitle } from "~/i18n/format.ts";
import { toLocale, type Locale } from "~/i18n/locales.ts";
import { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { isNotificationKind, type NotificationKind } from "./kinds.ts";

/** The most a list answers at once. */
export const MAX_NOTIFICATIONS = 100;
/** The most ids one mark-read request may name. */
export const MAX_IDS = 500;

const MINE = (userId: string) => ({ userId, inApp: true });

/** Unread notifications of a user (the header's badge), served by [userId, inApp, readAt]. */
export function unreadCount(userId: string): Promise<number> {
  return db.notification.count({ where: { ...MINE(userId), readAt: null } });
}

export type NotificationItem = {
  id: string;
  kind: NotificationKind;
  ref: string;
  /** The initiative's title in the reader's language (else the other). */
  title: string | null;
  createdAt: Date;
  readAt: Date | null;
  event: string | null;
  round: number | null;
  division: string | null;
  data: Record<string, unknown>;
};

/** The user's notifications, newest first, in their language (or `locale` when given). */
export async function listNotifications(
  userId: string,
  opts: { take?: number; unreadOnly?: boolean; locale?: Locale } = {},
): Promise<{ items: NotificationItem[]; unread: number }> {
  const take = Math.min(Math.max(opts.take ?? 50, 1), MAX_NOTIFICATIONS);
  const locale: Locale =
    opts.locale ??
    toLocale((await db.user.findUnique({ where: { id: userId }, select: { locale: true } }))?.locale) ??
    "en";
  const [rows, unread] = await Promise.all([
    db.notification.findMany({
      where: { ...MINE(userId), ...(opts.unreadOnly ? { readAt: null } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      select: {
        id: true,
        kind: true,
        ref: true,
        createdAt: true,
        readAt: true,
        event: true,
        round: true,
        division: true,
        data: true,
      },
    }),
    unreadCount(userId),
  ]);
  const items = rows.map((r) => {
    const data = parseData(r.data);
    const titles = {
      titleEn: typeof data.titleEn === "string" ? data.titleEn : null,
      titleZh: typeof data.titleZh === "string" ? data.titleZh : null,
    };
    return {
      ...r,
      kind: isNotificationKind(r.kind) ? r.kind : ("REVIEW_REQUESTED" as const),
      title: localTitle(titles, locale),
      data,
    };
  });
  return { items, unread };
}

function parseData(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Marks the caller's notifications read: `{ ids: [...] }` or `{ all: true }`. Ids of other users' rows are
 * ignored (not an error: nobody learns which ids exist). Already-read rows keep their first readAt.
 * Answers 400 for anything else, writing nothing.
 */
export async function markRead(
  userId: string,
  input: unknown,
  now = new Date(),
): Promise<{ marked: number; unread: number }> {
  const body = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  let where;
  if (body.all === true && body.ids === undefined) {
    where = { ...MINE(userId), readAt: null };
  } else if (
    body.all === undefined &&
    Array.isArray(body.ids) &&
    body.ids.length > 0 &&
    body.ids.length <= MAX_IDS &&
    body.ids.every((id) => typeof id === "string" && id.length > 0 && id.length <= 64)
  ) {
    where = { ...MINE(userId), readAt: null, id: { in: body.ids as string[] } };
  } else {
    throw new HttpError(400, { key: "notifications.problems.markRead" }, { ids: ["notifications.problems.ids"] });
  }
  const { count } = await db.notification.updateMany({ where, data: { readAt: now, updatedAt: now } });
  return { marked: count, unread: await unreadCount(userId) };
}

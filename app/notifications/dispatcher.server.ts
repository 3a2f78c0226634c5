/**
 * The dispatcher: sends the outbox's due deliveries, each at most once per channel.
 *
 * A delivery is claimed by a compare-and-set update (the row's status and attempt count as read), which only
 * one of several dispatchers can win on SQLite and PostgreSQL alike; the claim carries a lease, so a delivery
 * whose dispatcher died mid-send is claimed again once the lease runs out. A failure is retried with
 * exponential backoff; after MAX_ATTEMPTS it is FAILED and listed for administrators (failed-deliveries).
 * The delivery's key travels as the message's id, so that a receiver can recognise the one repeat a crash
 * between the server's acceptance and our commit could cause.
 */
import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { getLogger } from "~/utils/logger.server.ts";
import { sendChatDelivery } from "./chat.server.ts";
import { sendEmailDelivery } from "./email.server.ts";
import { mailEnabled } from "./mail-config.server.ts";

export const MAX_ATTEMPTS = 6;
/** Backoff before attempt n+1: 30 s, 1 min, 2 min, 4 min, 8 min (about a quarter of an hour in all). */
export const BACKOFF_BASE_MS = 30_000;

export function leaseMs(): number {
  const v = Number(process.env.NOTIFY_LEASE_MS);
  return Number.isInteger(v) && v > 0 ? v : 120_000;
}

export function backoffMs(attempts: number): number {
  return BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1);
}

export type ClaimedDelivery = {
  id: string;
  notificationId: string;
  channel: string;
  target: string;
  key: string;
  attempts: number;
};

/** A channel's sender; throws to report a failure (with a message that holds no secret). */
export type DeliverySender = (delivery: ClaimedDelivery) => Promise<void>;

export type DispatchOptions = {
  workerId?: string;
  now?: Date;
  limit?: number;
  /** Per channel; defaults to the real ones (e-mail through SMTP_URL). */
  senders?: Partial<Record<string, DeliverySender>>;
};

export type DispatchResult = { claimed: number; sent: number; retried: number; failed: number; skipped: number };

const DEFAULT_SENDERS: Record<string, DeliverySender> = { EMAIL: sendEmailDelivery, CHAT: sendChatDelivery };

/** Claims up to `limit` due deliveries for `workerId`. */
export async function claimDue(workerId: string, now: Date, limit: number): Promise<ClaimedDelivery[]> {
  const candidates = await db.notificationDelivery.findMany({
    where: {
      OR: [
        { status: "PENDING", nextAttemptAt: { lte: now } },
        { status: "SENDING", leaseUntil: { lt: now } },
      ],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true, status: true, attempts: true },
  });
  const claimed: ClaimedDelivery[] = [];
  const leaseUntil = new Date(now.getTime() + leaseMs());
  for (const c of candidates) {
    const { count } = await db.notificationDelivery.updateMany({
      where: {
        id: c.id,
        status: c.status,
        attempts: c.attempts,
        ...(c.status === "SENDING" ? { leaseUntil: { lt: now } } : { nextAttemptAt: { lte: now } }),
      },
      data: { status: "SENDING", leaseOwner: workerId, leaseUntil, attempts: { increment: 1 }, updatedAt: now },
    });
    if (count !== 1) continue; // another dispatcher won it
    const row = await db.notificationDelivery.findUnique({
      where: { id: c.id },
      select: { id: true, notificationId: true, channel: true, target: true, key: true, attempts: true },
    });
    if (row) claimed.push(row);
  }
  return claimed;
}

/** One pass: claim what is due and send it. */
export async function dispatchOnce(opts: DispatchOptions = {}): Promise<DispatchResult> {
  const workerId = opts.workerId ?? `dispatcher-${process.pid}-${randomUUID().slice(0, 8)}`;
  const now = opts.now ?? new Date();
  const senders = { ...DEFAULT_SENDERS, ...opts.senders };
  const result: DispatchResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
  const claimed = await claimDue(workerId, now, opts.limit ?? 50);
  result.claimed = claimed.length;
  for (const d of claimed) {
    const mine = { id: d.id, leaseOwner: workerId, status: "SENDING" };
    if (d.channel === "EMAIL" && !opts.senders?.EMAIL && !mailEnabled()) {
      // E-mail was switched off after this was written: keep it visible, but do not hold it forever.
      await db.notificationDelivery.updateMany({
        where: mine,
        data: { status: "SKIPPED", lastError: "e-mail is off (no SMTP_URL)", leaseUntil: null, updatedAt: new Date() },
      });
      result.skipped++;
      continue;
    }
    const send = senders[d.channel];
    try {
      if (!send) throw new Error(`no sender for channel ${d.channel}`);
      await send(d);
      const at = new Date();
      await db.notificationDelivery.updateMany({
        where: mine,
        data: { status: "SENT", sentAt: at, leaseUntil: null, lastError: null, updatedAt: at },
      });
      result.sent++;
    } catch (error) {
      const message = safeError(error);
      // A refusal that another try cannot change (a chat webhook's 4xx) fails at once.
      const giveUp = d.attempts >= MAX_ATTEMPTS || (error as { permanent?: unknown }).permanent === true;
      const at = new Date();
      await db.notificationDelivery.updateMany({
        where: mine,
        data: giveUp
          ? { status: "FAILED", lastError: message, leaseUntil: null, updatedAt: at }
          : {
              status: "PENDING",
              lastError: message,
              leaseUntil: null,
              nextAttemptAt: new Date(now.getTime() + backoffMs(d.attempts)),
              updatedAt: at,
            },
      });
      if (giveUp) result.failed++;
      else result.retried++;
      getLogger().warn(
        { event: "delivery_failed", channel: d.channel, delivery: d.id, attempts: d.attempts, giveUp, error: message },
        "notification delivery failed",
      );
    }
  }
  return result;
}

/** An error's message, shortened, with anything that looks like a URL's credentials taken out. */
export function safeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\/\/[^/\s@]*@/g, "//[redacted]@").slice(0, 500);
}

/**
 * The administrator's view of deliveries: whether e-mail is on, how many wait, were sent or failed, the
 * failed ones (newest first) and retrying them. Retries are audited.
 */
import { appendAuditEvent } from "~/audit/audit.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { mailEnabled, smtpServerLabel } from "./mail-config.server.ts";

const SHOWN = 200;

function requireAdmin(user: Caller) {
  if (user.role !== "ADMIN") throw new HttpError(403, { key: "notifications.problems.adminsOnly" });
}

export async function deliveryOverview(user: Caller) {
  requireAdmin(user);
  const [pending, sent, failed, rows] = await Promise.all([
    db.notificationDelivery.count({ where: { status: { in: ["PENDING", "SENDING", "DIGEST"] } } }),
    db.notificationDelivery.count({ where: { status: "SENT" } }),
    db.notificationDelivery.count({ where: { status: "FAILED" } }),
    db.notificationDelivery.findMany({
      where: { status: "FAILED" },
      orderBy: { updatedAt: "desc" },
      take: SHOWN,
      select: {
        id: true,
        channel: true,
        target: true,
        attempts: true,
        lastError: true,
        updatedAt: true,
        notification: { select: { ref: true } },
      },
    }),
  ]);
  return {
    email: { on: mailEnabled(), server: smtpServerLabel() },
    counts: { pending, sent, failed },
    failed: rows.map(({ notification, ...r }) => ({ ...r, ref: notification.ref })),
  };
}

/** Puts failed deliveries back in the queue, due now, with a fresh count of attempts. */
export async function retryDeliveries(user: Caller, ids: string[] | "all", now = new Date()): Promise<number> {
  requireAdmin(user);
  return db.$transaction(async (tx) => {
    const where = { status: "FAILED", ...(ids === "all" ? {} : { id: { in: ids } }) };
    const { count } = await tx.notificationDelivery.updateMany({
      where,
      data: { status: "PENDING", attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseUntil: null, updatedAt: now },
    });
    if (count > 0) {
      await appendAuditEvent(tx, {
        actorId: user.id,
        actorRole: user.role,
        event: "RETRY_DELIVERIES",
        payload: { count, ...(ids === "all" ? { all: true } : { ids }) },
        createdAt: now,
      });
    }
    return count;
  });
}

/**
 * The daily digest: a recipient who chose it gets one e-mail at 08:30 Hong Kong time on working days with
 * everything held for them since the last one. Claimed like any delivery (status and lease), so that two
 * instances never both send a recipient's digest.
 */
import { randomUUID } from "node:crypto";
import { toLocale } from "~/i18n/locales.ts";
import { db } from "~/utils/db.server.ts";
import { leaseMs, safeError } from "./dispatcher.server.ts";
import { composeDigest, sendMail } from "./email.server.ts";
import { isNotificationKind } from "./kinds.ts";
import { mailConfig } from "./mail-config.server.ts";

export type DigestResult = { digests: number; items: number };

export async function runDigestPass(now: Date = new Date(), workerId = `digest-${randomUUID().slice(0, 8)}`) {
  const result: DigestResult = { digests: 0, items: 0 };
  const config = mailConfig();
  if (!config) return result;
  const targets = await db.notificationDelivery.findMany({
    where: { status: "DIGEST", nextAttemptAt: { lte: now } },
    distinct: ["target"],
    select: { target: true },
  });
  for (const { target } of targets) {
    const { count } = await db.notificationDelivery.updateMany({
      where: { status: "DIGEST", nextAttemptAt: { lte: now }, target },
      data: { status: "SENDING", leaseOwner: workerId, leaseUntil: new Date(now.getTime() + leaseMs()) },
    });
    if (count === 0) continue;
    const rows = await db.notificationDelivery.findMany({
      where: { status: "SENDING", leaseOwner: workerId, target },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        key: true,
        notification: {
          select: {
            kind: true,
            ref: true,
            round: true,
            division: true,
            data: true,
            user: { select: { name: true, locale: true } },
          },
        },
      },
    });
    const items = rows.flatMap((r) => {
      const n = r.notification;
      if (!isNotificationKind(n.kind)) return [];
      const data = JSON.parse(n.data) as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === "string" ? v : null);
      return [{ ...n, kind: n.kind, data, titleEn: str(data.titleEn), titleZh: str(data.titleZh) }];
    });
    const user = rows[0]?.notification.user;
    const ids = rows.map((r) => r.id);
    try {
      if (!user || items.length === 0) throw new Error("nothing to send");
      const message = composeDigest(items, user, toLocale(user.locale) ?? "en", config.appUrl);
      await sendMail(config, target, message, `<digest.${rows[0]!.key}@initiative-tracker>`);
      await db.notificationDelivery.updateMany({
        where: { id: { in: ids }, leaseOwner: workerId },
        data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, leaseUntil: null },
      });
      result.digests++;
      result.items += ids.length;
    } catch (error) {
      // Back to the next digest; the dispatcher's failure list is for single messages.
      await db.notificationDelivery.updateMany({
        where: { id: { in: ids }, leaseOwner: workerId },
        data: {
          status: "DIGEST",
          lastError: safeError(error),
          attempts: { increment: 1 },
          leaseUntil: null,
          nextAttemptAt: new Date(now.getTime() + 15 * 60_000),
        },
      });
    }
  }
  return result;
}

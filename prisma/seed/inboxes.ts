// The demo portfolio is built through the service, so every demo inbox fills with what really happened to
// it. Settled afterwards like a lived-in account: the newest few unread, the rest read, and no e-mail about
// years of demo history (when SMTP_URL is set while seeding).
import { db } from "../../app/utils/db.server.ts";

/** How many of each demo user's newest notifications stay unread. */
export const DEMO_UNREAD = 5;

export async function settleDemoInboxes(): Promise<void> {
  await db.notificationDelivery.updateMany({
    where: { status: { in: ["PENDING", "DIGEST"] } },
    data: { status: "SKIPPED", lastError: "demo data: not sent" },
  });
  const users = await db.user.findMany({ select: { id: true } });
  for (const u of users) {
    const keep = await db.notification.findMany({
      where: { userId: u.id, readAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: DEMO_UNREAD,
      select: { id: true, createdAt: true },
    });
    if (keep.length < DEMO_UNREAD) continue;
    await db.notification.updateMany({
      where: { userId: u.id, readAt: null, id: { notIn: keep.map((k) => k.id) } },
      data: { readAt: keep[keep.length - 1]!.createdAt },
    });
  }
}

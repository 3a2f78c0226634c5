/**
 * The outbox: notification rows (and one delivery row per extra channel) written inside the transaction of
 * whatever causes them, so that a refused or rolled-back transition leaves none and a committed one can
 * never lose them. The dispatcher (dispatcher.server.ts) sends the deliveries afterwards.
 */
import { delegatesOf } from "~/delegations/acting-as.server.ts";
import type { Tx } from "~/initiatives/versioning.server.ts";
import type { Division } from "~/lifecycle/divisions.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { nextDigestAt } from "./digest.ts";
import { MANDATORY_KINDS, type NotificationKind } from "./kinds.ts";
import { chatWebhookUrl } from "./chat-webhook.server.ts";
import { mailEnabled } from "./mail-config.server.ts";
import type { Audience, Tell } from "./rules.ts";

type Recipient = {
  id: string;
  name: string;
  email: string;
  notifyEmail: string;
  notifyInApp: string;
  /** Set for an acting reviewer: the name of the delegator this reaches them for. */
  onBehalfOf?: string;
};

const RECIPIENT_SELECT = { id: true, name: true, email: true, notifyEmail: true, notifyInApp: true } as const;
const ACTIVE = { disabledAt: null } satisfies Prisma.UserWhereInput;

/**
 * What reaches a delegator also reaches whoever stands in for them today (in the app and by e-mail as the
 * delegate prefers), marked with the delegator's name.
 */
async function withDelegates(tx: Tx, recipients: Recipient[], now: Date): Promise<Recipient[]> {
  const delegates = await delegatesOf(
    tx,
    recipients.map((r) => r.id),
    now,
  );
  if (delegates.size === 0) return recipients;
  const users = await tx.user.findMany({
    where: { ...ACTIVE, id: { in: [...new Set([...delegates.values()].flat())] } },
    select: RECIPIENT_SELECT,
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  const extra = recipients.flatMap((r) =>
    (delegates.get(r.id) ?? []).flatMap((id) => (byId.has(id) ? [{ ...byId.get(id)!, onBehalfOf: r.name }] : [])),
  );
  return [...recipients, ...extra];
}

/** The users an audience names: active accounts only. */
async function resolve(tx: Tx, audience: Audience, initiativeId: string): Promise<Recipient[]> {
  if ("reviewersOf" in audience) {
    return tx.user.findMany({
      where: { ...ACTIVE, role: "REVIEWER", divisionCode: audience.reviewersOf },
      select: RECIPIENT_SELECT,
    });
  }
  if ("officersOf" in audience) {
    return tx.user.findMany({
      where: { ...ACTIVE, role: "OFFICER", bureauCode: audience.officersOf },
      select: RECIPIENT_SELECT,
    });
  }
  if ("headOf" in audience) {
    const heads = await tx.user.findMany({
      where: { ...ACTIVE, role: "LEADERSHIP", divisionCode: audience.headOf },
      select: RECIPIENT_SELECT,
    });
    if (heads.length > 0) return heads;
  }
  if ("leadership" in audience || "headOf" in audience) {
    return tx.user.findMany({ where: { ...ACTIVE, role: "LEADERSHIP" }, select: RECIPIENT_SELECT });
  }
  // Participants: whoever sent an event on it or commented (both are in the audit log), and its author.
  const [audit, initiative] = await Promise.all([
    tx.auditEvent.findMany({
      where: { initiativeId, actorId: { not: null } },
      distinct: ["actorId"],
      select: { actorId: true },
    }),
    tx.initiative.findUnique({ where: { id: initiativeId }, select: { createdById: true } }),
  ]);
  const ids = new Set(audit.map((a) => a.actorId!));
  if (initiative) ids.add(initiative.createdById);
  return tx.user.findMany({
    where: { ...ACTIVE, id: { in: [...ids] }, role: { in: ["OFFICER", "REVIEWER", "LEADERSHIP"] } },
    select: RECIPIENT_SELECT,
  });
}

export type OutboxCause = {
  initiative: { id: string; ref: string; titleEn?: unknown; titleZh?: unknown };
  /** The lifecycle event, or COMMENT; null for the scheduler's reminders. */
  event: string | null;
  actorId: string | null;
  round: number | null;
  /** Facts the message quotes: reason code, amount, due date, … */
  data?: Record<string, unknown>;
  now: Date;
};

/**
 * Writes the notifications of `tells` for one cause, in the caller's transaction: one row per recipient and
 * kind (the actor is never told of their own act), plus an e-mail delivery when e-mail is on and the
 * recipient wants it. Returns how many notifications were written. The rows go in with one statement per
 * table, however many are told: a transition holds the write lock while it writes them.
 */
export async function writeNotifications(tx: Tx, cause: OutboxCause, tells: Tell[]): Promise<number> {
  if (tells.length === 0) return 0;
  const emailOn = mailEnabled();
  const { initiative, now } = cause;
  const title = {
    titleEn: typeof initiative.titleEn === "string" ? initiative.titleEn : null,
    titleZh: typeof initiative.titleZh === "string" ? initiative.titleZh : null,
  };
  const rows: Prisma.NotificationCreateManyInput[] = [];
  const recipientOf: Recipient[] = [];
  // Each tell's rows; a division's chat channel hears once of what its people are told, through the first.
  const spans: { from: number; to: number; chat: Division | null }[] = [];
  const seen = new Set<string>();
  for (const tell of tells) {
    const recipients = await withDelegates(tx, await resolve(tx, tell.to, initiative.id), now);
    const firstRow = rows.length;
    for (const r of recipients) {
      if (r.id === cause.actorId) continue;
      const once = `${r.id}:${tell.kind}`;
      if (seen.has(once)) continue;
      seen.add(once);
      const data = { ...title, ...cause.data, ...(r.onBehalfOf ? { onBehalfOf: r.onBehalfOf } : {}) };
      rows.push({
        userId: r.id,
        kind: tell.kind,
        event: cause.event,
        initiativeId: initiative.id,
        ref: initiative.ref,
        round: cause.round,
        division: tell.division ?? null,
        actorId: cause.actorId,
        data: JSON.stringify(data),
        inApp: MANDATORY_KINDS.has(tell.kind) || r.notifyInApp !== "OFF",
        createdAt: now,
        updatedAt: now,
      });
      recipientOf.push(r);
    }
    const chat = rows.length > firstRow && tell.division && chatWebhookUrl(tell.division) ? tell.division : null;
    spans.push({ from: firstRow, to: rows.length, chat });
  }
  if (rows.length === 0) return 0;
  const created = await tx.notification.createManyAndReturn({
    data: rows,
    select: { id: true, userId: true, kind: true },
  });
  // Matched by recipient and kind (unique within one cause), whatever order the database returns them in.
  const idOf = new Map(created.map((n) => [`${n.userId}:${n.kind}`, n.id]));
  const ids = rows.map((row) => idOf.get(`${row.userId}:${row.kind}`)!);
  // In the order one row at a time would write them: each tell's e-mails, then its chat message.
  const deliveries: Prisma.NotificationDeliveryCreateManyInput[] = [];
  for (const { from, to, chat } of spans) {
    for (let i = from; emailOn && i < to; i++) {
      const r = recipientOf[i]!;
      if (!MANDATORY_KINDS.has(rows[i]!.kind as NotificationKind) && r.notifyEmail === "OFF") continue;
      const digest = r.notifyEmail === "DIGEST";
      deliveries.push({
        notificationId: ids[i]!,
        channel: "EMAIL",
        target: r.email,
        key: `${ids[i]}.email`,
        status: digest ? "DIGEST" : "PENDING",
        nextAttemptAt: digest ? nextDigestAt(now) : now,
        createdAt: now,
        updatedAt: now,
      });
    }
    if (chat) {
      deliveries.push({
        notificationId: ids[from]!,
        channel: "CHAT",
        target: chat,
        key: `${ids[from]}.chat`,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  if (deliveries.length > 0) await tx.notificationDelivery.createMany({ data: deliveries });
  return rows.length;
}

/**
 * The chat channel's sender for the dispatcher: one MessageCard per cause and division, in both languages
 * (a division's channel is shared by readers of either), with the reference, title, what happened, what is
 * asked and a link.
 */
import { localTitle } from "~/i18n/format.ts";
import { isDivision } from "~/lifecycle/divisions.ts";
import { db } from "~/utils/db.server.ts";
import { chatWebhookUrl, ChatWebhookError, postChatMessage } from "./chat-webhook.server.ts";
import { describeNotification, type Describable } from "./describe.ts";
import type { ClaimedDelivery } from "./dispatcher.server.ts";
import { isNotificationKind } from "./kinds.ts";
import { appUrl } from "./mail-config.server.ts";

/** The message for a division's channel. Pure. */
export function composeChatMessage(n: Describable & { titleEn: string | null; titleZh: string | null }, base: string) {
  const en = describeNotification(n, "en");
  const zh = describeNotification(n, "zh-Hant");
  const link = `${base}/initiatives/${encodeURIComponent(n.ref)}`;
  const title = [localTitle(n, "en"), n.titleZh && n.titleZh !== n.titleEn ? n.titleZh : null].filter(Boolean);
  return {
    "@type": "MessageCard",
    "@context": "https://schema.org/extensions",
    summary: en.happened,
    title: `${n.ref} ${title.join(" / ")}`.trim(),
    text: `${en.happened} Asked: ${en.asked}\n\n${zh.happened} 請：${zh.asked}`,
    potentialAction: [{ "@type": "OpenUri", name: "Open / 開啟", targets: [{ os: "default", uri: link }] }],
  };
}

export async function sendChatDelivery(d: ClaimedDelivery): Promise<void> {
  if (!isDivision(d.target)) throw new ChatWebhookError(`unknown division ${d.target}`, true);
  const url = chatWebhookUrl(d.target);
  if (!url) throw new ChatWebhookError(`no chat webhook for ${d.target} (CHAT_WEBHOOK_${d.target})`, true);
  const n = await db.notification.findUnique({
    where: { id: d.notificationId },
    select: { kind: true, ref: true, round: true, division: true, data: true },
  });
  if (!n || !isNotificationKind(n.kind)) throw new Error(`notification ${d.notificationId} is missing`);
  const data = JSON.parse(n.data) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  await postChatMessage(
    url,
    composeChatMessage({ ...n, kind: n.kind, data, titleEn: str(data.titleEn), titleZh: str(data.titleZh) }, appUrl()),
  );
}

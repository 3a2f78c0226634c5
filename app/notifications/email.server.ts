/**
 * The e-mail channel: one message per delivery, in the recipient's language, as plain text and HTML, with the
 * initiative's reference and title, what happened, what is asked of the reader and a link (APP_URL). Sent
 * through nodemailer to SMTP_URL; the delivery's key is the Message-ID.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { localTitle } from "~/i18n/format.ts";
import { toLocale, type Locale } from "~/i18n/locales.ts";
import { getT } from "~/i18n/t.ts";
import { db } from "~/utils/db.server.ts";
import { describeNotification, type Describable } from "./describe.ts";
import { isNotificationKind } from "./kinds.ts";
import { mailConfig, type MailConfig } from "./mail-config.server.ts";
import type { ClaimedDelivery } from "./dispatcher.server.ts";

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(config: MailConfig): Transporter {
  if (transport?.url !== config.smtpUrl) {
    transport?.transporter.close();
    transport = {
      url: config.smtpUrl,
      // Short timeouts: a slow server must fail the attempt (and be retried) well within the claim's lease.
      transporter: nodemailer.createTransport(config.smtpUrl, {
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 30_000,
      } as never),
    };
  }
  return transport.transporter;
}

/** Closes the pooled SMTP connection (tests, shutdown). */
export function closeMailTransport() {
  transport?.transporter.close();
  transport = undefined;
}

export type EmailMessage = { subject: string; text: string; html: string; locale: Locale };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * A message's greeting, body and footer (why the reader gets it, where to change that), as plain text and
 * as HTML: one shell for both kinds of message.
 */
function letter(
  locale: Locale,
  recipient: { name: string },
  baseUrl: string,
  body: { text: string[]; html: string },
): { text: string; html: string } {
  const t = getT(locale);
  const greeting = t("notifications.email.greeting", { name: recipient.name });
  const why = t("notifications.email.why", { url: `${baseUrl}/notifications/preferences` });
  const text = [greeting, "", ...body.text, "--", why, ""].join("\n");
  const lang = locale === "zh-Hant" ? "zh-Hant-HK" : "en";
  const html = `<!doctype html><html lang="${lang}"><body style="font-family:Arial,sans-serif;color:#0b0c0c">
<p>${escapeHtml(greeting)}</p>
${body.html}<p style="font-size:0.9em">${escapeHtml(why)}</p>
</body></html>`;
  return { text, html };
}

/** One notification as an e-mail in `locale`. Pure. */
export function composeEmail(
  n: Describable & { titleEn: string | null; titleZh: string | null },
  recipient: { name: string },
  locale: Locale,
  baseUrl: string,
): EmailMessage {
  const t = getT(locale);
  const { happened, asked } = describeNotification(n, locale);
  const title = localTitle(n, locale) ?? "";
  const link = `${baseUrl}/initiatives/${encodeURIComponent(n.ref)}`;
  const subject = `[${n.ref}] ${happened}`;
  const { text, html } = letter(locale, recipient, baseUrl, {
    text: [
      `${n.ref} ${title}`.trim(),
      "",
      `${t("notifications.email.happened")}: ${happened}`,
      `${t("notifications.email.asked")}: ${asked}`,
      "",
      `${t("notifications.email.open")}: ${link}`,
      "",
    ],
    html: `<p><strong>${escapeHtml(n.ref)}</strong> ${escapeHtml(title)}</p>
<h2 style="font-size:1em">${escapeHtml(t("notifications.email.happened"))}</h2><p>${escapeHtml(happened)}</p>
<h2 style="font-size:1em">${escapeHtml(t("notifications.email.asked"))}</h2><p>${escapeHtml(asked)}</p>
<p><a href="${escapeHtml(link)}">${escapeHtml(t("notifications.email.open"))}</a></p>
<hr>`,
  });
  return { subject, text, html, locale };
}

/** The channel's sender for the dispatcher. */
export async function sendEmailDelivery(d: ClaimedDelivery): Promise<void> {
  const config = mailConfig();
  if (!config) throw new Error("e-mail is off (no SMTP_URL)");
  const n = await db.notification.findUnique({
    where: { id: d.notificationId },
    select: {
      kind: true,
      ref: true,
      round: true,
      division: true,
      data: true,
      user: { select: { name: true, locale: true } },
    },
  });
  if (!n || !isNotificationKind(n.kind)) throw new Error(`notification ${d.notificationId} is missing`);
  const data = JSON.parse(n.data) as Record<string, unknown>;
  const locale = toLocale(n.user.locale) ?? "en";
  const message = composeEmail(
    {
      kind: n.kind,
      ref: n.ref,
      round: n.round,
      division: n.division,
      data,
      titleEn: typeof data.titleEn === "string" ? data.titleEn : null,
      titleZh: typeof data.titleZh === "string" ? data.titleZh : null,
    },
    { name: n.user.name },
    locale,
    config.appUrl,
  );
  await sendMail(config, d.target, message, `<${d.key}@initiative-tracker>`, { "X-Initiative-Ref": n.ref });
}

/** Sends one composed message; the id lets a receiver recognise a repeat. */
export async function sendMail(
  config: MailConfig,
  to: string,
  message: EmailMessage,
  messageId: string,
  headers: Record<string, string> = {},
): Promise<void> {
  await transporterFor(config).sendMail({
    from: config.from,
    to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId,
    headers: { "Auto-Submitted": "auto-generated", "Content-Language": message.locale, ...headers },
  });
}

/** Several notifications as one digest e-mail in `locale`. Pure. */
export function composeDigest(
  items: (Describable & { titleEn: string | null; titleZh: string | null })[],
  recipient: { name: string },
  locale: Locale,
  baseUrl: string,
): EmailMessage {
  const t = getT(locale);
  const lines = items.map((n) => {
    const { happened, asked } = describeNotification(n, locale);
    const link = `${baseUrl}/initiatives/${encodeURIComponent(n.ref)}`;
    return { head: `${n.ref} ${localTitle(n, locale) ?? ""}`.trim(), happened, asked, link };
  });
  const subject = t("notifications.email.digestSubject", { count: items.length });
  const { text, html } = letter(locale, recipient, baseUrl, {
    text: [
      t("notifications.email.digestIntro"),
      "",
      ...lines.flatMap((l) => [
        `* ${l.head}`,
        `  ${l.happened}`,
        `  ${t("notifications.email.asked")}: ${l.asked}`,
        `  ${l.link}`,
        "",
      ]),
    ],
    html: `<p>${escapeHtml(t("notifications.email.digestIntro"))}</p><ul>
${lines
  .map(
    (l) =>
      `<li><p><a href="${escapeHtml(l.link)}"><strong>${escapeHtml(l.head)}</strong></a><br>${escapeHtml(l.happened)}<br>${escapeHtml(t("notifications.email.asked"))}: ${escapeHtml(l.asked)}</p></li>`,
  )
  .join("\n")}
</ul><hr>`,
  });
  return { subject, text, html, locale };
}

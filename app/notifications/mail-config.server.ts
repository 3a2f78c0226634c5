/**
 * E-mail settings from the environment: `SMTP_URL` (e-mail is off without it), `MAIL_FROM` and `APP_URL`
 * (the links in messages). Read when used rather than once at start, so that an operator's change takes
 * effect at the next restart of any instance and tests can point it at their own sink.
 */
import { z } from "zod";

export type MailConfig = { smtpUrl: string; from: string; appUrl: string };

const urlSchema = z.string().url();

/** The app's address for links in messages (APP_URL), without a trailing slash. */
export function appUrl(): string {
  const raw = process.env.APP_URL?.trim() || `http://localhost:${process.env.PORT?.trim() || "3000"}`;
  return raw.replace(/\/+$/, "");
}

/** The e-mail configuration, or null when e-mail is off (no SMTP_URL). */
export function mailConfig(): MailConfig | null {
  const smtpUrl = process.env.SMTP_URL?.trim();
  if (!smtpUrl) return null;
  if (!urlSchema.safeParse(smtpUrl).success || !/^smtps?:/.test(smtpUrl)) {
    throw new Error("SMTP_URL must be an smtp:// or smtps:// URL, such as smtp://user:pass@host:587");
  }
  const from = process.env.MAIL_FROM?.trim() || "Initiative Tracker <no-reply@localhost>";
  return { smtpUrl, from, appUrl: appUrl() };
}

/** True when e-mail is on. */
export function mailEnabled(): boolean {
  return !!process.env.SMTP_URL?.trim();
}

/** The SMTP server's address for the administrator's page, without user name or password. */
export function smtpServerLabel(): string | null {
  const smtpUrl = process.env.SMTP_URL?.trim();
  if (!smtpUrl) return null;
  try {
    const u = new URL(smtpUrl);
    return `${u.protocol}//${u.host}`;
  } catch {
    return "(invalid SMTP_URL)";
  }
}

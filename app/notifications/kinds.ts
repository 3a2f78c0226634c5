/**
 * What a notification can be about, and which of them a user may turn off. Browser-safe: the notification
 * centre and the preferences page use it too.
 */

export const NOTIFICATION_KINDS = [
  "REVIEW_REQUESTED",
  "FUNDING_REVIEW_OPEN",
  "RETURNED",
  "REJECTED",
  "APPROVED_WITH_CONDITIONS",
  "FUNDING_APPROVED",
  "FUNDING_REFERRED",
  "DEFERRED",
  "FC_REFERRAL",
  "FC_APPROVED",
  "FC_REJECTED",
  "COMMENTED",
  "REVIEW_REMINDER",
  "REVIEW_ESCALATION",
  "ITEM_REMINDER",
  "ITEM_OVERDUE",
  "ITEM_ESCALATION",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Reminders and escalations: the SLA depends on them, so no preference turns them off. */
export const MANDATORY_KINDS: ReadonlySet<NotificationKind> = new Set([
  "REVIEW_REMINDER",
  "REVIEW_ESCALATION",
  "ITEM_REMINDER",
  "ITEM_OVERDUE",
  "ITEM_ESCALATION",
]);

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** E-mail: each event, one digest at 08:30 Hong Kong time on working days, or none (optional kinds). */
export const EMAIL_PREFERENCES = ["ALL", "DIGEST", "OFF"] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];
/** In the app: each event, or none (optional kinds). */
export const IN_APP_PREFERENCES = ["ALL", "OFF"] as const;
export type InAppPreference = (typeof IN_APP_PREFERENCES)[number];

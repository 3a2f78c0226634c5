/**
 * Each user's choice per channel: e-mail for every event, a daily digest or off; in the app every event or
 * off. Reminders and escalations arrive whatever is chosen (see MANDATORY_KINDS).
 */
import { z } from "zod";
import { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { EMAIL_PREFERENCES, IN_APP_PREFERENCES, type EmailPreference, type InAppPreference } from "./kinds.ts";

export type Preferences = { email: EmailPreference; inApp: InAppPreference };

const schema = z.object({
  email: z.enum(EMAIL_PREFERENCES, { errorMap: () => ({ message: "notifications.prefs.errors.email" }) }),
  inApp: z.enum(IN_APP_PREFERENCES, { errorMap: () => ({ message: "notifications.prefs.errors.inApp" }) }),
});

export async function getPreferences(userId: string): Promise<Preferences> {
  const u = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { notifyEmail: true, notifyInApp: true },
  });
  const parsed = schema.safeParse({ email: u.notifyEmail, inApp: u.notifyInApp });
  return parsed.success ? parsed.data : { email: "ALL", inApp: "ALL" };
}

/** Saves both choices, or answers 400 with a message beside each bad field and writes nothing. */
export async function savePreferences(userId: string, input: unknown): Promise<Preferences> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] = [issue.message];
    throw new HttpError(400, { key: "notifications.prefs.errors.form" }, fields);
  }
  await db.user.update({
    where: { id: userId },
    data: { notifyEmail: parsed.data.email, notifyInApp: parsed.data.inApp },
  });
  return parsed.data;
}

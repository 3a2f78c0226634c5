import type { Locale } from "~/i18n/locales.ts";
import { db } from "~/utils/db.server.ts";

/** Remembers a user's language across devices. */
export async function saveUserLocale(userId: string, locale: Locale): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { locale } });
}

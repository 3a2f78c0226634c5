import { getLocale } from "./i18n.server.ts";
import { getT, type MessageKey } from "./t.ts";

/** "<page> — Initiative Tracker" in the request's language, for a loader to hand to its meta. */
export async function pageTitle(request: Request, key: MessageKey | (string & {}), userLocale?: string | null) {
  const t = getT(await getLocale(request, userLocale));
  return `${t(key)} — ${t("app.name")}`;
}

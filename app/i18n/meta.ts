import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, type Locale } from "./locales.ts";
import { getT, type MessageKey, type TParams } from "./t.ts";

type Match = { id: string; data: unknown };

/** The reader's language in a route's `meta`, from the root loader's data (English when that failed). */
export function localeOfMatches(matches: readonly Match[]): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
  return root?.locale ?? DEFAULT_LOCALE;
}

/**
 * A page's browser-tab title in the reader's language, "<page> — <application>"; the application's name
 * alone without a key.
 */
export function pageTitle(matches: readonly Match[], key?: MessageKey, params?: TParams): MetaDescriptor[] {
  const t = getT(localeOfMatches(matches));
  return [{ title: key ? `${t(key, params)} — ${t("app.name")}` : t("app.name") }];
}

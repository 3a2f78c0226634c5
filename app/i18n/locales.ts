export const LOCALES = ["en", "zh-Hant"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Narrows any value (cookie, header, form field) to a supported locale. */
export function toLocale(value: unknown): Locale | null {
  // A cookie decodes to whatever JSON its sender chose, not necessarily a string.
  if (!value || typeof value !== "string") return null;
  if (value === "en" || value.toLowerCase().startsWith("en")) return "en";
  if (/^zh(-hant|-hk|-tw|-mo)?$/i.test(value) || value === "zh-Hant") return "zh-Hant";
  return null;
}

/** Picks the first supported language of an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const tag = part.split(";")[0]!.trim();
    const locale = toLocale(tag);
    if (locale) return locale;
  }
  return null;
}

import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, localeFromAcceptLanguage, toLocale, type Locale } from "./locales.ts";

/** Remembers the chosen language for a year, signed in or not. */
export const langCookie = createCookie("lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 3600,
});

/** The request's language: the remembered choice, then the user's saved one, then the browser's. */
export async function getLocale(request: Request, userLocale?: string | null): Promise<Locale> {
  const chosen = toLocale(await langCookie.parse(request.headers.get("Cookie")));
  return (
    chosen ?? toLocale(userLocale) ?? localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE
  );
}

import { useRouteLoaderData } from "@remix-run/react";
import { getT } from "./t.ts";
import { DEFAULT_LOCALE, type Locale } from "./locales.ts";

/** The page's locale, from the root loader (English when the root itself failed). */
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? DEFAULT_LOCALE;
}

/** The translator for the page's locale. */
export function useT() {
  return getT(useLocale());
}

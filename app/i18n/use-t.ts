import { createContext, useContext, useMemo } from "react";
import { formatterFor } from "./format.ts";
import { getT } from "./t.ts";
import { DEFAULT_LOCALE, type Locale } from "./locales.ts";

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

/**
 * Gives the page's locale to every component below it. The root layout provides the root loader's
 * locale; a component test can wrap what it renders in one to render in Chinese.
 */
export const LocaleProvider = LocaleContext.Provider;

/** The page's locale (English when nothing provides one, e.g. when the root itself failed). */
export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** The translator for the page's locale. */
export function useT() {
  const locale = useLocale();
  return useMemo(() => getT(locale), [locale]);
}

/** Money, dates, working days and localised names, in the page's language. */
export function useFormat() {
  const locale = useLocale();
  return useMemo(() => formatterFor(locale), [locale]);
}

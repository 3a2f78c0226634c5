import type { MetaArgs } from "@remix-run/node";
import { DEFAULT_LOCALE, type Locale } from "./locales.ts";
import { getT, type MessageKey } from "./t.ts";

/** A page's `<title>` in the page's language (the root loader's locale): "Page — Initiative Tracker". */
export function titleMeta(args: Pick<MetaArgs, "matches">, key: MessageKey) {
  const root = args.matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
  const t = getT(root?.locale ?? DEFAULT_LOCALE);
  return [{ title: `${t(key)} — ${t("app.name")}` }];
}

import { en, type MessageKey } from "./en/index.ts";
import { zhHant } from "./zh-Hant/index.ts";
import type { Locale } from "./locales.ts";

export type { MessageKey };
export type TParams = Record<string, string | number>;
/**
 * A translator. Keys are checked by the type checker: a mistyped key, or a template key such as
 * `stages.${stage}` whose variable is not one of the known values, fails `tsc`. A key that truly comes
 * from data goes through `translateFromData` instead.
 */
export type TFunction = (key: MessageKey, params?: TParams) => string;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, "zh-Hant": zhHant };

/** Returns a translator for a locale. `{name}` placeholders are filled from params. */
export function getT(locale: Locale): TFunction {
  const dict = dictionaries[locale];
  return (key, params) => fill(dict[key] ?? en[key] ?? key, params);
}

function fill(template: string, params: TParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name])));
}

/** True when the key exists in the dictionaries (used to translate error keys from schemas). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * The one escape hatch from strict keys, for a key that comes from data rather than code: a schema's
 * error code, a field error sent back by the server. An unknown key is shown as it is, never crashes.
 */
export function translateFromData(t: TFunction, key: string, params?: TParams): string {
  return hasMessage(key) ? t(key, params) : key;
}

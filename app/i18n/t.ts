import { hongKongParts } from "~/calendar/hong-kong.ts";
import { en, type MessageKey } from "./en.ts";
import { zhHant } from "./zh-hant.ts";
import type { Locale } from "./locales.ts";

export type { MessageKey };
export type TParams = Record<string, string | number>;
export type TFunction = (key: MessageKey | (string & {}), params?: TParams) => string;

const dictionaries: Record<Locale, Record<string, string>> = { en, "zh-Hant": zhHant };

/**
 * Returns a translator for a locale. `{name}` placeholders are filled from params. An unknown key
 * falls back to English and then to the key itself, so a missing translation shows, never crashes.
 */
export function getT(locale: Locale): TFunction {
  const dict = dictionaries[locale];
  return (key, params) => {
    const template = dict[key] ?? en[key as MessageKey] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name])));
  };
}

/** True when the key exists in the dictionaries (used to translate error keys from schemas). */
export function hasMessage(key: string): key is MessageKey {
  return key in en;
}

const hkd = new Intl.NumberFormat("en-HK", { maximumFractionDigits: 0 });

/** HK$ with thousands separators, the same in both languages. */
export function formatHkd(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return "—";
  return `HK$${hkd.format(amount)}`;
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `27 Nov 2026` or `2026年11月27日`, in Hong Kong time for timestamps; plain ISO dates are taken as they are. */
export function formatDate(value: string | Date | null | undefined, locale: Locale): string {
  if (!value) return "—";
  let y: number, m: number, d: number;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    [y, m, d] = value.split("-").map(Number) as [number, number, number];
  } else {
    const date = typeof value === "string" ? new Date(value) : value;
    if (Number.isNaN(date.getTime())) return "—";
    ({ year: y, month: m, day: d } = hongKongParts(date));
  }
  return locale === "zh-Hant" ? `${y}年${m}月${d}日` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** Date and time (Hong Kong) for audit entries. */
export function formatDateTime(value: string | Date, locale: Locale): string {
  const date = typeof value === "string" ? new Date(value) : value;
  const { hour, minute } = hongKongParts(date);
  const hh = String(hour).padStart(2, "0");
  const mm = String(minute).padStart(2, "0");
  return `${formatDate(date, locale)} ${hh}:${mm}`;
}

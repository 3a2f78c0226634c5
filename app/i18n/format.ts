import { hongKongParts } from "~/calendar/hong-kong.ts";
import { getT, type TFunction } from "./t.ts";
import type { Locale } from "./locales.ts";

// Numbers are written the Hong Kong way in both languages: 1,234,567.
const whole = new Intl.NumberFormat("en-HK", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-HK", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
// As `toLocaleString("en-HK")`, made once: that call builds a formatter each time (a dashboard formats hundreds).
const plain = new Intl.NumberFormat("en-HK");

/** HK$ with thousands separators, the same in both languages; "—" when there is no amount. */
export function formatHkd(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return "—";
  return `HK$${whole.format(amount)}`;
}

/** A count with thousands separators; "—" when absent. */
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : plain.format(n);
}

/** A number of days to one decimal place (medians, 90th percentiles); "—" when absent. */
export function formatDays(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : oneDecimal.format(n);
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

/** Date and time (Hong Kong) for audit entries and comments. */
export function formatDateTime(value: string | Date, locale: Locale): string {
  const date = typeof value === "string" ? new Date(value) : value;
  const { hour, minute } = hongKongParts(date);
  const hh = String(hour).padStart(2, "0");
  const mm = String(minute).padStart(2, "0");
  return `${formatDate(date, locale)} ${hh}:${mm}`;
}

/** "1 working day" / "n working days", in the reader's language. */
export function formatWorkingDays(t: TFunction, n: number): string {
  return t(n === 1 ? "reviews.workingDay" : "reviews.workingDays", { n });
}

const present = (s: string | null | undefined): s is string => typeof s === "string" && s.trim() !== "";

/**
 * The one rule for text kept in both languages (an initiative's title, a bureau's name): the reader's
 * language, else the other language; null only when neither is given.
 */
export function inReadersLanguage(en: string | null | undefined, zh: string | null | undefined, locale: Locale) {
  const [first, second] = locale === "zh-Hant" ? [zh, en] : [en, zh];
  return present(first) ? first : present(second) ? second : null;
}

/** An initiative's title in the reader's language, else the other one (null for a draft with neither). */
export function localTitle(item: { titleEn: string | null; titleZh: string | null }, locale: Locale): string | null {
  return inReadersLanguage(item.titleEn, item.titleZh, locale);
}

/** The title in the language the reader is not reading, when it says something the first one does not. */
export function otherTitle(item: { titleEn: string | null; titleZh: string | null }, locale: Locale): string | null {
  const other = locale === "zh-Hant" ? item.titleEn : item.titleZh;
  return present(other) && other !== localTitle(item, locale) ? other : null;
}

/** A bureau's, department's or division's name in the reader's language, else the other one, else its code. */
export function localName(item: { code?: string; nameEn: string | null; nameZh: string | null }, locale: Locale) {
  return inReadersLanguage(item.nameEn, item.nameZh, locale) ?? item.code ?? "—";
}

/** Every formatter above bound to one locale (the page's: see `useFormat`). */
export function formatterFor(locale: Locale) {
  const t = getT(locale);
  return {
    locale,
    hkd: formatHkd,
    number: formatNumber,
    days: formatDays,
    date: (value: string | Date | null | undefined) => formatDate(value, locale),
    dateTime: (value: string | Date) => formatDateTime(value, locale),
    workingDays: (n: number) => formatWorkingDays(t, n),
    title: (item: { titleEn: string | null; titleZh: string | null }) => localTitle(item, locale),
    otherTitle: (item: { titleEn: string | null; titleZh: string | null }) => otherTitle(item, locale),
    name: (item: { code?: string; nameEn: string | null; nameZh: string | null }) => localName(item, locale),
  };
}

export type Formatter = ReturnType<typeof formatterFor>;

import { formatDate, type TFunction } from "~/i18n/t.ts";
import type { Locale } from "~/i18n/locales.ts";

/** "1 working day" / "n working days", in the page's language. */
export function workingDaysText(t: TFunction, n: number): string {
  return t(n === 1 ? "reviews.workingDay" : "reviews.workingDays", { n });
}

/** A bureau or department's code, with its name in the page's language on hover and for screen readers. */
export function BureauCode({
  bureau,
  locale,
}: {
  bureau: { code: string; nameEn: string; nameZh: string };
  locale: Locale;
}) {
  return <abbr title={locale === "zh-Hant" ? bureau.nameZh : bureau.nameEn}>{bureau.code}</abbr>;
}

/** The SLA clock of the current round, as the page's loader computes it. */
export type ClockView = { enteredOn: string; ageWorkingDays: number; dueOn: string; overdue: boolean; slaDays: number };

/** One line saying since when a decision waits, how long in working days, by when it is due, and if overdue. */
export function SlaClock({
  clock,
  messageKey,
  t,
  locale,
}: {
  clock: ClockView;
  messageKey: string;
  t: TFunction;
  locale: Locale;
}) {
  return (
    <p className="hint">
      {t(messageKey, {
        date: formatDate(clock.enteredOn, locale),
        age: workingDaysText(t, clock.ageWorkingDays),
        due: formatDate(clock.dueOn, locale),
      })}{" "}
      {clock.overdue ? <strong className="tag tag--red">{t("reviews.overdue")}</strong> : null}
    </p>
  );
}

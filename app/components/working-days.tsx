import type { MessageKey } from "~/i18n/t.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";

/** A bureau or department's code, with its name in the page's language on hover and for screen readers. */
export function BureauCode({ bureau }: { bureau: { code: string; nameEn: string; nameZh: string } }) {
  const format = useFormat();
  return <abbr title={format.name(bureau)}>{bureau.code}</abbr>;
}

/** The SLA clock of the current round, as the page's loader computes it. */
export type ClockView = { enteredOn: string; ageWorkingDays: number; dueOn: string; overdue: boolean; slaDays: number };

/** One line saying since when a decision waits, how long in working days, by when it is due, and if overdue. */
export function SlaClock({ clock, messageKey }: { clock: ClockView; messageKey: MessageKey }) {
  const t = useT();
  const format = useFormat();
  return (
    <p className="hint">
      {t(messageKey, {
        date: format.date(clock.enteredOn),
        age: format.workingDays(clock.ageWorkingDays),
        due: format.date(clock.dueOn),
      })}{" "}
      {clock.overdue ? <strong className="tag tag--red">{t("reviews.overdue")}</strong> : null}
    </p>
  );
}

/**
 * When the daily digest goes out: 08:30 Hong Kong time on working days. Pure.
 */
import { hongKongDate, hongKongTime } from "~/calendar/hong-kong.ts";
import { isWorkingDay } from "~/calendar/working-days.ts";

export const DIGEST_TIME = "08:30";

/** The first digest time strictly after `now`: today's 08:30 if still ahead and a working day, else the next one. */
export function nextDigestAt(now: Date): Date {
  let day = hongKongDate(now);
  for (let i = 0; i < 40; i++) {
    const at = hongKongTime(day, DIGEST_TIME);
    if (at > now && isWorkingDay(day)) return at;
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  }
  // Forty days without a working day cannot happen in Hong Kong's calendar; fail loudly rather than loop.
  throw new Error(`no working day within 40 days of ${day}`);
}

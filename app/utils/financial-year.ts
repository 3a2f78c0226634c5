import { hongKongParts } from "~/calendar/hong-kong.ts";

// Callers that already import the year from here keep working; the rule itself lives in hong-kong.ts.
export { hongKongYear } from "~/calendar/hong-kong.ts";

/**
 * The Hong Kong Government's financial year (1 April – 31 March) of an instant or an ISO date, written
 * like `2026-27`.
 */
export function financialYearOf(value: Date | string): string {
  let year: number;
  let month: number;
  if (typeof value === "string") {
    [year, month] = value.split("-").map(Number) as [number, number];
  } else {
    ({ year, month } = hongKongParts(value));
  }
  const start = month >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

/** The first and last day (ISO) of a financial year written `2026-27`, or null if it is not one. */
export function financialYearRange(fy: string): { start: string; end: string } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(fy);
  if (!m) return null;
  const start = Number(m[1]);
  if ((start + 1) % 100 !== Number(m[2])) return null;
  return { start: `${start}-04-01`, end: `${start + 1}-03-31` };
}

/** The calendar year in Hong Kong (UTC+8, no daylight saving) of an instant. */
export function hongKongYear(date: Date): number {
  return new Date(date.getTime() + 8 * 3600_000).getUTCFullYear();
}

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
    const hk = new Date(value.getTime() + 8 * 3600_000);
    year = hk.getUTCFullYear();
    month = hk.getUTCMonth() + 1;
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

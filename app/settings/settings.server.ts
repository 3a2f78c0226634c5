import { db } from "~/utils/db.server.ts";

/** Defaults: a 10-working-day review SLA and the HK$20,000,000 per-project ceiling of the CWRF Head 710
 *  Computerisation block allocation (Subhead A007GX), above which the Finance Committee decides. */
export const DEFAULT_SETTINGS = {
  REVIEW_SLA_DAYS: 10,
  BLOCK_ALLOCATION_LIMIT: 20_000_000,
} as const;

export type Settings = { reviewSlaDays: number; blockAllocationLimit: number };

/** The current settings, with defaults for any missing row. */
export async function getSettings(): Promise<Settings> {
  const rows = await db.setting.findMany({ select: { key: true, value: true } });
  const map = new Map(rows.map((r) => [r.key, Number(r.value)]));
  const num = (key: keyof typeof DEFAULT_SETTINGS) => {
    const v = map.get(key);
    return v !== undefined && Number.isFinite(v) ? v : DEFAULT_SETTINGS[key];
  };
  return { reviewSlaDays: num("REVIEW_SLA_DAYS"), blockAllocationLimit: num("BLOCK_ALLOCATION_LIMIT") };
}

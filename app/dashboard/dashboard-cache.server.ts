/**
 * The dashboard's figures, kept per server instance and computed again only when something they depend on
 * has changed. At 100,000 initiatives they take seconds of aggregate queries, and almost every load asks
 * for figures that no write has touched since the last one.
 *
 * An entry's key is everything the answer depends on: the stamp of the stored data (the audit log's last
 * entry and the settings in force, data-stamp.server.ts), the Hong Kong date (ages, overdue marks and
 * delivery health move at midnight), the caller's role and scope (a reviewer's division) and the parsed
 * filters. How entries are kept, shared and let go: stamped-cache.ts. The figures are computed outside any
 * transaction, from committed rows only.
 */
import { StampedCache } from "~/utils/stamped-cache.ts";
import type { Scope } from "./dashboard-sql.server.ts";
import type { DataStamp } from "~/utils/db/data-stamp.server.ts";

/** Entries kept: a few dozen distinct scopes and filters in use at once on one instance. */
export const DASHBOARD_CACHE_SIZE = 32;

const kept = new StampedCache(DASHBOARD_CACHE_SIZE);

export type FiguresKey = {
  stamp: DataStamp;
  today: string;
  role: string;
  scope: Scope;
  /** What is kept: the figures alone (by default), or a page's whole answer that holds them. */
  part?: string;
  /** The caller's B/D, for an answer that names it. */
  bureauCode?: string | null;
};

/** The parts of a key but the stamp in one canonical text (filters in name order, absent ones left out). */
function keyOf({ today, role, scope, part = "figures", bureauCode = null }: FiguresKey): string {
  const filters = Object.entries(scope)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([today, role, filters, part, bureauCode]);
}

/**
 * The figures for `key`: kept ones when the same key was computed since, else `compute()`'s, kept for the
 * next load. A computation that fails is not kept.
 */
export function cachedFigures<T>(key: FiguresKey, compute: () => Promise<T>): Promise<T> {
  return kept.get(JSON.stringify(key.stamp), keyOf(key), compute);
}

/** How many entries are kept now (for tests of the bound). */
export function dashboardCacheCount(): number {
  return kept.count;
}

/** Lets every entry go: the benchmark times computations (misses) with it. */
export function clearDashboardCache(): void {
  kept.clear();
}

/**
 * The dashboard's figures, kept per server instance and computed again only when something they depend on
 * has changed. At 100,000 initiatives they take seconds of aggregate queries, and almost every load asks
 * for figures that no write has touched since the last one.
 *
 * An entry's key is everything the answer depends on: the stamp of the stored data (the audit log's last
 * entry and the settings in force, figures-stamp.server.ts), the Hong Kong date (ages, overdue marks and
 * delivery health move at midnight), the caller's role and scope (a reviewer's division) and the parsed
 * filters. The stamp is read from the database on every load, so an instance never answers from figures
 * another instance's write has made stale; nothing is shared between instances. The figures are computed
 * outside any transaction, from committed rows only.
 *
 * Bounded: each combination of scope, filters and date is an entry, and the least recently used goes
 * first. A new stamp lets every older entry go at once: the audit log only grows, so they cannot be asked
 * for again. Concurrent loads of the same key share one computation. The answer is shared between callers:
 * they must not change it.
 */
import { LruCache } from "~/utils/lru-cache.ts";
import type { Scope } from "./dashboard-sql.server.ts";
import type { FiguresStamp } from "./figures-stamp.server.ts";

/** Entries kept: a few dozen distinct scopes and filters in use at once on one instance. */
export const DASHBOARD_CACHE_SIZE = 32;

const kept = new LruCache<string, Promise<unknown>>(DASHBOARD_CACHE_SIZE);
let lastStamp = "";

export type FiguresKey = {
  stamp: FiguresStamp;
  today: string;
  role: string;
  scope: Scope;
  /** What is kept: the figures alone (by default), or a page's whole answer that holds them. */
  part?: string;
  /** The caller's B/D, for an answer that names it. */
  bureauCode?: string | null;
};

/** The parts of a key in one canonical text (filters in name order, absent ones left out). */
function keyOf({ stamp, today, role, scope, part = "figures", bureauCode = null }: FiguresKey): string {
  const filters = Object.entries(scope)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([stamp, today, role, filters, part, bureauCode]);
}

/**
 * The figures for `key`: kept ones when the same key was computed since, else `compute()`'s, kept for the
 * next load. A computation that fails is not kept.
 */
export function cachedFigures<T>(key: FiguresKey, compute: () => Promise<T>): Promise<T> {
  const stamp = JSON.stringify(key.stamp);
  if (stamp !== lastStamp) {
    kept.clear();
    lastStamp = stamp;
  }
  // The stamp is in the id too: a load that read its stamp just before a commit may arrive after one that
  // read it just after, and must not be answered with the other's figures.
  const id = keyOf(key);
  const hit = kept.get(id);
  if (hit) return hit as Promise<T>;
  const pending = compute();
  kept.set(id, pending);
  pending.catch(() => {
    if (kept.has(id) && kept.get(id) === pending) kept.delete(id);
  });
  return pending;
}

/** How many entries are kept now (for tests of the bound). */
export function dashboardCacheCount(): number {
  return kept.count;
}

/** Lets every entry go: the benchmark times computations (misses) with it. */
export function clearDashboardCache(): void {
  kept.clear();
  lastStamp = "";
}

/**
 * A fixed-window request counter per client address, for the public open-data feed: enough to stop one
 * address from hammering the database. It is kept in this process's memory, so with several instances
 * behind a load balancer each allows the limit (the feed reveals nothing that throttling would protect;
 * sign-in throttling, which does protect something, counts in the database instead).
 */
const WINDOW_MS = 60_000;

/** Requests one address may make per minute to the feed. */
export const OPEN_DATA_LIMIT = 60;

const windows = new Map<string, { start: number; count: number }>();

/** Counts one request; `ok: false` with the seconds until the window ends when over the limit. */
export function takeRequest(
  address: string,
  now = Date.now(),
  limit = OPEN_DATA_LIMIT,
): { ok: true } | { ok: false; retryAfterSeconds: number } {
  if (windows.size > 10_000) {
    for (const [key, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(key);
  }
  let w = windows.get(address);
  if (!w || now - w.start >= WINDOW_MS) {
    w = { start: now, count: 0 };
    windows.set(address, w);
  }
  w.count++;
  if (w.count <= limit) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000)) };
}

/** Forgets every count (tests). */
export function resetRequestCounts(): void {
  windows.clear();
}

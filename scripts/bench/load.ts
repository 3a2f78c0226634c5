// The load generators: autocannon for throughput (many connections), and one client's sequential
// requests for latency percentiles.
import autocannon, { type Request } from "autocannon";
import { CONNECTIONS } from "./options.ts";

export type Target = { path: string; headers: Record<string, string> };

/**
 * One GET as the server under test answers it: status and body read whole. A request that met a kept-alive
 * connection the server had just closed (its keep-alive timeout ran out while a slow page was being made)
 * is sent once more on a new connection.
 */
export async function get(baseUrl: string, target: Target): Promise<{ status: number; body: string }> {
  const once = async () => {
    const response = await fetch(baseUrl + target.path, { headers: target.headers, redirect: "manual" });
    return { status: response.status, body: await response.text() };
  };
  return once().catch((error: unknown) => {
    if (error instanceof TypeError && error.message === "fetch failed") return once();
    throw error;
  });
}

/** Requests a second over `seconds`, and how many answers were not 2xx (or failed). */
export async function requestsPerSecond(
  baseUrl: string,
  targets: Target[],
  seconds: number,
  connections = CONNECTIONS,
): Promise<{ perSecond: number; failed: number }> {
  const requests: Request[] = targets.map((t) => ({ method: "GET", path: t.path, headers: t.headers }));
  const result = await autocannon({ url: baseUrl, connections, duration: seconds, requests });
  // Requests still in the server when the load generator stops would slow the next run: they end within
  // about one request's time.
  await new Promise((r) => setTimeout(r, Math.min(result.latency.p99, 10_000)));
  await settle(baseUrl);
  return { perSecond: result.requests.total / result.duration, failed: result.non2xx + result.errors };
}

/** Resolves once the server answers its liveness check, i.e. after the work queued before it. */
async function settle(baseUrl: string): Promise<void> {
  await fetch(`${baseUrl}/healthz`).then((r) => r.text());
}

/** Durations (ms) of one client's requests made one after another for `seconds`; throws on a non-200 answer. */
export async function sequentialLatencies(baseUrl: string, target: Target, seconds: number): Promise<number[]> {
  const out: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const t0 = performance.now();
    const { status } = await get(baseUrl, target);
    if (status !== 200) throw new Error(`GET ${target.path} answered ${status}`);
    out.push(performance.now() - t0);
  }
  return out;
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A small JSON API client for the reliability scripts: one request, its status, answer and time taken. */

export type Answer = {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- untyped JSON answers
  retryAfter: string | null;
  replayed: boolean;
  ms: number;
};

/**
 * Sends one request to the API. A connection that fails (refused, reset, cut by a crash) rejects, as
 * fetch does: the caller decides whether that is expected.
 */
export async function api(
  base: string,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...(options.json !== undefined ? { "Content-Type": "application/json" } : {}),
      ...options.headers,
    },
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
    signal: options.signal,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (a page, a plain-text refusal): keep the text
  }
  return {
    status: res.status,
    body,
    retryAfter: res.headers.get("Retry-After"),
    replayed: res.headers.get("Idempotent-Replayed") === "true",
    ms: performance.now() - started,
  };
}

/** An API token for a demo account. */
export async function apiToken(base: string, email: string, password: string): Promise<string> {
  const res = await api(base, "POST", "/api/v1/tokens", { json: { email, password } });
  if (res.status !== 201) throw new Error(`token for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** A draft initiative of the token's officer; returns its reference. */
export async function createDraft(base: string, token: string, titleEn: string): Promise<string> {
  const res = await api(base, "POST", "/api/v1/initiatives", { token, json: { titleEn } });
  if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.ref as string;
}

/** The value at a fraction (0–1) of sorted numbers. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * The request id to show on an error page (browser-safe). A page loaded from the server shows the id of
 * that request (the root loader passes it). After a client-side navigation the failing request was a
 * data request of its own, so the browser remembers the X-Request-Id of the latest data response and
 * the error page prefers it: the user then quotes the id of the request that actually failed.
 */
let latest: string | null = null;

/** Called in the browser for each response to a Remix data request. */
export function rememberRequestId(id: string | null): void {
  if (id) latest = id;
}

/** The id of the latest data request in this browser tab, if any (always null on the server). */
export function latestRequestId(): string | null {
  return latest;
}

/**
 * Wraps `fetch` so that Remix's data requests (`?_data=…`) report their X-Request-Id. Everything else
 * passes through untouched.
 */
export function watchDataRequests(target: { fetch: typeof fetch }): void {
  const original = target.fetch.bind(target);
  target.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.includes("_data=")) rememberRequestId(response.headers.get("X-Request-Id"));
    return response;
  };
}

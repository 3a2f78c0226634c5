// Builders for real Requests to the Remix loaders and actions, and a sign-in that goes through the
// real sign-in code.
import { signIn } from "~/auth/auth.server.ts";
import { csrfTokenFor, getSessionCookie } from "~/auth/session.server.ts";

export const ORIGIN = "http://localhost:3000";

export type Session = { cookie: string; csrf: string };

/** Signs in with the real sign-in function and returns the Cookie header and CSRF token of the session. */
export async function login(email: string, password = "hk-digital-2026"): Promise<Session> {
  const result = await signIn(email, password, "127.0.0.1", "vitest");
  if (!result.ok) throw new Error(`sign-in failed for ${email}: ${result.reason}`);
  const cookie = result.setCookie.split(";")[0]!;
  const sessionId = await getSessionCookie().parse(cookie);
  return { cookie, csrf: csrfTokenFor(sessionId as string) };
}

/** A GET request, optionally signed in. */
export function get(path: string, session?: Session, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    headers: { ...(session ? { Cookie: session.cookie } : {}), ...headers },
  });
}

/** A form POST from this site (Origin set, CSRF token included when signed in). */
export function post(
  path: string,
  fields: Record<string, string | string[]>,
  session?: Session,
  headers: Record<string, string> = {},
): Request {
  const body = new URLSearchParams();
  if (session) body.append("_csrf", session.csrf);
  for (const [k, v] of Object.entries(fields)) {
    for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  }
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: ORIGIN,
      Host: "localhost:3000",
      ...(session ? { Cookie: session.cookie } : {}),
      ...headers,
    },
  });
}

/** Runs a loader or action and returns its Response, whether it was returned or thrown. */
export async function run(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await fn();
    if (result instanceof Response) return result;
    throw new Error("expected a Response");
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Route-module call arguments for a Request. */
export function args(request: Request, params: Record<string, string> = {}) {
  return { request, params, context: { clientAddress: "127.0.0.1" } };
}

import { redirect } from "@remix-run/node";
import { db } from "~/utils/db.server.ts";
import { HttpError, toPageResponse } from "~/utils/http.server.ts";
import { verifyPassword } from "./password.server.ts";
import {
  createSession,
  getSessionUser,
  isValidCsrfToken,
  redirectToLogin,
  type SessionUser,
} from "./session.server.ts";
import { logDenied } from "./security-log.server.ts";
import { clearSignInFailures, takeSignInAttempt } from "./throttle.server.ts";
import { NO_ROLE, type Role } from "./roles.ts";

export type { SessionUser };

/** What the Remix server passes to loaders and actions (see server.mjs). */
export type AppLoadContext = { clientAddress?: string };

/** The client's address as the HTTP server saw it. */
export function clientAddress(context: unknown): string {
  const address = (context as AppLoadContext | undefined)?.clientAddress;
  return address && address.length > 0 ? address : "unknown";
}

/** The signed-in user, or a redirect to the sign-in page. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) throw redirectToLogin(request);
  if ((user.role as string) === NO_ROLE) throw awaitingAccess(request, user);
  return user;
}

/** A user without a role sees the "awaiting access" page instead of their home, and 403 everywhere else. */
function awaitingAccess(request: Request, user: SessionUser): Response {
  const { pathname } = new URL(request.url);
  if (request.method === "GET" && pathname === "/") return redirect("/awaiting-access");
  logDenied(user, `${request.method} ${pathname}`, "no role yet (awaiting access)");
  return toPageResponse(new HttpError(403, { key: "problems.awaitingAccess" }));
}

/** The signed-in user if their role is one of `roles`; otherwise 403 (or the sign-in page). */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) {
    logDenied(
      user,
      `${request.method} ${new URL(request.url).pathname}`,
      `role ${user.role} not in ${roles.join("/")}`,
    );
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}

/** Sends a signed-in user away from pages meant for visitors (the sign-in page). */
export async function redirectIfSignedIn(request: Request): Promise<void> {
  if (await getSessionUser(request)) throw redirect("/");
}

/**
 * Refuses a mutation sent from another site: the browser's Sec-Fetch-Site or Origin must say the
 * request came from this site. Requests without either header (scripts, old browsers) fall back
 * to the SameSite cookie and the form token.
 */
export function assertSameOrigin(request: Request): void {
  try {
    checkOrigin(request);
  } catch (error) {
    logDenied(
      null,
      `${request.method} ${new URL(request.url).pathname}`,
      `cross-site request (Origin ${request.headers.get("Origin") ?? "none"}, Sec-Fetch-Site ${request.headers.get("Sec-Fetch-Site") ?? "none"})`,
    );
    throw error;
  }
}

function checkOrigin(request: Request): void {
  const site = request.headers.get("Sec-Fetch-Site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new Response("Cross-site request refused", { status: 403 });
  }
  const origin = request.headers.get("Origin");
  if (origin && origin !== "null") {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new Response("Cross-site request refused", { status: 403 });
    }
    const host = request.headers.get("Host") ?? new URL(request.url).host;
    if (originHost !== host) throw new Response("Cross-site request refused", { status: 403 });
  } else if (origin === "null") {
    throw new Response("Cross-site request refused", { status: 403 });
  }
}

/**
 * Reads a page form for a signed-in user after the CSRF checks (same origin, and the session's token
 * in the `_csrf` field). Every page action that changes something starts here.
 */
export async function readUserForm(request: Request, user: SessionUser): Promise<FormData> {
  assertSameOrigin(request);
  const form = await request.formData();
  if (!isValidCsrfToken(user.sessionId, form.get("_csrf"))) {
    logDenied(user, `${request.method} ${new URL(request.url).pathname}`, "missing or wrong CSRF token");
    throw new Response("The form has expired. Reload the page and try again.", { status: 403 });
  }
  return form;
}

/** The longest e-mail address there can be (RFC 5321); longer input is cut before use or storage. */
export const MAX_EMAIL_LENGTH = 254;

export type SignInResult =
  | { ok: true; setCookie: string; user: { id: string; role: Role } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export type CredentialsResult =
  | { ok: true; user: { id: string; role: Role } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks an email and password, with throttling per account and per client address, without starting
 * anything: the sign-in page and the API's token endpoint share it, so that neither is an easier way
 * to guess a password than the other. Unknown account, wrong password and disabled account all give
 * the same answer.
 */
export async function verifyCredentials(emailInput: string, password: string, ip: string): Promise<CredentialsResult> {
  // Bounded before it is stored: no address is longer (RFC 5321), and a huge one must not fill the table.
  const email = emailInput.trim().toLowerCase().slice(0, MAX_EMAIL_LENGTH);
  // The attempt is counted (as a failure) before the password is checked: concurrent guesses cannot
  // get past the limit, and a right password forgives it below.
  const slot = await takeSignInAttempt(email, ip);
  if (!slot.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: slot.retryAfterSeconds };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, role: true, passwordHash: true, disabledAt: true },
  });
  const valid = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user || !valid || user.disabledAt) return { ok: false, reason: "invalid" };
  await clearSignInFailures(email);
  return { ok: true, user: { id: user.id, role: user.role as Role } };
}

/** Checks the credentials (see {@link verifyCredentials}) and starts a browser session. */
export async function signIn(
  emailInput: string,
  password: string,
  ip: string,
  userAgent: string | null,
): Promise<SignInResult> {
  const result = await verifyCredentials(emailInput, password, ip);
  if (!result.ok) return result;
  const setCookie = await createSession(result.user.id, userAgent);
  return { ok: true, setCookie, user: result.user };
}

export { safeRedirect } from "~/utils/safe-redirect.ts";
export { HttpError };

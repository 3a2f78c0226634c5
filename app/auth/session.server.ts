import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import type { Locale } from "~/i18n/locales.ts";
import type { Role } from "./roles.ts";

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 3600_000;
// Writing lastActiveAt on every request would turn each page view into a write; once a minute is enough
// for a 30-minute idle timeout.
const TOUCH_INTERVAL_MS = 60_000;

let sessionCookie: ReturnType<typeof createCookie> | undefined;

/** The signed, HttpOnly, SameSite=Lax cookie that carries the session id (`__Host-` and Secure in production). */
export function getSessionCookie() {
  if (!sessionCookie) {
    const env = getEnv();
    const production = env.NODE_ENV === "production";
    sessionCookie = createCookie(production ? "__Host-it_session" : "it_session", {
      httpOnly: true,
      sameSite: "lax",
      secure: production,
      path: "/",
      secrets: env.sessionSecrets,
    });
  }
  return sessionCookie;
}

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  bureauCode: string | null;
  divisionCode: string | null;
  locale: Locale;
  sessionId: string;
};

/** Starts a new session (always a new id, so a session id known before sign-in is worthless after it). */
export async function createSession(userId: string, userAgent: string | null): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const now = Date.now();
  await db.session.create({
    data: {
      id,
      userId,
      userAgent: userAgent?.slice(0, 300) ?? null,
      lastActiveAt: new Date(now),
      expiresAt: new Date(now + ABSOLUTE_TIMEOUT_MS),
    },
  });
  return getSessionCookie().serialize(id, { maxAge: ABSOLUTE_TIMEOUT_MS / 1000 });
}

async function readSessionId(request: Request): Promise<string | null> {
  const value = await getSessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The signed-in user of a request, or null when there is no live session (expired, idle, revoked, disabled). */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      expiresAt: true,
      lastActiveAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          bureauCode: true,
          divisionCode: true,
          locale: true,
          disabledAt: true,
        },
      },
    },
  });
  if (!session) return null;
  const now = Date.now();
  const idle = now - session.lastActiveAt.getTime() > IDLE_TIMEOUT_MS;
  if (session.expiresAt.getTime() <= now || idle || session.user.disabledAt) {
    await db.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now - session.lastActiveAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.updateMany({ where: { id: session.id }, data: { lastActiveAt: new Date(now) } });
  }
  const { disabledAt: _disabled, ...user } = session.user;
  return { ...user, role: user.role as Role, locale: user.locale as Locale, sessionId: session.id };
}

/** Ends the request's session and returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const sessionId = await readSessionId(request);
  if (sessionId) await db.session.deleteMany({ where: { id: sessionId } });
  return getSessionCookie().serialize("", { maxAge: 0 });
}

/** Ends every session and API token of a user (on disabling, or on a password change). */
export async function endAllSessions(userId: string): Promise<void> {
  await db.$transaction([db.session.deleteMany({ where: { userId } }), db.apiToken.deleteMany({ where: { userId } })]);
}

/** The per-session CSRF token: an HMAC of the session id, so nothing more needs storing. */
export function csrfTokenFor(sessionId: string): string {
  return createHmac("sha256", getEnv().sessionSecrets[0]!).update(`csrf:${sessionId}`).digest("base64url");
}

/** Compares a submitted CSRF token with the session's, in constant time. */
export function isValidCsrfToken(sessionId: string, token: unknown): boolean {
  if (typeof token !== "string") return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A redirect to the sign-in page that comes back to where the user was. */
export function redirectToLogin(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const search = back && back !== "/" ? `?${new URLSearchParams({ redirectTo: back })}` : "";
  return redirect(`/login${search}`);
}

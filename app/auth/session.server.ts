import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { Prisma } from "~/generated/prisma/client.ts";
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

type SessionRow = {
  sessionId: string;
  expiresAt: unknown;
  lastActiveAt: unknown;
  disabledAt: unknown;
  id: string;
  email: string;
  name: string;
  role: string;
  bureauCode: string | null;
  divisionCode: string | null;
  locale: string;
  unread: unknown;
};

/** An instant as either database's raw query returns it (a Date, an ISO text or milliseconds). */
function instantOf(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number" || typeof value === "bigint") return Number(value);
  return Date.parse(String(value));
}

/**
 * The session, its user and the user's unread in-app notifications (the header's badge) in one statement:
 * it runs on every request, and every page shows the badge, so Prisma's three are two too many. The count
 * is served by the notifications' [userId, inApp, readAt] index.
 */
async function loadSession(sessionId: string): Promise<SessionRow | null> {
  const rows = await db.$queryRaw<SessionRow[]>(Prisma.sql`
    SELECT s."id" AS "sessionId", s."expiresAt", s."lastActiveAt", u."disabledAt",
           u."id", u."email", u."name", u."role", u."bureauCode", u."divisionCode", u."locale",
           (SELECT CAST(COUNT(*) AS INTEGER) FROM "Notification" n
             WHERE n."userId" = u."id" AND n."inApp" = TRUE AND n."readAt" IS NULL) AS "unread"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${sessionId}`);
  return rows[0] ?? null;
}

type Checked = { user: SessionUser; unread: number };

async function checkSession(sessionId: string): Promise<Checked | null> {
  const session = await loadSession(sessionId);
  if (!session) return null;
  const now = Date.now();
  const lastActiveAt = instantOf(session.lastActiveAt);
  const idle = !(now - lastActiveAt <= IDLE_TIMEOUT_MS);
  // Any value in disabledAt (or one that cannot be read as an instant) counts as disabled, as before.
  if (!(instantOf(session.expiresAt) > now) || idle || session.disabledAt != null) {
    await db.session.deleteMany({ where: { id: session.sessionId } });
    return null;
  }
  if (now - lastActiveAt > TOUCH_INTERVAL_MS) {
    await db.session.updateMany({ where: { id: session.sessionId }, data: { lastActiveAt: new Date(now) } });
  }
  const user: SessionUser = {
    id: session.id,
    email: session.email,
    name: session.name,
    role: session.role as Role,
    bureauCode: session.bureauCode,
    divisionCode: session.divisionCode,
    locale: session.locale as Locale,
    sessionId: session.sessionId,
  };
  return { user, unread: Number(session.unread) };
}

// The root loader and the page's loader of one HTTP request check the same session at the same moment:
// they share one check. Remix hands each loader a Request of its own, so the request is known by the id the
// server gives it (X-Request-Id, set by requestLogger). Only loaders of the same request share: a check
// started by another request may have begun before this one's write (a notification marked read) and would
// show what it read then. Nothing about a session is remembered once the check ends.
const checksInFlight = new Map<string, Promise<Checked | null>>();

function checkOnce(sessionId: string, requestId: string | null): Promise<Checked | null> {
  if (!requestId) return checkSession(sessionId);
  const key = `${requestId} ${sessionId}`;
  let check = checksInFlight.get(key);
  if (!check) {
    check = checkSession(sessionId).finally(() => checksInFlight.delete(key));
    checksInFlight.set(key, check);
  }
  return check;
}

// The unread count read with each user handed out, kept beside it rather than in it: a SessionUser goes
// wherever the caller goes (access rules, logs), and a count taken at sign-in time has no place there.
const unreadAtCheck = new WeakMap<object, number>();

/** The signed-in user of a request, or null when there is no live session (expired, idle, revoked, disabled). */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const checked = await checkOnce(sessionId, request.headers.get("x-request-id"));
  if (!checked) return null;
  // Each caller gets its own copy, so that one loader changing it cannot affect another.
  const user = { ...checked.user };
  unreadAtCheck.set(user, checked.unread);
  return user;
}

/** The user's unread in-app notifications as this request's session check read them (undefined for another object). */
export function unreadAtSessionCheck(user: object): number | undefined {
  return unreadAtCheck.get(user);
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

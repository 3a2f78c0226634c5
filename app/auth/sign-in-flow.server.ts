/**
 * Signing in in steps. A correct password alone does not start a session when more is needed: a code
 * from the user's authenticator app (or enrolment, when their role requires a second factor), then a new
 * password when an administrator created the account. Between steps the browser holds a short-lived
 * signed cookie naming the user and the step; only the last step starts a session.
 */
import { createCookie, redirect } from "@remix-run/node";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { verifyCredentials, type SignInResult } from "./auth.server.ts";
import { mustEnrol } from "./mfa.server.ts";
import { createSession, getSessionCookie } from "./session.server.ts";

export type SignInStep = "mfa" | "enrol" | "password";
type Pending = { userId: string; step: SignInStep; redirectTo: string; expiresAt: number };

/** How long a user has to finish the next step after their password. */
const PENDING_TTL_MS = 10 * 60_000;
export const STEP_PATHS: Record<SignInStep, string> = {
  mfa: "/login/mfa",
  enrol: "/login/mfa-setup",
  password: "/login/new-password",
};

let pendingCookie: ReturnType<typeof createCookie> | undefined;
function getPendingCookie() {
  if (!pendingCookie) {
    const env = getEnv();
    const production = env.NODE_ENV === "production";
    pendingCookie = createCookie(production ? "__Host-it_signin" : "it_signin", {
      httpOnly: true,
      sameSite: "lax",
      secure: production,
      path: "/",
      secrets: env.sessionSecrets,
      maxAge: PENDING_TTL_MS / 1000,
    });
  }
  return pendingCookie;
}

/** The sign-in in progress for this browser, when it is still fresh and its user may still sign in. */
export async function readPendingSignIn(request: Request, step: SignInStep): Promise<Pending | null> {
  const value = (await getPendingCookie().parse(request.headers.get("Cookie"))) as Pending | null;
  if (!value || typeof value !== "object" || value.step !== step || value.expiresAt <= Date.now()) return null;
  const user = await db.user.findUnique({ where: { id: value.userId }, select: { disabledAt: true } });
  return user && !user.disabledAt ? value : null;
}

/** The Set-Cookie header that forgets a sign-in in progress. */
export function clearPendingSignIn(): Promise<string> {
  return getPendingCookie().serialize("", { maxAge: 0 });
}

type StepUser = {
  id: string;
  role: string;
  passwordHash: string;
  mfaEnabledAt: Date | null;
  mustChangePassword: boolean;
};

async function nextStep(user: StepUser, done: SignInStep | null): Promise<SignInStep | null> {
  const secondFactorDone = done === "mfa" || done === "enrol";
  if (!secondFactorDone && done !== "password") {
    if (user.mfaEnabledAt) return "mfa";
    if (await mustEnrol(user)) return "enrol";
  }
  if (done !== "password" && user.mustChangePassword) return "password";
  return null;
}

export type Continuation = { location: string; cookies: string[] };

/**
 * After a step succeeded (`done`, or null after the password): the next step's page with its cookie, or
 * a new session and the page the user asked for.
 */
export async function continueSignIn(
  userId: string,
  done: SignInStep | null,
  redirectTo: string,
  userAgent: string | null,
): Promise<Continuation> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, role: true, passwordHash: true, mfaEnabledAt: true, mustChangePassword: true },
  });
  const step = await nextStep(user, done);
  if (step) {
    const pending: Pending = { userId, step, redirectTo, expiresAt: Date.now() + PENDING_TTL_MS };
    return { location: STEP_PATHS[step], cookies: [await getPendingCookie().serialize(pending)] };
  }
  // The session's cookie first: a client that reads only the first Set-Cookie still gets signed in.
  return { location: redirectTo, cookies: [await startSignedInSession(userId, userAgent), await clearPendingSignIn()] };
}

/** Starts the session of a completed sign-in and notes when it happened (the users list shows it). */
export async function startSignedInSession(
  userId: string,
  userAgent: string | null,
  extra: { oidcIdToken?: string } = {},
): Promise<string> {
  const setCookie = await createSession(userId, userAgent);
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } });
  if (extra.oidcIdToken) {
    const sessionId = (await getSessionCookie().parse(setCookie.split(";")[0]!)) as string;
    await db.session.updateMany({ where: { id: sessionId }, data: { oidcIdToken: extra.oidcIdToken } });
  }
  return setCookie;
}

/** A redirect that sets every cookie of a continuation. */
export function redirectWith(continuation: Continuation): Response {
  const headers = new Headers();
  for (const c of continuation.cookies) headers.append("Set-Cookie", c);
  return redirect(continuation.location, { headers });
}

/**
 * The sign-in page's password step: the same checks and throttling as before, then either a session or
 * the next step. `redirectTo` must already be a safe same-site path.
 */
export async function passwordSignIn(
  email: string,
  password: string,
  ip: string,
  userAgent: string | null,
  redirectTo: string,
): Promise<Exclude<SignInResult, { ok: true }> | { ok: true; response: Response }> {
  const result = await verifyCredentials(email, password, ip);
  if (!result.ok) return result;
  return { ok: true, response: redirectWith(await continueSignIn(result.user.id, null, redirectTo, userAgent)) };
}

import { db } from "~/utils/db.server.ts";

export const THROTTLE_WINDOW_MS = 15 * 60_000;
/** Failures per account in the window before further attempts are refused: the 11th is throttled. */
export const MAX_FAILURES_PER_ACCOUNT = 10;
/**
 * Failures per client address in the window. High on purpose: a whole department can sit behind one
 * NAT address, and one person mistyping must not lock out the office; the per-account limit is what
 * stops guessing at one account.
 */
export const MAX_FAILURES_PER_ADDRESS = 100;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Whether a sign-in for this email from this address may be tried now. */
export async function checkSignInThrottle(email: string, ip: string, now = Date.now()): Promise<ThrottleVerdict> {
  const since = new Date(now - THROTTLE_WINDOW_MS);
  const [byAccount, byAddress] = await Promise.all([
    db.loginAttempt.findMany({
      where: { email, createdAt: { gte: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
      take: MAX_FAILURES_PER_ACCOUNT,
    }),
    db.loginAttempt.findMany({
      where: { ip, createdAt: { gte: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
      take: MAX_FAILURES_PER_ADDRESS,
    }),
  ]);
  const blockedUntil = (rows: { createdAt: Date }[], max: number) =>
    rows.length >= max ? rows[max - 1]!.createdAt.getTime() + THROTTLE_WINDOW_MS : 0;
  const until = Math.max(
    blockedUntil(byAccount, MAX_FAILURES_PER_ACCOUNT),
    blockedUntil(byAddress, MAX_FAILURES_PER_ADDRESS),
  );
  return until > now ? { allowed: false, retryAfterSeconds: Math.ceil((until - now) / 1000) } : { allowed: true };
}

/** Records a failed sign-in. */
export async function recordSignInFailure(email: string, ip: string): Promise<void> {
  await db.loginAttempt.create({ data: { email, ip } });
}

/** Forgets an account's failures after it signs in, and failures older than the window. */
export async function clearSignInFailures(email: string, now = Date.now()): Promise<void> {
  await db.loginAttempt.deleteMany({
    where: { OR: [{ email }, { createdAt: { lt: new Date(now - THROTTLE_WINDOW_MS) } }] },
  });
}

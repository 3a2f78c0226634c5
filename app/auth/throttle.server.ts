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

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

async function verdictIn(tx: Tx, email: string, ip: string, now: number): Promise<ThrottleVerdict> {
  const since = new Date(now - THROTTLE_WINDOW_MS);
  const byAccount = await tx.loginAttempt.findMany({
    where: { email, createdAt: { gte: since } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
    take: MAX_FAILURES_PER_ACCOUNT,
  });
  const byAddress = await tx.loginAttempt.findMany({
    where: { ip, createdAt: { gte: since } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
    take: MAX_FAILURES_PER_ADDRESS,
  });
  const blockedUntil = (rows: { createdAt: Date }[], max: number) =>
    rows.length >= max ? rows[max - 1]!.createdAt.getTime() + THROTTLE_WINDOW_MS : 0;
  const until = Math.max(
    blockedUntil(byAccount, MAX_FAILURES_PER_ACCOUNT),
    blockedUntil(byAddress, MAX_FAILURES_PER_ADDRESS),
  );
  return until > now ? { allowed: false, retryAfterSeconds: Math.ceil((until - now) / 1000) } : { allowed: true };
}

export type ThrottleSlot = ThrottleVerdict & { attemptId?: string };

/**
 * Takes one of the sign-in attempts the window allows, or says how long to wait. Counting and recording
 * happen in one serializable transaction (on SQLite it holds the write lock from its start), so
 * concurrent guesses cannot all read "9 failures" and all be checked: the attempt is recorded as a
 * failure up front, and {@link clearSignInFailures} forgives it when the password turns out right.
 */
export async function takeSignInAttempt(email: string, ip: string, now = Date.now()): Promise<ThrottleSlot> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          const verdict = await verdictIn(tx, email, ip, now);
          if (!verdict.allowed) return verdict;
          const row = await tx.loginAttempt.create({ data: { email, ip }, select: { id: true } });
          return { allowed: true as const, attemptId: row.id };
        },
        { isolationLevel: "Serializable" },
      );
    } catch (error) {
      // PostgreSQL may abort one of two racing serializable transactions: count again, after a short pause.
      if (!isSerializationFailure(error) || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/**
 * A serializable transaction that PostgreSQL aborted because another one won the race: Prisma reports it as
 * P2034, or (through the pg driver adapter) as a DriverAdapterError whose cause is a TransactionWriteConflict.
 */
function isSerializationFailure(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { kind?: unknown; originalCode?: unknown } } | null;
  return (
    e?.code === "P2034" ||
    e?.cause?.kind === "TransactionWriteConflict" ||
    e?.cause?.originalCode === "40001" ||
    /TransactionWriteConflict|could not serialize/.test(String(error))
  );
}

/** Whether a sign-in for this email from this address may be tried now (without taking an attempt). */
export async function checkSignInThrottle(email: string, ip: string, now = Date.now()): Promise<ThrottleVerdict> {
  return db.$transaction((tx) => verdictIn(tx, email, ip, now));
}

/** Forgets an account's failures after it signs in, and failures older than the window. */
export async function clearSignInFailures(email: string, now = Date.now()): Promise<void> {
  await db.loginAttempt.deleteMany({
    where: { OR: [{ email }, { createdAt: { lt: new Date(now - THROTTLE_WINDOW_MS) } }] },
  });
}

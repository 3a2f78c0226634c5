/**
 * `Idempotency-Key` for the API's POSTs (creating a draft, sending a lifecycle event, adding a comment): a
 * client that did not hear the answer (a cut connection, a crash, a timeout) sends the same request with
 * the same key again, and gets the first answer instead of doing it twice.
 *
 * The key is claimed inside the very transaction that does the write, so the two commit together or not
 * at all: after a crash either both exist (a retry replays) or neither does (a retry does it). Two requests
 * racing with one key are decided by the (user, key) unique index, or by the write itself (the loser of
 * two racing events is a 409): either way the loser's transaction is rolled back and it replays the
 * winner's answer. The same key with a different request (method, path or body) is a 422. Keys are per
 * caller and kept 24 hours. A request refused (4xx) claims no key.
 */
import { createHash } from "node:crypto";
import type { Tx } from "~/initiatives/versioning.server.ts";
import { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** How long a key is remembered. */
export const KEY_TTL_MS = 24 * 60 * 60 * 1000;
// Visible ASCII, as in the IETF draft's examples (UUIDs, random tokens); long enough for any of them.
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * What is saved with the key inside the write's transaction: the answer's status, and what a replay
 * needs to rebuild the answer if the full answer (saved just after the commit) was lost in a crash.
 */
export type Saved = { status: number; location?: string; result?: unknown; body?: unknown };

/** Claims the key inside the write's transaction, after the write's own statements. */
export type ClaimKey = (tx: Tx, saved: Saved) => Promise<void>;

/** What a write answers: its status, its body and, for a creation, its location. */
export type Answer = { status: number; body: unknown; location?: string };

/** Thrown inside the transaction when the key turns out to be taken: roll back, then replay. */
class KeyTaken extends Error {}

/** The request's key, `null` when it sent none; a malformed one is a 400. */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!KEY_PATTERN.test(key)) {
    throw new HttpError(400, { key: "problems.idempotencyKeyInvalid" }, undefined, "BAD_REQUEST");
  }
  return key;
}

/** Sorted keys at every level, so that the same JSON sent with another key order is the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** What makes two requests "the same": method, path and body. */
export function fingerprintOf(request: Request, body: unknown): string {
  const { pathname } = new URL(request.url);
  return createHash("sha256")
    .update(`${request.method.toUpperCase()} ${pathname}\n${JSON.stringify(canonical(body))}`)
    .digest("hex");
}

function isKeyUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { target?: unknown; modelName?: unknown } } | null;
  if (e?.code !== "P2002") return false;
  const where = JSON.stringify(e.meta ?? {});
  return where.includes("IdempotencyKey") || where.includes("userId");
}

function keyedResponse(answer: Answer, replayed: boolean): Response {
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8" });
  if (answer.location) headers.set("Location", answer.location);
  if (replayed) headers.set("Idempotent-Replayed", "true");
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
}

async function replay(
  userId: string,
  key: string,
  fingerprint: string,
  reload: (saved: Saved) => Promise<unknown>,
): Promise<Response | null> {
  const row = await db.idempotencyKey.findUnique({
    where: { userId_key: { userId, key } },
    select: { fingerprint: true, status: true, response: true, createdAt: true },
  });
  if (!row) return null;
  if (Date.now() - row.createdAt.getTime() > KEY_TTL_MS) return null;
  if (row.fingerprint !== fingerprint) {
    throw new HttpError(422, { key: "problems.idempotencyKeyReused" }, undefined, "IDEMPOTENCY_KEY_REUSED");
  }
  const saved = { ...(JSON.parse(row.response ?? "{}") as Partial<Saved>), status: row.status ?? 201 };
  // The full answer is saved just after the commit; a crash in between leaves what the transaction saved.
  const body = saved.body !== undefined ? saved.body : await reload(saved);
  return keyedResponse({ status: saved.status, body, location: saved.location }, true);
}

/**
 * Runs a write once per `Idempotency-Key`. `write` must call the claim it is given inside its transaction
 * (after its own writes) with what a replay needs; `reload` rebuilds the answer from that if the full
 * answer was lost in a crash. Without a key, `write` simply runs.
 */
export async function runOnce(
  request: Request,
  userId: string,
  body: unknown,
  write: (claim: ClaimKey | undefined) => Promise<Answer>,
  reload: (saved: Saved) => Promise<unknown>,
): Promise<Response> {
  const key = idempotencyKeyOf(request);
  if (key === null) return keyedResponse(await write(undefined), false);
  const fingerprint = fingerprintOf(request, body);
  const earlier = await replay(userId, key, fingerprint, reload);
  if (earlier) return earlier;

  const claim: ClaimKey = async (tx, saved) => {
    const now = new Date();
    const taken = await tx.idempotencyKey.findUnique({
      where: { userId_key: { userId, key } },
      select: { createdAt: true },
    });
    if (taken && now.getTime() - taken.createdAt.getTime() <= KEY_TTL_MS) throw new KeyTaken();
    // An expired key may be used again; old keys are dropped as new ones arrive (createdAt is indexed).
    await tx.idempotencyKey.deleteMany({
      where: { OR: [{ createdAt: { lt: new Date(now.getTime() - KEY_TTL_MS) } }, { userId, key }] },
    });
    const { status, ...rest } = saved;
    await tx.idempotencyKey.create({
      data: {
        userId,
        key,
        fingerprint,
        committedAt: now,
        status,
        response: JSON.stringify(rest),
        createdAt: now,
        updatedAt: now,
      },
    });
  };

  let answer: Answer;
  try {
    answer = await write(claim);
  } catch (error) {
    // Lost a race with the same key: the claim found it taken, the unique index refused it, or the
    // winner's write made this one fail (a 409 on the version it had read). Answer as the winner did.
    const winner = await replay(userId, key, fingerprint, reload).catch((replayError: unknown) => {
      if (replayError instanceof HttpError) throw replayError;
      return null;
    });
    if (winner) return winner;
    if (error instanceof KeyTaken || isKeyUniqueViolation(error)) {
      throw new HttpError(409, { key: "problems.idempotencyKeyInUse" });
    }
    throw error;
  }
  // The full answer, for replays; if this is lost, a replay rebuilds it from what the transaction saved.
  await db.idempotencyKey
    .update({
      where: { userId_key: { userId, key } },
      data: {
        status: answer.status,
        response: JSON.stringify({ location: answer.location, body: answer.body } satisfies Omit<Saved, "status">),
      },
    })
    .catch(() => undefined);
  return keyedResponse(answer, false);
}

/**
 * `Idempotency-Key` for the API's creating POSTs: a client that did not hear the answer (a cut
 * connection, a crash, a timeout) sends the same request with the same key again, and gets the first
 * answer instead of a second initiative.
 *
 * The key is claimed inside the very transaction that creates the thing, so the two commit together or
 * not at all: after a crash either both exist (a retry replays) or neither does (a retry creates). Two
 * requests racing with one key are decided by the (user, key) unique index: the loser's transaction is
 * rolled back and it replays the winner's answer. The same key with a different request (method, path
 * or body) is a 422. Keys are per caller and kept 24 hours.
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

/** Claims the key inside the creating transaction; `location` is where the created thing lives. */
export type ClaimKey = (tx: Tx, location: string) => Promise<void>;

/** What a creation answers: its status, its body, and its location. */
export type Created = { status: number; body: unknown; location: string };

type Stored = { location: string; body?: unknown };

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

function createdResponse(status: number, body: unknown, location: string, replayed: boolean): Response {
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8", Location: location });
  if (replayed) headers.set("Idempotent-Replayed", "true");
  return new Response(JSON.stringify(body), { status, headers });
}

async function replay(
  userId: string,
  key: string,
  fingerprint: string,
  reload: (location: string) => Promise<unknown>,
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
  const stored = JSON.parse(row.response ?? "{}") as Stored;
  // The body is saved just after the commit; a crash in between leaves only the location, so read it again.
  const body = stored.body !== undefined ? stored.body : await reload(stored.location);
  return createdResponse(row.status ?? 201, body, stored.location, true);
}

/**
 * Runs a creation once per `Idempotency-Key`. `create` must call the claim it is given inside its
 * transaction (after its own writes); `reload` reads the created thing again by its location (for a
 * replay whose saved answer was lost in a crash). Without a key, `create` simply runs.
 */
export async function createOnce(
  request: Request,
  userId: string,
  body: Record<string, unknown>,
  create: (claim: ClaimKey | undefined) => Promise<Created>,
  reload: (location: string) => Promise<unknown>,
): Promise<Response> {
  const key = idempotencyKeyOf(request);
  if (key === null) {
    const created = await create(undefined);
    return createdResponse(created.status, created.body, created.location, false);
  }
  const fingerprint = fingerprintOf(request, body);
  const earlier = await replay(userId, key, fingerprint, reload);
  if (earlier) return earlier;

  const claim: ClaimKey = async (tx, location) => {
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
    await tx.idempotencyKey.create({
      data: {
        userId,
        key,
        fingerprint,
        committedAt: now,
        status: 201,
        response: JSON.stringify({ location } satisfies Stored),
        createdAt: now,
        updatedAt: now,
      },
    });
  };

  let created: Created;
  try {
    created = await create(claim);
  } catch (error) {
    if (error instanceof KeyTaken || isKeyUniqueViolation(error)) {
      const winner = await replay(userId, key, fingerprint, reload);
      if (winner) return winner;
    }
    throw error;
  }
  // The full answer, for replays; if this is lost, a replay reads the thing again by its location.
  await db.idempotencyKey
    .update({
      where: { userId_key: { userId, key } },
      data: { status: created.status, response: JSON.stringify({ location: created.location, body: created.body }) },
    })
    .catch(() => undefined);
  return createdResponse(created.status, created.body, created.location, false);
}

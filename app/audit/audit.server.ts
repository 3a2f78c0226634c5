import { createHash } from "node:crypto";
import { dbProvider, type Db } from "~/utils/db.server.ts";

/** The prevHash of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** Anything that can run Prisma queries: the client or a transaction. */
type Tx = Pick<Db, "auditEvent" | "$executeRawUnsafe">;

/** The key of the PostgreSQL advisory lock that serialises appends to the chain (any constant would do). */
const AUDIT_CHAIN_LOCK = 0x61756474; // "audt"

export type AuditEntryInput = {
  initiativeId?: string | null;
  actorId?: string | null;
  actorRole: string;
  event: string;
  fromState?: string | null;
  toState?: string | null;
  payload?: unknown;
  createdAt?: Date;
};

type HashedFields = {
  initiativeId: string | null;
  actorId: string | null;
  actorRole: string;
  event: string;
  fromState: string | null;
  toState: string | null;
  payload: string;
  createdAt: Date;
};

/** The hash of an entry: its content and its predecessor's hash, so edits, deletions and reorderings show. */
export function auditHash(prevHash: string, entry: HashedFields): string {
  const content = JSON.stringify([
    entry.initiativeId,
    entry.actorId,
    entry.actorRole,
    entry.event,
    entry.fromState,
    entry.toState,
    entry.payload,
    entry.createdAt.toISOString(),
  ]);
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

/**
 * Appends one entry to the audit chain inside the caller's transaction. Two writers that race for
 * the same predecessor cannot both succeed: prevHash is unique, so the loser's transaction fails
 * and writes nothing. SQLite has one writer at a time anyway; on PostgreSQL, where transactions of
 * several instances run side by side, a transaction-scoped advisory lock makes appenders take turns
 * (held until commit), so that they queue instead of failing and retrying, and `seq` follows the chain.
 */
export async function appendAuditEvent(tx: Tx, input: AuditEntryInput): Promise<{ seq: number; hash: string }> {
  if (dbProvider() === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: HashedFields = {
    initiativeId: input.initiativeId ?? null,
    actorId: input.actorId ?? null,
    actorRole: input.actorRole,
    event: input.event,
    fromState: input.fromState ?? null,
    toState: input.toState ?? null,
    payload: JSON.stringify(input.payload ?? {}),
    // Milliseconds only: what every database stores round-trips, so the hash can be recomputed.
    createdAt: new Date(Math.floor((input.createdAt ?? new Date()).getTime())),
  };
  const hash = auditHash(prevHash, fields);
  const row = await tx.auditEvent.create({ data: { ...fields, prevHash, hash }, select: { seq: true } });
  return { seq: row.seq, hash };
}

export type ChainReport =
  { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; problem: string };

/** Walks the whole chain in order and reports the first broken link. Reads in pages to bound memory. */
export async function verifyAuditChain(db: Pick<Db, "auditEvent">, pageSize = 5000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let afterSeq = 0;
  let count = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gt: afterSeq } },
      orderBy: { seq: "asc" },
      take: pageSize,
    });
    if (rows.length === 0) return { ok: true, entries: count };
    for (const row of rows) {
      count++;
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          entries: count,
          brokenAt: row.seq,
          problem: "its link to the previous entry does not match (an entry was deleted or reordered)",
        };
      }
      if (auditHash(prevHash, row) !== row.hash) {
        return {
          ok: false,
          entries: count,
          brokenAt: row.seq,
          problem: "its content does not match its hash (it was edited)",
        };
      }
      prevHash = row.hash;
      afterSeq = row.seq;
    }
  }
}

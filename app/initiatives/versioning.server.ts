/**
 * Optimistic versions and retries for initiative writes: a caller names the version it read, a write
 * lands only where that version is still current, and a transaction that lost a race on a unique key is
 * run again.
 */
import type { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { isUniqueViolation } from "~/utils/db/db-errors.server.ts";

/** The transaction client Prisma hands to `db.$transaction`'s callback. */
export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

export type WriteOptions<Result = unknown> = {
  /** The version the caller read; a different current version is a conflict (409). */
  expectedVersion?: number;
  /** The time to record. Only the seed passes it (to spread the demo portfolio over past years). */
  now?: Date;
  /**
   * Runs inside the write's transaction, after its own writes, with the initiative's reference and what
   * the write will return: what must commit together with the write (the API's Idempotency-Key claim)
   * goes here.
   */
  inTransaction?: (tx: Tx, ref: string, result: Result) => Promise<void>;
};

/** Retries a transaction that lost a race on a unique key (a reference number, the audit chain's link). */
export async function withRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || !isUniqueViolation(error)) throw error;
    }
  }
}

/** A 409 unless the caller read the current version (or named none). */
export function checkVersion(row: { version: number }, expectedVersion: number | undefined, ref: string) {
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new HttpError(409, {
      key: "problems.versionConflict",
      values: { ref, current: row.version, expected: expectedVersion },
    });
  }
}

/** Writes the new version only where the read version is still current; otherwise nothing is written. */
export async function bumpVersion(
  tx: Tx,
  row: { id: string; version: number; ref: string },
  data: Record<string, unknown>,
) {
  const { count } = await tx.initiative.updateMany({
    where: { id: row.id, version: row.version },
    data: { ...data, version: row.version + 1 },
  });
  if (count !== 1) throw new HttpError(409, { key: "problems.changedMeanwhile", values: { ref: row.ref } });
}

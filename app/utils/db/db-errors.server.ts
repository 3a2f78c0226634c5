/**
 * Which database faults are the operator's problem, not the request's: a busy database, a full disk, a
 * read-only file, a database that cannot be reached. Those are answered 503 with `Retry-After` (the
 * request was fine; try again later) instead of the generic 500.
 *
 * Errors reach us in several wrappings (the driver's own error, Prisma's DriverAdapterError, a
 * PrismaClientKnownRequestError whose `meta.driverAdapterError` holds the driver's code, or an unknown
 * request error with only a message), so the classifier walks the chain and looks at every code and
 * message it finds. Codes are looked up in {@link CODE_KINDS}; a PostgreSQL SQLSTATE (e.g. `53100`
 * disk_full, `25006` read_only_sql_transaction, `57P03` cannot_connect_now, `40001`
 * serialization_failure) is added to that same table, and the rest of the app needs no change.
 */
import { HttpError } from "../http.server.ts";

export type DbFaultKind = "busy" | "full" | "read-only" | "unavailable";

/** Exact codes: SQLite result codes, Prisma error codes (and PostgreSQL SQLSTATEs when added). */
const CODE_KINDS: Record<string, DbFaultKind> = {
  // Prisma: P1008 is what the adapter makes of SQLITE_BUSY; P2028 a transaction that could not start
  // in time (waiting for the write lock); P2034 a write conflict; P1001/P1017 a lost database.
  P1008: "busy",
  P2028: "busy",
  P2034: "busy",
  P2037: "busy",
  P1001: "unavailable",
  P1017: "unavailable",
  SQLITE_FULL: "full",
  SQLITE_NOMEM: "unavailable",
  SQLITE_NOTADB: "unavailable",
  SQLITE_PROTOCOL: "busy",
};

/** Code families: SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE, … */
const CODE_PREFIXES: [string, DbFaultKind][] = [
  ["SQLITE_BUSY", "busy"],
  ["SQLITE_LOCKED", "busy"],
  ["SQLITE_READONLY", "read-only"],
  ["SQLITE_IOERR", "unavailable"],
  ["SQLITE_CANTOPEN", "unavailable"],
  ["SQLITE_CORRUPT", "unavailable"],
];

/** When only a message survives the wrapping (SQLite's own wording). */
const MESSAGE_KINDS: [RegExp, DbFaultKind][] = [
  [/database or disk is full/i, "full"],
  [/attempt to write a readonly database|readonly database/i, "read-only"],
  [/database is locked|database table is locked/i, "busy"],
  [/disk I\/O error|unable to open database file/i, "unavailable"],
];

/** Seconds a client should wait before retrying, per fault. */
export const RETRY_AFTER_SECONDS: Record<DbFaultKind, number> = {
  busy: 2,
  full: 60,
  "read-only": 60,
  unavailable: 10,
};

function kindOfCode(code: string): DbFaultKind | undefined {
  const exact = CODE_KINDS[code];
  if (exact) return exact;
  return CODE_PREFIXES.find(([prefix]) => code.startsWith(prefix))?.[1];
}

function* causes(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const item = queue.shift();
    if (!item || typeof item !== "object" || seen.has(item) || seen.size > 20) continue;
    seen.add(item);
    const record = item as Record<string, unknown>;
    yield record;
    queue.push(record.cause);
    const meta = record.meta as Record<string, unknown> | undefined;
    if (meta && typeof meta === "object") queue.push(meta.driverAdapterError);
  }
}

/** The fault's kind if the error is a nameable database fault, otherwise `undefined`. */
export function classifyDbError(error: unknown): DbFaultKind | undefined {
  const messages: string[] = [];
  for (const record of causes(error)) {
    for (const key of ["originalCode", "code"]) {
      const code = record[key];
      if (typeof code === "string") {
        const kind = kindOfCode(code);
        if (kind) return kind;
      }
    }
    for (const key of ["originalMessage", "message"]) {
      if (typeof record[key] === "string") messages.push(record[key] as string);
    }
  }
  for (const message of messages) {
    const hit = MESSAGE_KINDS.find(([pattern]) => pattern.test(message));
    if (hit) return hit[1];
  }
  return undefined;
}

/** True for a lock held elsewhere: the one fault worth retrying on the spot. */
export function isBusyError(error: unknown): boolean {
  return classifyDbError(error) === "busy";
}

/** The i18n key of the message a user sees for each fault. */
export const FAULT_MESSAGE_KEYS: Record<DbFaultKind, string> = {
  busy: "errors.databaseBusy",
  full: "errors.databaseFull",
  "read-only": "errors.databaseReadOnly",
  unavailable: "errors.databaseUnavailable",
};

/** English texts for the API (which answers in English) and logs. */
export const FAULT_MESSAGES: Record<DbFaultKind, string> = {
  busy: "The database is busy. Please try again in a moment.",
  full: "The service cannot save changes right now (storage is full). Please try again later.",
  "read-only": "The service cannot save changes right now (storage is read-only). Please try again later.",
  unavailable: "The database is unavailable. Please try again later.",
};

const faultListeners = new Set<(kind: DbFaultKind) => void>();

/** Called with each fault a request met (readiness re-probes at once instead of trusting an old probe). */
export function onDbFault(listener: (kind: DbFaultKind) => void): void {
  faultListeners.add(listener);
}

/** Classifies a request's error and tells the listeners; `undefined` when it is no database fault. */
export function reportDbFault(error: unknown): DbFaultKind | undefined {
  const kind = classifyDbError(error);
  if (kind) for (const listener of faultListeners) listener(kind);
  return kind;
}

/** A 503 HttpError with `Retry-After` for a nameable database fault, or `undefined` for anything else. */
export function dbFaultHttpError(error: unknown): HttpError | undefined {
  const kind = reportDbFault(error);
  if (!kind) return undefined;
  return new HttpError(503, FAULT_MESSAGES[kind], undefined, "SERVICE_UNAVAILABLE", {
    "Retry-After": String(RETRY_AFTER_SECONDS[kind]),
  });
}

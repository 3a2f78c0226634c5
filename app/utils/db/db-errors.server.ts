/**
 * Which database faults are the operator's problem, not the request's: a busy database, a full disk, a
 * read-only file, a database that cannot be reached. Those are answered 503 with `Retry-After` (the
 * request was fine; try again later) instead of the generic 500.
 *
 * Errors reach us in several wrappings (the driver's own error, Prisma's DriverAdapterError, a
 * PrismaClientKnownRequestError whose `meta.driverAdapterError` holds the driver's code, or an unknown
 * request error with only a message), so the classifier walks the chain and looks at every code and
 * message it finds. Codes are looked up in {@link CODE_KINDS}: SQLite's result codes, Prisma's, PostgreSQL's
 * SQLSTATEs (e.g. `53100` disk_full, `25006` read_only_sql_transaction, `57P01` admin_shutdown, `40001`
 * serialization_failure) and the socket errors of the `pg` driver (a refused or dropped connection).
 */
import { HttpError } from "../http.server.ts";

export type DbFaultKind = "busy" | "full" | "read-only" | "unavailable";

/** Exact codes: SQLite result codes, Prisma error codes, PostgreSQL SQLSTATEs and socket errors. */
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
  // PostgreSQL: another transaction won (serialization failure, deadlock, a lock not granted, a statement
  // cancelled by statement_timeout), or the server has no connection to spare.
  "40001": "busy",
  "40P01": "busy",
  "55P03": "busy",
  "57014": "busy",
  "53300": "busy",
  "53400": "busy",
  "53100": "full",
  // A read-only transaction: a standby, or default_transaction_read_only during maintenance.
  "25006": "read-only",
  // The server is shutting down, restarting, or crashed; the database is missing; an I/O error.
  "57P01": "unavailable",
  "57P02": "unavailable",
  "57P03": "unavailable",
  "53200": "unavailable",
  "58030": "unavailable",
  "3D000": "unavailable",
  // The pg driver's socket errors.
  ECONNREFUSED: "unavailable",
  ECONNRESET: "unavailable",
  ETIMEDOUT: "unavailable",
  ENOTFOUND: "unavailable",
  EPIPE: "unavailable",
};

/**
 * The kinds the PostgreSQL driver adapter gives the errors it recognises (a DriverAdapterError's cause), for
 * the wrappings in which the SQLSTATE itself is gone (socket errors keep no code there).
 */
const ADAPTER_KINDS: Record<string, DbFaultKind> = {
  TransactionWriteConflict: "busy",
  TooManyConnections: "busy",
  DatabaseNotReachable: "unavailable",
  ConnectionClosed: "unavailable",
  SocketTimeout: "unavailable",
  DatabaseDoesNotExist: "unavailable",
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

/** PostgreSQL's SQLSTATE class 08: connection exceptions. */
const SQLSTATE_CONNECTION_CLASS = /^08[0-9A-Z]{3}$/;

/** When only a message survives the wrapping (SQLite's, PostgreSQL's and the pg driver's own wording). */
const MESSAGE_KINDS: [RegExp, DbFaultKind][] = [
  [/database or disk is full|could not extend file|No space left on device/i, "full"],
  [/attempt to write a readonly database|readonly database|in a read-only transaction/i, "read-only"],
  [/database is locked|database table is locked/i, "busy"],
  [/could not serialize access|deadlock detected|too many clients already|remaining connection slots/i, "busy"],
  [/disk I\/O error|unable to open database file/i, "unavailable"],
  [
    /Connection terminated|terminating connection due to|the database system is (shutting down|starting up|in recovery mode)|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/i,
    "unavailable",
  ],
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
  if (SQLSTATE_CONNECTION_CLASS.test(code)) return "unavailable";
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
    if (typeof record.kind === "string" && Object.hasOwn(ADAPTER_KINDS, record.kind)) return ADAPTER_KINDS[record.kind];
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

/** True when a write lost a race on a unique key (Prisma's P2002): a conflict to answer, not a fault. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
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

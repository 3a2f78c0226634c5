/**
 * The SQLite driver adapter the app uses: Prisma's better-sqlite3 adapter, wrapped so that the
 * connection can never be left stuck, plus the durability and locking settings we rely on.
 *
 * Why a wrapper: with Prisma 6.19's client runtime, a transaction is ended by sending `COMMIT`/`ROLLBACK`
 * through `executeRaw` and only then calling the adapter's `commit()`/`rollback()`, which is what
 * releases the adapter's in-process lock. When the statement throws (disk full, read-only file, I/O
 * error) the release never happens, so every later transaction waits for that lock forever; a failing
 * `BEGIN` leaks the lock the same way. Here the transaction owns its end: it reports
 * `usePhantomQuery`, so the runtime calls `commit()`/`rollback()` directly, and those run the statement
 * themselves, roll back whatever SQLite left open, and release the lock in `finally`.
 *
 * What else it does:
 * - `BEGIN IMMEDIATE`: a transaction takes the write lock when it starts. With a plain `BEGIN` a
 *   transaction that has read cannot wait for the lock (SQLite answers SQLITE_BUSY at once, or
 *   SQLITE_BUSY_SNAPSHOT when another process wrote meanwhile), so the busy timeout never helped.
 * - Waiting for a lock held by another process happens here, asynchronously, up to `busyTimeoutMs`:
 *   better-sqlite3 is synchronous, and SQLite's own busy handler would freeze the whole server while
 *   it sleeps. SQLite's handler is kept short; the rest of the wait is spent on timers.
 * - One connection serves every request, so a statement outside a transaction must not slip into
 *   someone else's open transaction (where a later rollback would silently undo it): such statements
 *   wait until the transaction ends.
 * - `synchronous=FULL` and WAL: an acknowledged commit survives a power loss, not only a crash.
 * - Reads outside a transaction go to worker threads with read-only connections (sqlite-read-pool.server.ts),
 *   so that a heavy read does not stall every other request; they need not wait for an open transaction.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { isBusyError } from "./db-errors.server.ts";
import { isReadOnlyQuery, SqliteReadPool } from "./sqlite-read-pool.server.ts";

export type SqliteAdapterOptions = {
  /** How long a write waits for a lock held by another connection before giving up (→ 503). */
  busyTimeoutMs?: number;
  /** Worker threads answering reads outside transactions (sqlite-read-pool.server.ts); 0 keeps them all here. */
  readWorkers?: number;
};

/** SQLite's own (blocking) wait on a lock, per attempt; the longer wait is asynchronous, see above. */
const SQLITE_BUSY_HANDLER_MS = 20;
const PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = FULL",
  `PRAGMA busy_timeout = ${SQLITE_BUSY_HANDLER_MS}`,
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A FIFO lock: one transaction at a time on the connection. */
class Lock {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        release();
      };
    });
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

/**
 * The connection's shared state: the transaction lock, and the promise of the open transaction's end
 * (statements outside it wait on that).
 */
class ConnectionState {
  readonly lock = new Lock();
  openTransaction: Promise<void> | null = null;

  async whenNoTransaction(): Promise<void> {
    while (this.openTransaction) await this.openTransaction;
  }
}

/** Retries a statement that met SQLITE_BUSY, on timers, until the deadline. */
async function retryWhileBusy<T>(deadline: number, attempt: () => Promise<T>): Promise<T> {
  let pause = 5;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusyError(error) || Date.now() + pause > deadline) throw error;
      await sleep(pause);
      pause = Math.min(pause * 2, 100);
    }
  }
}

class SafeTransaction implements Transaction {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  // The runtime then calls commit()/rollback() itself instead of sending COMMIT/ROLLBACK first.
  readonly options = { usePhantomQuery: true };
  #ended = false;

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly end: () => void,
  ) {
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  commit(): Promise<void> {
    return this.#finish("COMMIT");
  }

  rollback(): Promise<void> {
    return this.#finish("ROLLBACK");
  }

  async #finish(statement: "COMMIT" | "ROLLBACK"): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    try {
      await this.inner.executeScript(statement);
    } catch (error) {
      // A failed COMMIT may leave the transaction open (SQLITE_FULL, SQLITE_BUSY, I/O errors: SQLite
      // decides); a failed ROLLBACK rarely does. Either way, end it, or the connection stays inside it.
      await this.inner.executeScript("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      this.end();
    }
  }
}

class SafeSqliteAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #state = new ConnectionState();

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly busyTimeoutMs: number,
    private readonly readPool: SqliteReadPool | null = null,
  ) {
    this.adapterName = inner.adapterName;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    const deadline = Date.now() + this.busyTimeoutMs;
    const pool = this.readPool;
    if (pool && isReadOnlyQuery(query.sql)) return retryWhileBusy(deadline, () => pool.query(query));
    return retryWhileBusy(deadline, async () => {
      await this.#state.whenNoTransaction();
      return this.inner.queryRaw(query);
    });
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    const deadline = Date.now() + this.busyTimeoutMs;
    return retryWhileBusy(deadline, async () => {
      await this.#state.whenNoTransaction();
      return this.inner.executeRaw(query);
    });
  }

  async executeScript(script: string): Promise<void> {
    await this.#state.whenNoTransaction();
    return this.inner.executeScript(script);
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      // SQLite transactions are serializable; refuse a weaker promise rather than pretend.
      throw new Error(`SQLite does not support the isolation level ${isolationLevel}`);
    }
    const deadline = Date.now() + this.busyTimeoutMs;
    const release = await this.#state.lock.acquire();
    try {
      await this.#state.whenNoTransaction();
      await retryWhileBusy(deadline, () => this.inner.executeScript("BEGIN IMMEDIATE"));
    } catch (error) {
      release();
      throw error;
    }
    let markEnded!: () => void;
    this.#state.openTransaction = new Promise<void>((resolve) => (markEnded = resolve));
    return new SafeTransaction(this.inner, () => {
      this.#state.openTransaction = null;
      markEnded();
      release();
    });
  }

  async dispose(): Promise<void> {
    await this.readPool?.close();
    return this.inner.dispose();
  }
}

/**
 * A driver-adapter factory for a SQLite file (or `:memory:`), with the safety described above. Pass it
 * to `new PrismaClient({ adapter })`.
 */
export class SafeSqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSQLite3;
  readonly #file: string;
  readonly #busyTimeoutMs: number;
  readonly #readWorkers: number;

  constructor(file: string, options: SqliteAdapterOptions = {}) {
    this.#inner = new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_HANDLER_MS });
    this.adapterName = this.#inner.adapterName;
    this.#file = file;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    this.#readWorkers = options.readWorkers ?? 0;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const inner = await this.#inner.connect();
    const deadline = Date.now() + this.#busyTimeoutMs;
    // journal_mode needs a moment without writers; another process may be writing right now.
    for (const pragma of PRAGMAS) await retryWhileBusy(deadline, () => inner.executeScript(pragma));
    // A database in memory exists only on this connection: nothing another thread could open.
    const shared = this.#readWorkers > 0 && !/^(file:)?:memory:|mode=memory/.test(this.#file);
    const pool = shared ? new SqliteReadPool(this.#file, this.#readWorkers, SQLITE_BUSY_HANDLER_MS) : null;
    return new SafeSqliteAdapter(inner, this.#busyTimeoutMs, pool);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return new SafeSqliteAdapter(await this.#inner.connectToShadowDb(), this.#busyTimeoutMs);
  }
}

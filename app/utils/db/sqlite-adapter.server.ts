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
 * - Group commit: the transactions of the requests handled in one turn of the event loop share one SQLite
 *   transaction, each inside a savepoint of its own, and one COMMIT (one `fsync`) ends them all. A transaction
 *   that rolls back undoes only its savepoint. None answers before that COMMIT, and if it fails, none is
 *   acknowledged. See {@link CommitGroup}.
 * - Prepared statements are kept for reuse (statement-cache.ts).
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
import { cacheStatements } from "./statement-cache.ts";

export type SqliteAdapterOptions = {
  /** How long a write waits for a lock held by another connection before giving up (→ 503). */
  busyTimeoutMs?: number;
  /** Worker threads answering reads outside transactions (sqlite-read-pool.server.ts); 0 keeps them all here. */
  readWorkers?: number;
};

/** SQLite's own (blocking) wait on a lock, per attempt; the longer wait is asynchronous, see above. */
const SQLITE_BUSY_HANDLER_MS = 20;
/** Prepared statements the connection keeps for reuse (statement-cache.ts). */
const KEPT_STATEMENTS = 500;
const PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = FULL",
  `PRAGMA busy_timeout = ${SQLITE_BUSY_HANDLER_MS}`,
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A group commit takes no more members once this many share it or once it has been open this long: the
 * first member's answer waits for the group's COMMIT.
 */
const GROUP_MEMBERS = 16;
const GROUP_MS = 20;

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
 * One SQLite transaction that several of the app's transactions share, one after another (group commit).
 *
 * Why: with synchronous=FULL every COMMIT is an `fsync`, and better-sqlite3 waits for it on the request
 * thread: under write load that was a fifth of the thread's time. A transaction of the app runs from start
 * to end without giving the event loop a turn (every statement is synchronous underneath), so transactions
 * never overlap; instead the COMMIT waits for the event loop's next turn, and the transactions of the
 * requests handled meanwhile join it.
 *
 * How: `BEGIN IMMEDIATE` when the first member starts, a savepoint per member, one `COMMIT` on the next turn
 * (or when a member would start in a group that is full or old). A member that commits releases its
 * savepoint; one that rolls back rolls back to its savepoint, leaving the others' work in place. Both answer
 * only once that COMMIT is durable; if it fails, no member is acknowledged.
 */
class CommitGroup {
  readonly startedAt = performance.now();
  members = 0;
  committing = false;
  readonly #waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  readonly ended: Promise<void>;
  readonly markEnded: () => void;

  constructor() {
    let markEnded!: () => void;
    this.ended = new Promise<void>((resolve) => (markEnded = resolve));
    this.markEnded = markEnded;
  }

  /** Resolves once the group's COMMIT is durable; rejects if the group is rolled back instead. */
  durable(): Promise<void> {
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  /** Answers the members waiting for {@link durable}. */
  settle(error?: unknown): void {
    for (const member of this.#waiting.splice(0)) {
      if (error === undefined) member.resolve();
      else member.reject(error);
    }
  }

  /** Whether another transaction may still join. */
  takesMore(): boolean {
    return this.members < GROUP_MEMBERS && performance.now() - this.startedAt < GROUP_MS;
  }
}

/**
 * The connection's shared state: the transaction lock, and the open group commit (statements outside a
 * transaction wait for its end).
 */
class ConnectionState {
  readonly lock = new Lock();
  group: CommitGroup | null = null;

  async whenNoTransaction(): Promise<void> {
    while (this.group) await this.group.ended;
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

/** One of the app's transactions: a savepoint within the connection's group commit. */
class SafeTransaction implements Transaction {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  // The runtime then calls commit()/rollback() itself instead of sending COMMIT/ROLLBACK first.
  readonly options = { usePhantomQuery: true };
  #ended = false;
  /** The last error a statement met: when SQLite rolls back the whole transaction for it, the group's cause. */
  #lastError: unknown = undefined;

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly end: (commit: boolean, lastError: unknown) => Promise<void>,
  ) {
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#noting(this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#noting(this.inner.executeRaw(query));
  }

  async #noting<T>(result: Promise<T>): Promise<T> {
    try {
      return await result;
    } catch (error) {
      this.#lastError = error;
      throw error;
    }
  }

  commit(): Promise<void> {
    return this.#finish(true);
  }

  rollback(): Promise<void> {
    return this.#finish(false);
  }

  async #finish(commit: boolean): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    await this.end(commit, this.#lastError);
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
    let group = this.#state.group;
    try {
      if (group && !group.takesMore()) {
        await this.#endGroup(group, undefined);
        group = null;
      }
      if (!group) {
        await retryWhileBusy(deadline, () => this.inner.executeScript("BEGIN IMMEDIATE"));
        group = this.#state.group = new CommitGroup();
      }
      await this.inner.executeScript("SAVEPOINT member");
    } catch (error) {
      try {
        if (group) await this.#endGroup(group, error);
      } finally {
        release();
      }
      throw error;
    }
    group.members++;
    const member = group;
    return new SafeTransaction(this.inner, (commit, lastError) => this.#endMember(member, commit, lastError, release));
  }

  /**
   * Ends one member of the group: its savepoint released (commit) or rolled back; the group's COMMIT is
   * left to the event loop's next turn. Either way the member answers only once that COMMIT is durable:
   * it may have seen what earlier members wrote (a key already claimed, a version already bumped), and its
   * caller must not act on that before it is committed, e.g. by reading it outside a transaction.
   */
  async #endMember(group: CommitGroup, commit: boolean, lastError: unknown, release: () => void): Promise<void> {
    try {
      await this.inner.executeScript(commit ? "RELEASE member" : "ROLLBACK TO member; RELEASE member");
    } catch (error) {
      // The savepoint is gone: SQLite rolled the whole transaction back (a full disk, an I/O error), or the
      // transaction ended some other way. The group cannot go on; what its members wrote is not committed.
      const failure = lastError ?? error;
      try {
        await this.#endGroup(group, failure);
      } finally {
        release();
      }
      throw failure;
    }
    const committed = group.durable();
    release();
    this.#commitSoon(group);
    // A member that rolled back has nothing to lose with the group; its own error is what its caller hears.
    await (commit ? committed : committed.catch(() => undefined));
  }

  /** COMMITs the group on the event loop's next turn, once no member holds the connection. */
  #commitSoon(group: CommitGroup): void {
    if (group.committing) return;
    group.committing = true;
    setImmediate(() => {
      void this.#state.lock.acquire().then(async (release) => {
        try {
          if (this.#state.group === group) await this.#endGroup(group, undefined);
        } finally {
          release();
        }
      });
    });
  }

  /** COMMIT (or, after `failure`, ROLLBACK) the group's transaction, and answer the members waiting for it. */
  async #endGroup(group: CommitGroup, failure: unknown): Promise<void> {
    try {
      if (failure !== undefined) throw failure;
      await this.inner.executeScript("COMMIT");
      group.settle();
    } catch (error) {
      // A failed COMMIT may leave the transaction open (SQLITE_FULL, SQLITE_BUSY, I/O errors: SQLite
      // decides); end it, or the connection stays inside it.
      // (better-sqlite3 throws at once rather than rejecting, hence the try.)
      try {
        await this.inner.executeScript("ROLLBACK");
      } catch {
        // no transaction was open any more
      }
      group.settle(error);
    } finally {
      this.#state.group = null;
      group.markEnded();
    }
  }

  async dispose(): Promise<void> {
    // A group whose COMMIT is still to come is committed first: its members are waiting for it.
    const release = await this.#state.lock.acquire();
    if (this.#state.group) await this.#endGroup(this.#state.group, undefined);
    release();
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
    // Prisma's adapter keeps its better-sqlite3 connection as `client`; without one, statements are
    // prepared afresh as before.
    const client = (inner as unknown as { client?: unknown }).client;
    if (client) cacheStatements(client, KEPT_STATEMENTS);
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

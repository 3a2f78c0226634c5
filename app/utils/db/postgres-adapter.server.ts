/**
 * The PostgreSQL driver adapter the app uses: Prisma's `pg` adapter, wrapped so that a transaction always
 * gives its connection back to the pool.
 *
 * Why a wrapper: with Prisma 6.19's client runtime, a transaction is ended by sending `COMMIT`/`ROLLBACK`
 * through `executeRaw` and only then calling the adapter's `commit()`/`rollback()`, which is what returns
 * the connection to the pool. When the statement throws, the return never happens. On PostgreSQL that is
 * an everyday event, not a disaster: a `SERIALIZABLE` transaction that lost a race is refused at `COMMIT`
 * (SQLSTATE 40001), and the connection leaks. A few lost races (sign-in throttling under concurrent
 * guesses) empty the pool, after which every query waits for a connection forever and the instance
 * hangs, and shutting the pool down waits for them too. Here the transaction owns its end: it reports
 * `usePhantomQuery`, so the runtime calls `commit()`/`rollback()` directly, and those run the statement
 * themselves, roll back if it failed, and return the connection in `finally` (the pool drops a broken one).
 * The SQLite adapter has the same wrapper for the same reason (./sqlite-adapter.server.ts).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";
import type { PoolConfig } from "pg";

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

class SafePgTransaction implements Transaction {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  // The runtime then calls commit()/rollback() itself instead of sending COMMIT/ROLLBACK first.
  readonly options = { usePhantomQuery: true };
  #ended = false;

  constructor(private readonly inner: Transaction) {
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

  async #finish(sql: "COMMIT" | "ROLLBACK"): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    try {
      await this.inner.executeRaw(statement(sql));
    } catch (error) {
      // A refused COMMIT has already ended the transaction; anything else might not have. A connection
      // that cannot even roll back is broken, and the pool discards it when it comes back.
      await this.inner.executeRaw(statement("ROLLBACK")).catch(() => undefined);
      throw error;
    } finally {
      // The inner adapter's rollback() sends nothing: it only returns the connection to the pool.
      await this.inner.rollback();
    }
  }
}

class SafePgAdapter implements SqlDriverAdapter {
  readonly provider = "postgres" as const;
  readonly adapterName: string;

  constructor(private readonly inner: SqlDriverAdapter) {
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  executeScript(script: string): Promise<void> {
    return this.inner.executeScript(script);
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return new SafePgTransaction(await this.inner.startTransaction(isolationLevel));
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

/** A driver-adapter factory for a PostgreSQL server, with the safety described above. */
export class SafePgAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  readonly #inner: PrismaPg;

  constructor(config: PoolConfig) {
    this.#inner = new PrismaPg(config);
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return new SafePgAdapter(await this.#inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return new SafePgAdapter(await this.#inner.connectToShadowDb());
  }
}

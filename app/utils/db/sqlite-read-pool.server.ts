/**
 * Reads off the request thread: a few worker threads, each with its own read-only connection to the
 * SQLite file, answer the SELECTs that run outside a transaction.
 *
 * Why: better-sqlite3 is synchronous, so on the one connection every query runs on Node's only thread; a
 * dashboard aggregating 100,000 initiatives would stall every other request for its whole duration. In WAL
 * mode readers do not block the writer nor each other, and each statement sees the latest committed data,
 * so a worker's answer is what the main connection would have given (without waiting for someone else's
 * open transaction, whose changes it could not have seen anyway). Writes and everything inside a
 * transaction stay on the main connection, where the adapter serialises them.
 *
 * Each worker runs Prisma's own better-sqlite3 adapter, so arguments and results are converted exactly as on
 * the main connection; only the query and its result set cross the thread boundary (structured clone).
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { SqlQuery, SqlResultSet } from "@prisma/driver-adapter-utils";
import { cacheStatements } from "./statement-cache.ts";

/** Prepared statements each worker keeps (statement-cache.ts). */
const KEPT_STATEMENTS = 500;

/**
 * Each worker's young generation (MB). A worker turns SQLite rows into result sets that are copied to the
 * main thread at once, so nearly everything it allocates dies young; with V8's default (semi-spaces of up to
 * 16 MB, sized for request handling) each worker's heap reached 15–25 MB under steady page load, with this
 * about 7 MB. The old generation is left unbounded: a large read must not run out of memory.
 */
const WORKER_YOUNG_GENERATION_MB = 6;

/**
 * A statement a read-only connection can answer: a SELECT (or a WITH … SELECT) that writes nothing. Prisma's
 * `create` and `update` read back through `INSERT … RETURNING`, which is a query too: those stay on the main
 * connection. When in doubt the answer is no, which is always safe.
 */
export function isReadOnlyQuery(sql: string): boolean {
  return /^\s*(SELECT|WITH)\b/i.test(sql) && !/\b(INSERT|UPDATE|DELETE|REPLACE|PRAGMA|ATTACH)\b/i.test(sql);
}

// CommonJS, evaluated in each worker. It loads the same adapter module the main thread uses (its path is
// resolved here, so the worker finds it wherever the app runs from), and keeps prepared statements with the
// same function as the main connection (its compiled source; \`__name\` is what a compiler that keeps
// function names may wrap inner functions in).
const WORKER_SOURCE = `
const __name = (target) => target;
const { parentPort, workerData } = require("node:worker_threads");
const { PrismaBetterSQLite3 } = require(workerData.adapterPath);
const cacheStatements = ${cacheStatements.toString()};
const connection = new PrismaBetterSQLite3({ url: workerData.file, readonly: true, timeout: workerData.busyMs })
  .connect()
  .then((adapter) => {
    if (adapter.client) cacheStatements(adapter.client, workerData.keptStatements);
    return adapter;
  });
parentPort.on("message", async ({ id, query }) => {
  try {
    const result = await (await connection).queryRaw(query);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: { name: error.name, message: error.message, code: error.code, cause: error.cause } });
  }
});
`;

type Pending = { resolve: (result: SqlResultSet) => void; reject: (error: Error) => void };
type ReadWorker = { worker: Worker; pending: Map<number, Pending> };
type WorkerError = { name?: string; message?: string; code?: string; cause?: unknown };

/** Rebuilds a worker's error so that Prisma and our fault classifier read it as the driver's own. */
function reviveError(error: WorkerError): Error {
  const revived = new Error(error.message ?? "SQLite read failed") as Error & { code?: string };
  if (error.name) revived.name = error.name;
  if (error.code) revived.code = error.code;
  if (error.cause !== undefined) (revived as { cause?: unknown }).cause = error.cause;
  return revived;
}

export class SqliteReadPool {
  readonly #workers: (ReadWorker | null)[];
  readonly #adapterPath = createRequire(import.meta.url).resolve("@prisma/adapter-better-sqlite3");
  #nextId = 0;
  #closed = false;

  constructor(
    private readonly file: string,
    size: number,
    private readonly busyMs: number,
  ) {
    this.#workers = Array.from({ length: size }, () => null);
  }

  /** Answers a read-only query on the least busy worker (started on first use). */
  query(query: SqlQuery): Promise<SqlResultSet> {
    if (this.#closed) return Promise.reject(new Error("The database connection is closed."));
    const slot = this.#leastBusy();
    const reader = (this.#workers[slot] ??= this.#start(slot));
    const id = this.#nextId++;
    return new Promise<SqlResultSet>((resolve, reject) => {
      reader.pending.set(id, { resolve, reject });
      reader.worker.postMessage({ id, query });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const running = this.#workers.filter((w): w is ReadWorker => w !== null);
    this.#workers.fill(null);
    await Promise.all(running.map((w) => w.worker.terminate()));
  }

  #leastBusy(): number {
    let best = 0;
    let fewest = Infinity;
    this.#workers.forEach((w, i) => {
      const load = w?.pending.size ?? 0;
      if (load < fewest) [best, fewest] = [i, load];
    });
    return best;
  }

  #start(slot: number): ReadWorker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      workerData: {
        file: this.file,
        adapterPath: this.#adapterPath,
        busyMs: this.busyMs,
        keptStatements: KEPT_STATEMENTS,
      },
    });
    // An idle pool must not keep the process alive (a script that forgets to disconnect still ends).
    worker.unref();
    const reader: ReadWorker = { worker, pending: new Map() };
    worker.on("message", ({ id, result, error }: { id: number; result?: SqlResultSet; error?: WorkerError }) => {
      const waiting = reader.pending.get(id);
      if (!waiting) return;
      reader.pending.delete(id);
      if (error) waiting.reject(reviveError(error));
      else waiting.resolve(result!);
    });
    // A worker that dies takes its queries with it; the next query starts a fresh one in its slot.
    const fail = (error: Error) => {
      if (this.#workers[slot] === reader) this.#workers[slot] = null;
      for (const waiting of reader.pending.values()) waiting.reject(error);
      reader.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`The SQLite read worker stopped (exit code ${code}).`)));
    return reader;
  }
}

import { PrismaClient } from "~/generated/prisma/client.ts";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-postgresql/client.ts";
import { databaseProvider, sqliteFilePath, type DatabaseProvider } from "./database-url.ts";
import { SafePgAdapterFactory } from "./db/postgres-adapter.server.ts";
import "./db/query-plan-cache.server.ts";
import { SafeSqliteAdapterFactory } from "./db/sqlite-adapter.server.ts";
import { getEnv } from "./env.server.ts";

/**
 * The app's one client type: the SQLite client's. The PostgreSQL client is generated from the same models
 * (prisma/postgresql/schema.prisma is generated from prisma/schema.prisma), so it answers the same calls
 * with the same results; its types only add PostgreSQL's extras (such as `mode: "insensitive"`), which the
 * app asks for through helpers here rather than by type.
 */
export type Db = InstanceType<typeof PrismaClient>;

/** Connections per instance on PostgreSQL; instances × this must stay below the server's max_connections. */
const POSTGRES_POOL_SIZE = 10;

/**
 * Opens a Prisma client on the database of a DATABASE_URL: a SQLite file or a PostgreSQL server, each
 * through our wrapper of Prisma's driver adapter, which always ends its transactions.
 */
export function createDb(
  databaseUrl: string,
  busyTimeoutMs = getEnv().DATABASE_BUSY_TIMEOUT_MS,
  readWorkers = getEnv().SQLITE_READ_WORKERS,
  { statementEvents = false } = {},
): Db {
  // Prisma's per-statement events, only where statements are counted (they cost time on every query).
  const log = statementEvents ? [{ emit: "event" as const, level: "query" as const }] : undefined;
  if (databaseProvider(databaseUrl) === "postgresql") {
    const adapter = new SafePgAdapterFactory({ connectionString: databaseUrl, max: POSTGRES_POOL_SIZE });
    // A burst of transactions queues for the pool's connections (and drafts for their reference numbers):
    // wait for one as long as a SQLite write waits for the lock, not Prisma's default 2 s, before a 503.
    return new PostgresPrismaClient({
      adapter,
      log,
      transactionOptions: { maxWait: busyTimeoutMs + 1000, timeout: 10_000 },
    }) as unknown as Db;
  }
  const adapter = new SafeSqliteAdapterFactory(sqliteFilePath(databaseUrl), { busyTimeoutMs, readWorkers });
  // A transaction may wait for the write lock as long as a single write may (then it is a 503).
  return new PrismaClient({ adapter, log, transactionOptions: { maxWait: busyTimeoutMs + 1000, timeout: 10_000 } });
}

// Kept on globalThis so that development rebuilds reuse the connection instead of opening another.
const clients = ((globalThis as { __dbClients?: Map<string, Db> }).__dbClients ??= new Map());

/** The Prisma client for the configured DATABASE_URL, opened on first use. */
export function getDb(): Db {
  const url = getEnv().DATABASE_URL;
  let client = clients.get(url);
  if (!client) {
    client = createDb(url);
    clients.set(url, client);
  }
  return client;
}

/**
 * The SQL of every statement the app's client runs from now on, in order (statements per page, in tests and
 * benchmarks). Must be called before the client's first query: only a client opened by it reports statements.
 */
export function statementLog(): string[] {
  const url = getEnv().DATABASE_URL;
  if (clients.has(url) && !loggingClients.has(clients.get(url)!))
    throw new Error("statementLog() must be called before the database's first query");
  if (!clients.has(url)) {
    const client = createDb(url, undefined, undefined, { statementEvents: true });
    loggingClients.add(client);
    clients.set(url, client);
  }
  const log: string[] = [];
  (clients.get(url) as unknown as { $on(e: "query", f: (q: { query: string }) => void): void }).$on("query", (q) =>
    log.push(q.query),
  );
  return log;
}
const loggingClients = new WeakSet<Db>();

/** Which database the configured DATABASE_URL names. */
export function dbProvider(): DatabaseProvider {
  return databaseProvider(getEnv().DATABASE_URL);
}

/** Closes every open client (graceful shutdown, the end of a test file). */
export async function disconnectDb(): Promise<void> {
  const open = [...clients.values()];
  clients.clear();
  await Promise.all(open.map((client) => client.$disconnect()));
}

/**
 * A case-insensitive `contains` filter on both databases: SQLite's LIKE already ignores case, PostgreSQL's
 * needs Prisma's `mode: "insensitive"` (ILIKE), which only its client's types know.
 */
export function containsIgnoringCase(text: string): { contains: string } {
  return dbProvider() === "postgresql"
    ? ({ contains: text, mode: "insensitive" } as { contains: string })
    : { contains: text };
}

/** The app's one Prisma client; opened lazily so that tests can point DATABASE_URL at their own file first. */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

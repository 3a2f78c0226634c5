import { PrismaClient } from "~/generated/prisma/client.ts";
import { sqliteFilePath } from "./database-url.ts";
import { SafeSqliteAdapterFactory } from "./db/sqlite-adapter.server.ts";
import { getEnv } from "./env.server.ts";

export type Db = InstanceType<typeof PrismaClient>;

/** Opens a Prisma client on a SQLite file through our wrapper of the better-sqlite3 driver adapter. */
export function createDb(databaseUrl: string, busyTimeoutMs = getEnv().DATABASE_BUSY_TIMEOUT_MS): Db {
  const adapter = new SafeSqliteAdapterFactory(sqliteFilePath(databaseUrl), { busyTimeoutMs });
  // A transaction may wait for the write lock as long as a single write may (then it is a 503).
  return new PrismaClient({ adapter, transactionOptions: { maxWait: busyTimeoutMs + 1000, timeout: 10_000 } });
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

/** The app's one Prisma client; opened lazily so that tests can point DATABASE_URL at their own file first. */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

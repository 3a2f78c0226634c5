import path from "node:path";

/** The embedded default: a SQLite file under `data/`, relative to the working directory. */
export const DEFAULT_DATABASE_URL = "file:./data/initiative-tracker.db";

export type DatabaseProvider = "sqlite" | "postgresql";

/** Whether a URL names a PostgreSQL server (`postgresql://…` or `postgres://…`). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** The database behind a DATABASE_URL: a `file:` URL is SQLite, a `postgres(ql)://` URL PostgreSQL. */
export function databaseProvider(url: string): DatabaseProvider {
  if (isPostgresUrl(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must be a SQLite "file:" URL or a "postgresql://" URL, got "${url.split(":")[0]}:…"`);
}

/**
 * Turns a `file:` URL into the path better-sqlite3 opens. Relative paths are taken from the
 * working directory (the project root for every script), not from the schema's folder.
 */
export function sqliteFilePath(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite "file:" URL, got "${url.split(":")[0]}:…"`);
  }
  const raw = url.slice("file:".length).split("?")[0]!;
  if (raw === ":memory:") return raw;
  return path.resolve(process.cwd(), raw);
}

/** The same PostgreSQL server with another database name (tests, backups and the migration checks). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The database a PostgreSQL URL names (`postgres` when it names none, as libpq does for the user `postgres`). */
export function databaseName(url: string): string {
  const u = new URL(url);
  return decodeURIComponent(u.pathname.replace(/^\//, "")) || decodeURIComponent(u.username) || "postgres";
}

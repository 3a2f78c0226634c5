import path from "node:path";

/** The embedded default: a SQLite file under `data/`, relative to the working directory. */
export const DEFAULT_DATABASE_URL = "file:./data/initiative-tracker.db";

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

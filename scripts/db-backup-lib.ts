// Shared by `npm run db:backup` and `npm run db:restore`: the row counts of every table, read in one
// consistent view of the database, and the manifest written beside each backup.
import { readFileSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { EnvError, parseEnv, type Env } from "../app/utils/env.server.ts";

export type RowCounts = Record<string, number>;

/** What a backup holds: its database kind, when it was taken, and each table's rows at that instant. */
export type Manifest = { provider: "sqlite" | "postgresql"; takenAt: string; tables: RowCounts };

export const manifestPath = (backupFile: string) => `${backupFile}.manifest.json`;

export function writeManifest(backupFile: string, manifest: Manifest): void {
  writeFileSync(manifestPath(backupFile), `${JSON.stringify(manifest, null, 2)}\n`);
}

export function readManifest(backupFile: string): Manifest {
  return JSON.parse(readFileSync(manifestPath(backupFile), "utf8")) as Manifest;
}

/** Rows per table of a SQLite database (its own tables, not SQLite's). */
export function sqliteRowCounts(db: InstanceType<typeof Database>): RowCounts {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const counts: RowCounts = {};
  for (const { name } of tables) {
    counts[name] = Number(
      (db.prepare(`SELECT COUNT(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n,
    );
  }
  return counts;
}

/** Rows per table of PostgreSQL's public schema, through a client already inside the transaction to read. */
export async function postgresRowCounts(client: pg.ClientBase): Promise<RowCounts> {
  const { rows } = await client.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const counts: RowCounts = {};
  for (const { tablename } of rows) {
    const result = await client.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM "public"."${tablename.replace(/"/g, '""')}"`,
    );
    counts[tablename] = Number(result.rows[0]!.n);
  }
  return counts;
}

/** Whether any table holds a row (a database worth refusing to overwrite). */
export const holdsRows = (counts: RowCounts) => Object.values(counts).some((n) => n > 0);

/** Lines naming each table whose count differs, empty when all agree. */
export function countDifferences(expected: RowCounts, actual: RowCounts): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names
    .filter((n) => expected[n] !== actual[n])
    .map((n) => `${n}: backup ${expected[n] ?? "none"}, restored ${actual[n] ?? "none"}`);
}

/**
 * The validated environment for a backup or restore (a local .env fills in what the environment does not
 * set), or null after printing why it is not valid.
 */
export function readScriptEnv(): Env | null {
  try {
    process.loadEnvFile(".env");
  } catch {
    // No .env: the environment alone configures the app.
  }
  try {
    return parseEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      return null;
    }
    throw error;
  }
}

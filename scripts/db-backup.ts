// An online, consistent backup of the database of DATABASE_URL, taken while the app runs.
//
//   npm run db:backup -- <file>
//
// SQLite: SQLite's online backup API (better-sqlite3's backup()), never a copy of the file, which could
// catch a write half-done or miss what is still in the WAL. PostgreSQL: pg_dump's custom format, taken in
// a snapshot exported by a REPEATABLE READ transaction that also counts each table's rows, so that the
// manifest (<file>.manifest.json) describes exactly what the dump holds. `npm run db:restore` checks the
// restored database against that manifest.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseProvider, sqliteFilePath } from "../app/utils/database-url.ts";
import { postgresRowCounts, readScriptEnv, sqliteRowCounts, writeManifest, type Manifest } from "./db-backup-lib.ts";

/** Backs up the database of `databaseUrl` to `file`; returns the manifest written beside it. */
export async function backup(databaseUrl: string, file: string): Promise<Manifest> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  rmSync(file, { force: true });
  let manifest: Manifest;
  if (databaseProvider(databaseUrl) === "sqlite") {
    const source = sqliteFilePath(databaseUrl);
    if (!existsSync(source)) throw new Error(`No database at ${source}.`);
    const db = new Database(source, { fileMustExist: true, timeout: 5000 });
    try {
      await db.backup(file);
    } finally {
      db.close();
    }
    // Counted from the copy itself: it is what a restore will bring back.
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    try {
      manifest = { provider: "sqlite", takenAt: new Date().toISOString(), tables: sqliteRowCounts(copy) };
    } finally {
      copy.close();
    }
  } else {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const { rows } = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
      const tables = await postgresRowCounts(client);
      execFileSync(
        "pg_dump",
        [
          "--format=custom",
          "--no-owner",
          "--no-privileges",
          `--snapshot=${rows[0]!.id}`,
          `--file=${file}`,
          `--dbname=${databaseUrl}`,
        ],
        {
          stdio: ["ignore", "ignore", "inherit"],
        },
      );
      await client.query("COMMIT");
      manifest = { provider: "postgresql", takenAt: new Date().toISOString(), tables };
    } finally {
      await client.end();
    }
  }
  writeManifest(file, manifest);
  return manifest;
}

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file || file.startsWith("-")) {
    console.error("Usage: npm run db:backup -- <file>");
    return 2;
  }
  const env = readScriptEnv();
  if (!env) return 2;
  const manifest = await backup(env.DATABASE_URL, file);
  const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  console.log(`Backed up ${manifest.provider} to ${file}: ${Object.keys(manifest.tables).length} tables, ${rows} rows`);
  return 0;
}

if (process.argv[1]?.endsWith("db-backup.ts")) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

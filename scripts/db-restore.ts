// Restores a backup made by `npm run db:backup` into the database of DATABASE_URL. Stop the app first.
//
//   npm run db:restore -- <file>            refuses when the database holds any row
//   npm run db:restore -- <file> --force    replaces whatever the database holds
//
// SQLite: SQLite's backup API copies the backup into the database file. PostgreSQL: the public schema is
// dropped and recreated, then pg_restore loads the dump in one transaction. Afterwards every table's row
// count must equal the backup's manifest and the audit chain must verify; otherwise the exit code is 1.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { verifyAuditChain } from "../app/audit/audit.server.ts";
import { databaseProvider, sqliteFilePath } from "../app/utils/database-url.ts";
import { createDb } from "../app/utils/db.server.ts";
import {
  countDifferences,
  holdsRows,
  manifestPath,
  postgresRowCounts,
  readManifest,
  readScriptEnv,
  sqliteRowCounts,
  type RowCounts,
} from "./db-backup-lib.ts";

export class RestoreRefused extends Error {}

async function withPostgres<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The database's row counts now (empty when it has no tables, or for a SQLite file that does not exist). */
async function currentCounts(databaseUrl: string): Promise<RowCounts> {
  if (databaseProvider(databaseUrl) === "sqlite") {
    const file = sqliteFilePath(databaseUrl);
    if (!existsSync(file)) return {};
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return sqliteRowCounts(db);
    } finally {
      db.close();
    }
  }
  return withPostgres(databaseUrl, (client) => postgresRowCounts(client));
}

/**
 * Restores `file` into the database of `databaseUrl`, then checks it. Throws RestoreRefused when the
 * database holds rows and `force` is not set; returns the problems found afterwards (none when it is sound).
 */
export async function restore(
  databaseUrl: string,
  file: string,
  force = false,
): Promise<{ problems: string[]; tables: RowCounts }> {
  if (!existsSync(file)) throw new RestoreRefused(`No backup at ${file}.`);
  if (!existsSync(manifestPath(file)))
    throw new RestoreRefused(`No manifest at ${manifestPath(file)}: was ${file} made by npm run db:backup?`);
  const manifest = readManifest(file);
  const provider = databaseProvider(databaseUrl);
  if (manifest.provider !== provider) {
    throw new RestoreRefused(`${file} is a ${manifest.provider} backup; DATABASE_URL names a ${provider} database.`);
  }
  if (!force && holdsRows(await currentCounts(databaseUrl))) {
    throw new RestoreRefused(
      "The database is not empty. Stop the app and run again with --force to replace what it holds.",
    );
  }
  if (provider === "sqlite") {
    const target = sqliteFilePath(databaseUrl);
    mkdirSync(path.dirname(target), { recursive: true });
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(target);
    } finally {
      source.close();
    }
  } else {
    await withPostgres(databaseUrl, (client) =>
      client.query('DROP SCHEMA IF EXISTS "public" CASCADE; CREATE SCHEMA "public"'),
    );
    execFileSync(
      "pg_restore",
      ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${databaseUrl}`, file],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
  }
  const tables = await currentCounts(databaseUrl);
  const problems = countDifferences(manifest.tables, tables);
  const db = createDb(databaseUrl);
  try {
    const chain = await verifyAuditChain(db);
    if (!chain.ok) problems.push(`audit chain broken at entry #${chain.brokenAt}: ${chain.problem}`);
  } finally {
    await db.$disconnect();
  }
  return { problems, tables };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("-"));
  if (!file) {
    console.error("Usage: npm run db:restore -- <file> [--force]");
    return 2;
  }
  const env = readScriptEnv();
  if (!env) return 2;
  try {
    const { problems, tables } = await restore(env.DATABASE_URL, file, args.includes("--force"));
    if (problems.length > 0) {
      for (const p of problems) console.error(p);
      return 1;
    }
    const rows = Object.values(tables).reduce((a, b) => a + b, 0);
    console.log(
      `Restored ${file}: ${Object.keys(tables).length} tables, ${rows} rows, as in the backup; audit chain intact`,
    );
    return 0;
  } catch (error) {
    if (error instanceof RestoreRefused) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1]?.endsWith("db-restore.ts")) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

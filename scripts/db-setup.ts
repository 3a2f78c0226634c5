// Prepares the database before the server starts: migrate, then seed an empty database. The same on SQLite
// and PostgreSQL (each with its own migrations folder). `--reset` deletes the SQLite file, or drops and
// recreates PostgreSQL's schema, first. Used by `npm start`, `npm run dev` and `npm run db:reset`.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseProvider, sqliteFilePath } from "../app/utils/database-url.ts";
import { EnvError, parseEnv } from "../app/utils/env.server.ts";
import { getDb } from "../app/utils/db.server.ts";
import { seed } from "../prisma/seed/index.ts";

const require = createRequire(import.meta.url);

/** Applies the committed migrations with Prisma's JS schema engine (no engine binary). */
export function migrate(databaseUrl: string): void {
  if (databaseProvider(databaseUrl) === "sqlite") {
    const file = sqliteFilePath(databaseUrl);
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  }
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** The committed migrations of a database's provider: folder name and the checksum Prisma records for it. */
function committedMigrations(databaseUrl: string): { name: string; checksum: string }[] {
  const folder =
    databaseProvider(databaseUrl) === "postgresql"
      ? path.join("prisma", "postgresql", "migrations")
      : path.join("prisma", "migrations");
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map(({ name }) => {
      const sql = readFileSync(path.join(folder, name, "migration.sql"));
      return { name, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

type AppliedMigration = { migration_name: string; checksum: string };
const APPLIED = `SELECT "migration_name", "checksum" FROM "_prisma_migrations"
                 WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;

/** What Prisma recorded as applied, or null when it recorded nothing (a new database). */
async function appliedMigrations(databaseUrl: string): Promise<AppliedMigration[] | null> {
  try {
    if (databaseProvider(databaseUrl) === "sqlite") {
      const file = sqliteFilePath(databaseUrl);
      if (file === ":memory:" || !existsSync(file)) return null;
      const sqlite = new Database(file, { readonly: true, fileMustExist: true });
      try {
        return sqlite.prepare(APPLIED).all() as AppliedMigration[];
      } finally {
        sqlite.close();
      }
    }
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query<AppliedMigration>(APPLIED)).rows;
    } finally {
      await client.end();
    }
  } catch {
    return null;
  }
}

/**
 * Whether `prisma migrate deploy` has anything to do: a migration not yet applied, or one changed since.
 * Starting Prisma's migration engine takes seconds; a restart on an up-to-date database skips it. Anything
 * unexpected (no table, another state) answers yes, and Prisma decides.
 */
export async function migrationsPending(databaseUrl: string): Promise<boolean> {
  const applied = await appliedMigrations(databaseUrl);
  if (!applied) return true;
  const recorded = new Map(applied.map((m) => [m.migration_name, m.checksum]));
  return committedMigrations(databaseUrl).some((m) => recorded.get(m.name) !== m.checksum);
}

/** Empties a PostgreSQL database: its public schema (tables, the audit log's triggers, migration history). */
async function resetPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS "public" CASCADE; CREATE SCHEMA "public"');
  } finally {
    await client.end();
  }
}

async function main() {
  try {
    process.loadEnvFile(".env");
  } catch {
    // No .env: the environment alone configures the app.
  }
  let env;
  try {
    env = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const provider = databaseProvider(env.DATABASE_URL);
  if (process.argv.includes("--reset")) {
    if (provider === "sqlite") {
      const file = sqliteFilePath(env.DATABASE_URL);
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
      console.log(`Deleted ${path.relative(process.cwd(), file)}`);
    } else {
      await resetPostgres(env.DATABASE_URL);
      console.log("Dropped and recreated the database's public schema");
    }
  }
  if (await migrationsPending(env.DATABASE_URL)) migrate(env.DATABASE_URL);
  const db = getDb();
  try {
    // WAL lets readers go on while one writer writes; the mode is stored in the file, so once is enough.
    if (provider === "sqlite") await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    const report = await seed({
      demoData: env.DEMO_DATA,
      adminEmail: env.ADMIN_EMAIL,
      adminPassword: env.ADMIN_PASSWORD,
    });
    for (const line of report) console.log(line);
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("db-setup.ts")) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

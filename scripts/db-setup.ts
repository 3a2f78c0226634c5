// Prepares the database before the server starts: migrate, then seed an empty database. The same on SQLite
// and PostgreSQL (each with its own migrations folder). `--reset` deletes the SQLite file, or drops and
// recreates PostgreSQL's schema, first. Used by `npm start`, `npm run dev` and `npm run db:reset`.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseProvider, sqliteFilePath } from "../app/utils/database-url.ts";
import { EnvError, getEnv, parseEnv, type Env } from "../app/utils/env.server.ts";
import {
  demoCacheFolder,
  demoDatabaseKey,
  keepDemoDatabase,
  putInPlace,
  removeSqliteFile,
  removeStoppedBuilds,
  restoreDemoDatabase,
} from "./demo-database-copy.ts";

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
      removeSqliteFile(file);
      console.log(`Deleted ${path.relative(process.cwd(), file)}`);
    } else {
      await resetPostgres(env.DATABASE_URL);
      console.log("Dropped and recreated the database's public schema");
    }
  }
  const file = provider === "sqlite" ? sqliteFilePath(env.DATABASE_URL) : null;
  if (file && file !== ":memory:" && isNewSqliteFile(file)) await buildSqliteDatabase(file, env);
  else await setUp(env);
}

/** Whether a SQLite database is still to be made: no file, or an empty one. */
function isNewSqliteFile(file: string): boolean {
  return !existsSync(file) || statSync(file).size === 0;
}

/**
 * Makes a new SQLite database: copies the kept demo database when one was built from the same sources and
 * environment (./demo-database-copy.ts), else builds it in a file of its own and moves it into place when
 * finished, so that a build stopped half-way never leaves half a demo portfolio to be served.
 */
async function buildSqliteDatabase(file: string, env: Env): Promise<void> {
  const folder = env.DEMO_DATA ? demoCacheFolder() : null;
  const key = folder ? demoDatabaseKey() : null;
  removeSqliteFile(file);
  removeStoppedBuilds(file);
  mkdirSync(path.dirname(file), { recursive: true });
  if (folder && key && restoreDemoDatabase(folder, key, file)) {
    const shown = path.relative(process.cwd(), folder);
    console.log(`Demo database copied from the one built before (${shown.startsWith("..") ? folder : shown}).`);
    return;
  }
  const building = `${file}.building-${process.pid}`;
  removeSqliteFile(building);
  // Every later step opens the configured database: point it at the file being built (nothing has opened
  // the database yet, see getDb).
  process.env.DATABASE_URL = `file:${building}`;
  try {
    // Nothing is acknowledged to anyone while the file is being built, and a build that stops is started
    // again from nothing: no need to wait for the disk at every commit.
    await setUp({ ...env, DATABASE_URL: process.env.DATABASE_URL }, "PRAGMA synchronous = OFF");
    putInPlace(building, file);
  } catch (error) {
    removeSqliteFile(building);
    throw error;
  } finally {
    process.env.DATABASE_URL = env.DATABASE_URL;
  }
  if (!folder || !key) return;
  try {
    keepDemoDatabase(folder, key, file);
  } catch (error) {
    // The database is in place; only the next empty one will be built rather than copied.
    console.warn(`Could not keep a copy of the demo database in ${folder}: ${(error as Error).message}`);
  }
}

/** Migrations when any is pending, then the seed (which adds only what is missing). */
async function setUp(env: Env, buildPragma?: string): Promise<void> {
  if (await migrationsPending(env.DATABASE_URL)) migrate(env.DATABASE_URL);
  // Loaded only here: the service behind the seed takes a while to load, and a copied database needs none of it.
  const [{ getDb }, { seed }] = await Promise.all([
    import("../app/utils/db.server.ts"),
    import("../prisma/seed/index.ts"),
  ]);
  const db = getDb();
  if (getEnv().DATABASE_URL !== env.DATABASE_URL) throw new Error("db:setup: the database was opened before setup");
  try {
    // WAL lets readers go on while one writer writes; the mode is stored in the file, so once is enough.
    if (databaseProvider(env.DATABASE_URL) === "sqlite") await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    if (buildPragma) await db.$executeRawUnsafe(buildPragma);
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

// Prepares the database before the server starts: migrate, then seed an empty database. The same on SQLite
// and PostgreSQL (each with its own migrations folder). `--reset` deletes the SQLite file, or drops and
// recreates PostgreSQL's schema, first. Used by `npm start`, `npm run dev` and `npm run db:reset`.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
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
  migrate(env.DATABASE_URL);
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

// Fails when PostgreSQL's schema or migrations drift from prisma/schema.prisma, the one source of truth.
//
//   npm run db:drift                        check (PostgreSQL at TEST_POSTGRES_URL, or DATABASE_URL when it is one)
//   npm run db:drift -- --write <name>      write the next PostgreSQL migration, prisma/postgresql/migrations/<name>
//
// Checks: (1) prisma/postgresql/schema.prisma is generated from prisma/schema.prisma; (2) every SQLite
// migration after PostgreSQL's baseline has a PostgreSQL twin of the same name and the other way round;
// (3) PostgreSQL's migrations, replayed on a scratch database of the server, give exactly its schema.
// Exit codes: 0 no drift; 1 drift (what to run is printed); 2 the check could not run.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { isPostgresUrl } from "../app/utils/database-url.ts";
import { POSTGRES_SCHEMA, SOURCE_SCHEMA, postgresSchema } from "./db-schema.ts";

const require = createRequire(import.meta.url);
const SQLITE_MIGRATIONS = path.join("prisma", "migrations");
const POSTGRES_MIGRATIONS = path.join("prisma", "postgresql", "migrations");
/** PostgreSQL's first migration: the whole schema as of the SQLite migrations up to its date. */
const POSTGRES_BASELINE = "20261201000000_init";

function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Problems with the generated schema and the pairing of migration folders (no database needed). */
export function fileDrift(): string[] {
  const problems: string[] = [];
  const expected = postgresSchema(readFileSync(SOURCE_SCHEMA, "utf8"));
  const actual = existsSync(POSTGRES_SCHEMA) ? readFileSync(POSTGRES_SCHEMA, "utf8") : "";
  if (actual !== expected)
    problems.push(`${POSTGRES_SCHEMA} is not generated from ${SOURCE_SCHEMA}: run npm run db:schema`);
  const sqlite = folders(SQLITE_MIGRATIONS).filter((name) => name > POSTGRES_BASELINE);
  const postgres = folders(POSTGRES_MIGRATIONS).filter((name) => name !== POSTGRES_BASELINE);
  for (const name of sqlite.filter((n) => !postgres.includes(n)))
    problems.push(`SQLite migration ${name} has no PostgreSQL twin: run npm run db:drift -- --write ${name}`);
  for (const name of postgres.filter((n) => !sqlite.includes(n)))
    problems.push(`PostgreSQL migration ${name} has no SQLite twin in ${SQLITE_MIGRATIONS}`);
  return problems;
}

function prisma(args: string[], databaseUrl: string) {
  return spawnSync(process.execPath, [require.resolve("prisma/build/index.js"), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
}

const DIFF = ["migrate", "diff", "--from-migrations", POSTGRES_MIGRATIONS, "--to-schema-datamodel", POSTGRES_SCHEMA];

/**
 * Whether PostgreSQL's migrations give its schema, replayed on a scratch ("shadow") database that the
 * CLI creates and drops on the server of `serverUrl`. Null when they do; otherwise the SQL that is missing.
 */
export function migrationDrift(serverUrl: string): string | null {
  const result = prisma([...DIFF, "--script", "--exit-code"], serverUrl);
  if (result.status === 0) return null;
  if (result.status === 2) return result.stdout;
  throw new Error(`prisma migrate diff failed:\n${result.stderr || result.stdout}`);
}

function serverUrl(): string {
  if (process.env.DATABASE_URL && isPostgresUrl(process.env.DATABASE_URL)) return process.env.DATABASE_URL;
  return process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
}

function main(): number {
  const write = process.argv.indexOf("--write");
  if (write !== -1) {
    const name = process.argv[write + 1];
    if (!name || !/^\d{14}_[a-z0-9_]+$/.test(name)) {
      console.error("Give the migration's folder name, the same as its SQLite twin's (e.g. 20261205120000_add_x).");
      return 2;
    }
    writeFileSync(POSTGRES_SCHEMA, postgresSchema(readFileSync(SOURCE_SCHEMA, "utf8")));
    const sql = migrationDrift(serverUrl());
    if (sql === null) {
      console.log("PostgreSQL's migrations already give the schema: nothing to write.");
      return 0;
    }
    mkdirSync(path.join(POSTGRES_MIGRATIONS, name), { recursive: true });
    writeFileSync(path.join(POSTGRES_MIGRATIONS, name, "migration.sql"), sql);
    console.log(
      `Wrote ${path.join(POSTGRES_MIGRATIONS, name, "migration.sql")}: add any data steps and triggers by hand.`,
    );
    execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "generate"], {
      env: { ...process.env, DATABASE_URL: "postgresql://localhost/generate" },
      stdio: "ignore",
    });
    return 0;
  }
  const problems = fileDrift();
  try {
    const sql = migrationDrift(serverUrl());
    if (sql !== null) problems.push(`PostgreSQL's migrations do not give ${POSTGRES_SCHEMA}; missing:\n${sql}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  if (problems.length === 0) {
    console.log("No drift: PostgreSQL's schema and migrations follow prisma/schema.prisma");
    return 0;
  }
  for (const p of problems) console.error(p);
  return 1;
}

if (process.argv[1]?.endsWith("db-drift.ts")) process.exit(main());

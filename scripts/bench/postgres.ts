// The dashboard benchmark on PostgreSQL (`npm run bench:dashboard -- --db postgres`): the SQLite database the
// benchmark builds is copied into a fresh PostgreSQL database (migrated with the app's own PostgreSQL
// migrations, loaded with COPY, then VACUUM ANALYZE as autovacuum would do), so both databases hold exactly
// the same rows; the loader then runs there through the app's client, and the plain SQL through `pg`.
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseName, withDatabase } from "../../app/utils/database-url.ts";
import { migrate } from "../db-setup.ts";
import type { PlainSql } from "./plain-sql.ts";

// Timestamps are stored without a time zone, in UTC: bind Dates as UTC whatever the machine's zone.
pg.defaults.parseInputDatesAsUTC = true;

/** The server the benchmark database is made on: BENCH_POSTGRES_URL, else TEST_POSTGRES_URL's default. */
export const BENCH_SERVER =
  process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

async function query<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return `"${String(value).replace(/"/g, '""')}"`;
}

/**
 * A fresh PostgreSQL database holding the rows of the SQLite benchmark database `sqliteFile`; returns its
 * URL. Booleans (0/1), ISO timestamps and NULLs go through COPY's CSV as they are.
 */
export async function copyToPostgres(sqliteFile: string): Promise<{ url: string; seconds: number; version: string }> {
  const started = performance.now();
  const name = `bench_dashboard_${process.pid}_${Date.now()}`;
  await query(BENCH_SERVER, `CREATE DATABASE "${name}"`);
  const url = withDatabase(BENCH_SERVER, name);
  migrate(url);
  const source = new Database(sqliteFile, { readonly: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-copy-"));
  try {
    const tables = (
      source
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    // The seed's rows (reference data, settings) are in both already: the copy replaces them.
    const list = tables.map((t) => `"${t}"`).join(", ");
    await query(url, `ALTER TABLE "AuditEvent" DISABLE TRIGGER USER; TRUNCATE ${list} CASCADE`);
    for (const table of tables) {
      const columns = (source.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
      const csv = path.join(dir, `${table}.csv`);
      const out = createWriteStream(csv);
      for (const row of source.prepare(`SELECT * FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) {
        if (!out.write(`${row.map(csvField).join(",")}\n`))
          await new Promise<void>((r) => out.once("drain", () => r()));
      }
      out.end();
      await finished(out);
      const names = columns.map((c) => `"${c}"`).join(", ");
      execFileSync(
        "psql",
        [url, "-q", "-v", "ON_ERROR_STOP=1", "-c", `\\copy "${table}" (${names}) FROM '${csv}' WITH (FORMAT csv)`],
        {
          stdio: ["ignore", "ignore", "inherit"],
        },
      );
      rmSync(csv);
    }
    await query(
      url,
      `ALTER TABLE "AuditEvent" ENABLE TRIGGER USER;
       SELECT setval(pg_get_serial_sequence('"AuditEvent"', 'seq'), (SELECT MAX("seq") FROM "AuditEvent"))`,
    );
    await query(url, "VACUUM ANALYZE");
  } finally {
    source.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const [{ version } = { version: "?" }] = await query<{ version: string }>(
    url,
    "SELECT current_setting('server_version') AS version",
  );
  return { url, seconds: (performance.now() - started) / 1000, version };
}

/** Drops the benchmark's PostgreSQL database. */
export async function dropPostgres(url: string): Promise<void> {
  await query(BENCH_SERVER, `DROP DATABASE IF EXISTS "${databaseName(url)}" WITH (FORCE)`);
}

/** `?` placeholders as PostgreSQL's numbered ones (the hand-written statements have no `?` elsewhere). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** Plain SQL through one `pg` connection. */
export function postgresPlainSql(client: pg.Client): PlainSql {
  return {
    all: async (sql, values) => (await client.query(numbered(sql), values)).rows,
    raw: async (q) => (await client.query(q.text, q.values)).rows,
  };
}

// PostgreSQL for tests: the server of TEST_POSTGRES_URL, and databases created and dropped on it.
import pg from "pg";
import { withDatabase } from "~/utils/database-url.ts";

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

/** Runs statements on the test server's maintenance database (CREATE/DROP DATABASE cannot run in a transaction). */
export async function onServer(...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database copied from `template` (empty when none), named `name`; returns its URL. */
export async function createDatabase(name: string, template?: string): Promise<string> {
  const sql = `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`;
  // Copies of one template made at the same moment can meet its lock: try again shortly.
  for (let attempt = 1; ; attempt++) {
    try {
      await onServer(sql);
      return withDatabase(TEST_POSTGRES_URL, name);
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

/** Drops a database, ending any session still connected to it. */
export async function dropDatabase(name: string): Promise<void> {
  await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

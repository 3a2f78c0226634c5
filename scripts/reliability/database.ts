/**
 * A fresh SQLite database for a reliability run, in a temporary folder: migrated, with reference data
 * and the demo accounts (no demo portfolio: the runs make their own initiatives).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { disconnectDb } from "../../app/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { migrate } from "../db-setup.ts";

export { DEMO_PASSWORD } from "../../prisma/seed/index.ts";

/**
 * Makes the database and points this process's DATABASE_URL at it (the app's client reads it once, on
 * first use, so call this before anything touches the database). Returns the folder and the file.
 */
export async function prepareDatabase(prefix: string): Promise<{ dir: string; file: string; url: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  const file = path.join(dir, "app.db");
  const url = `file:${file}`;
  process.env.DATABASE_URL = url;
  migrate(url);
  await seed({ demoData: true, portfolio: false });
  await disconnectDb();
  return { dir, file, url };
}

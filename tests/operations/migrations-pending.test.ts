// `npm start` skips Prisma's migration engine when the database already has every committed migration (a
// restart); anything else — a new file, a migration not applied, one changed since — still runs it.
import Database, { type Database as SqliteDatabase } from "better-sqlite3";
import { copyFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sqliteFilePath } from "~/utils/database-url.ts";
import { migrationsPending } from "../../scripts/db-setup.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "migrations-pending-"));
/** A copy of the test's migrated database, changed by `change`. */
function copy(name: string, change?: (sqlite: SqliteDatabase) => void): string {
  const file = path.join(dir, `${name}.db`);
  copyFileSync(sqliteFilePath(process.env.DATABASE_URL!), file);
  if (change) {
    const sqlite = new Database(file);
    change(sqlite);
    sqlite.close();
  }
  return `file:${file}`;
}

describe("whether migrations are pending", () => {
  it("no, on a database with every committed migration", async () => {
    expect(await migrationsPending(copy("current"))).toBe(false);
  });

  it("yes, on a database file that does not exist yet", async () => {
    expect(await migrationsPending(`file:${path.join(dir, "new.db")}`)).toBe(true);
  });

  it("yes, when the newest migration is not recorded, or was rolled back", async () => {
    const newest = `(SELECT max("migration_name") FROM "_prisma_migrations")`;
    const missing = copy("missing", (s) =>
      s.exec(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = ${newest}`),
    );
    expect(await migrationsPending(missing)).toBe(true);
    const rolledBack = copy("rolled-back", (s) =>
      s.exec(`UPDATE "_prisma_migrations" SET "rolled_back_at" = 1 WHERE "migration_name" = ${newest}`),
    );
    expect(await migrationsPending(rolledBack)).toBe(true);
  });

  it("yes, when a migration's file changed since it was applied", async () => {
    const changed = copy("changed", (s) =>
      s.exec(`UPDATE "_prisma_migrations" SET "checksum" = 'edited' WHERE rowid = 1`),
    );
    expect(await migrationsPending(changed)).toBe(true);
  });
});

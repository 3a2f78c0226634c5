// Verifies the audit log's hash chain: every entry's hash must match its content and its link to the
// entry before it, so that an edited, deleted or reordered entry is found.
//
//   npm run audit:verify                     the database of DATABASE_URL (default data/initiative-tracker.db; or PostgreSQL)
//
// Exit codes: 0 the chain is intact; 1 it is broken (the first broken entry is named); 2 it could not be
// checked (bad configuration, no database file).
import { existsSync } from "node:fs";
import { verifyAuditChain } from "../app/audit/audit.server.ts";
import { databaseProvider, sqliteFilePath } from "../app/utils/database-url.ts";
import { getDb } from "../app/utils/db.server.ts";
import { EnvError, getEnv } from "../app/utils/env.server.ts";

async function main(): Promise<number> {
  try {
    process.loadEnvFile(".env");
  } catch {
    // No .env: the environment alone configures the app.
  }
  let url: string;
  try {
    url = getEnv().DATABASE_URL;
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (databaseProvider(url) === "sqlite") {
    const file = sqliteFilePath(url);
    // Opening a missing file would create an empty database; say so instead.
    if (file !== ":memory:" && !existsSync(file)) {
      console.error(`No database at ${file}. Set DATABASE_URL, or run npm run db:setup first.`);
      return 2;
    }
  }
  const db = getDb();
  try {
    const report = await verifyAuditChain(db);
    if (report.ok) {
      console.log(`Audit chain intact: ${report.entries} entries`);
      return 0;
    }
    console.log(`Audit chain broken at entry #${report.brokenAt}: ${report.problem}`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);

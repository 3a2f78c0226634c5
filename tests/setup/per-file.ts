// Before each test file: its own copy of the migrated database, a test environment, and an error logged
// during a test treated as a failure (console-guard.ts).
import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, inject } from "vitest";
import type {} from "./global-setup.ts";
import "./console-guard.ts";
import "./compare-plans.ts";

const runDir = inject("testRunDir");
const file = path.join(runDir, `test-${randomUUID()}.db`);
copyFileSync(path.join(runDir, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET = "test-secret-that-is-long-enough-for-production-use";

afterAll(async () => {
  const { disconnectDb } = await import("~/utils/db.server.ts");
  await disconnectDb();
});

// Before each test file: its own copy of the migrated database, a test environment, and console.error or
// a log line at level error treated as a failure (an error logged during a test is a bug until proven
// otherwise). A test that provokes an error on purpose takes its log lines with takeLogs() and asserts
// them; anything left at error level when the test ends fails it, with the line's message.
import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";
import type {} from "./global-setup.ts";
import { captureLogs, ERROR_LEVEL, takeLogs } from "../helpers/logs.ts";

const runDir = inject("testRunDir");
const file = path.join(runDir, `test-${randomUUID()}.db`);
copyFileSync(path.join(runDir, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET = "test-secret-that-is-long-enough-for-production-use";

captureLogs();

let errors: unknown[][] = [];
const original = console.error;

beforeEach(() => {
  errors = [];
  takeLogs();
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  for (const line of takeLogs()) {
    if (line.level >= ERROR_LEVEL) errors.push([`log: ${line.msg ?? ""}`, line.err?.message ?? ""]);
  }
  if (errors.length > 0) {
    const first = errors[0]!.map((a) => (a instanceof Error ? a.stack : String(a))).join(" ");
    errors = [];
    throw new Error(`an error was logged during the test (console.error or the log at level error): ${first}`);
  }
});

afterAll(async () => {
  console.error = original;
  const { getDb } = await import("~/utils/db.server.ts");
  await getDb().$disconnect();
});

// Before each test file on PostgreSQL: its own database copied from one of the run's templates, dropped
// after the file; the same test environment and console.error guard as on SQLite. A file whose first step
// is the demo seed (`seed({ demoData: true })`) starts from the seeded template, where that seed then adds
// nothing; the others, and the test of seeding an empty database, start empty.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, expect, inject } from "vitest";
import type {} from "./global-setup-postgres.ts";
import { createDatabase, dropDatabase } from "./postgres.ts";
import "./console-guard.ts";
import "./compare-plans.ts";

/** Tests of seeding an empty database (the demo portfolio's own checks run on the seeded template). */
const SEED_TESTS = ["tests/foundation/env-and-seed.test.ts"];

function wantsDemoData(file: string): boolean {
  if (!file || SEED_TESTS.some((f) => file.endsWith(f))) return false;
  return readFileSync(file, "utf8").includes("seed({ demoData: true })");
}

const name = `test_${randomBytes(8).toString("hex")}`;
const template = wantsDemoData(expect.getState().testPath ?? "")
  ? inject("postgresSeededTemplate")
  : inject("postgresTemplate");
process.env.DATABASE_URL = await createDatabase(name, template);
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET = "test-secret-that-is-long-enough-for-production-use";

afterAll(async () => {
  const { disconnectDb } = await import("~/utils/db.server.ts");
  await disconnectDb();
  await dropDatabase(name);
});

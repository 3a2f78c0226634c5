// `npm run test:postgres`: the database-touching suites against PostgreSQL (TEST_POSTGRES_URL, default
// postgresql://postgres@127.0.0.1:5432/postgres), one fresh database per test file. Left out: the suites
// that test SQLite's own files and SQL (the stage-stays backfill migration, the audit copy made with
// VACUUM INTO, the fault injection into the SQLite driver adapter, a SQLite lock held by another
// process, the crash test, which reads the SQLite file and its synchronous setting, and the bad-request
// run against a copy of the SQLite demo database), and the pure unit tests under app/, which do not
// touch a database.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    include: ["tests/**/*.test.{ts,tsx}"],
    exclude: [
      "tests/e2e/**",
      "node_modules/**",
      "tests/dashboard/stage-stays.test.ts",
      "tests/lifecycle/audit-verify.test.ts",
      "tests/reliability/db-faults.test.ts",
      "tests/reliability/other-process-lock.test.ts",
      "tests/reliability/crash.test.ts",
      "tests/security/bad-requests-server.test.ts",
      // SQLite only: the read workers and kept statements of its adapter, a copy of its migrated file,
      // statement counts taken through a SQLite client.
      "tests/reliability/read-workers.test.ts",
      "tests/operations/migrations-pending.test.ts",
      "tests/api/transition-statements.test.ts",
    ],
    globalSetup: ["tests/setup/global-setup-postgres.ts"],
    setupFiles: ["tests/setup/per-file-postgres.ts"],
    pool: "forks",
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});

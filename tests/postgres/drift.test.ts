// PostgreSQL's schema and migrations follow prisma/schema.prisma (`npm run db:drift`, checked here).
import { describe, expect, it } from "vitest";
import { fileDrift, migrationDrift } from "../../scripts/db-drift.ts";
import { TEST_POSTGRES_URL } from "../setup/postgres.ts";

describe("PostgreSQL's schema and migrations", () => {
  it("are generated from the one schema and paired with SQLite's migrations", () => {
    expect(fileDrift()).toEqual([]);
  });

  it("give exactly the schema when replayed on an empty database", () => {
    expect(migrationDrift(TEST_POSTGRES_URL)).toBeNull();
  });
});

// Once per PostgreSQL run: two migrated template databases on the server of TEST_POSTGRES_URL, one empty
// and one with the demo data, which each test file copies (CREATE DATABASE … TEMPLATE) into a fresh
// database of its own. Seeding once here instead of in every file's beforeAll saves a minute per file:
// the demo portfolio is built through the lifecycle, hundreds of transactions over the network.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { migrate } from "../../scripts/db-setup.ts";
import { createDatabase, dropDatabase } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
    postgresSeededTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const run = randomBytes(6).toString("hex");
  const empty = `test_template_${run}`;
  const seeded = `test_template_seeded_${run}`;
  const cleanup = async () => {
    await dropDatabase(empty);
    await dropDatabase(seeded);
  };
  try {
    migrate(await createDatabase(empty));
    const seededUrl = await createDatabase(seeded, empty);
    execFileSync(process.execPath, ["--import", "tsx", "scripts/db-setup.ts"], {
      env: { ...process.env, DATABASE_URL: seededUrl, DEMO_DATA: "true", NODE_ENV: "test" },
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  project.provide("postgresTemplate", empty);
  project.provide("postgresSeededTemplate", seeded);
  return cleanup;
}

// Once per run: a migrated template database that each test file copies, so that every file gets a
// fresh, real SQLite file without running the migrations again. Each run has its own folder, so two
// runs at once (an editor's watcher and a terminal) do not delete each other's files.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "../../scripts/db-setup.ts";

declare module "vitest" {
  export interface ProvidedContext {
    testRunDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = path.resolve("tests/.tmp", `run-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  migrate(`file:${path.join(dir, "template.db")}`);
  project.provide("testRunDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

// Once per run: a migrated template database that each test file copies, so that every file gets a
// fresh, real SQLite file without running the migrations again.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { migrate } from "../../scripts/db-setup.ts";

export const TMP_DIR = path.resolve("tests/.tmp");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

export default function setup() {
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  migrate(`file:${TEMPLATE_DB}`);
  return () => rmSync(TMP_DIR, { recursive: true, force: true });
}

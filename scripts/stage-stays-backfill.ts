// The backfill statements of migration 20261128090000_stage_stays, read from the migration itself, so that
// the test suite (tests/dashboard/stage-stays.test.ts) and the benchmark's build can check that what the
// service (or the benchmark's generator) writes is what the migration computes from the audit log for
// databases that existed before — one definition, not two copies that could drift apart.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MIGRATION = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../prisma/migrations/20261128090000_stage_stays/migration.sql",
);

/** The migration's statements, comments removed. */
function statements(): string[] {
  const sql = readFileSync(MIGRATION, "utf8")
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n");
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function backfill(table: string, target: string): string {
  const prefix = `INSERT INTO "${table}"`;
  const found = statements().filter((s) => s.startsWith(prefix));
  if (found.length !== 1) throw new Error(`Expected one ${prefix} statement in ${MIGRATION}, found ${found.length}`);
  return `INSERT INTO "${target}"${found[0]!.slice(prefix.length)}`;
}

/** The StageStay backfill (one stay per change of stage in the audit log), writing into `target`. */
export function stayBackfillSql(target: string): string {
  return backfill("StageStay", target);
}

/** The Signoff backfill (review days and copies of the filter columns), writing into `target`. */
export function signoffBackfillSql(target: string): string {
  return backfill("new_Signoff", target);
}

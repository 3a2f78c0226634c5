// Builds the benchmark's database: migrations and reference data as `npm start` makes them, users, then
// the generated portfolio written with raw prepared statements in a few large transactions. Checks that
// the generated stays and review times are what the migration's backfill computes from the audit log.
import Database, { type Database as SqliteDatabase } from "better-sqlite3";
import { DIVISIONS, type Division } from "../../app/lifecycle/divisions.ts";
import { getDb } from "../../app/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { migrate } from "../db-setup.ts";
import { SeededRandom } from "../lib/seeded-random.ts";
import { signoffBackfillSql, stayBackfillSql } from "../stage-stays-backfill.ts";
import { AuditLog } from "./audit-log.ts";
import { FIRST_DAY, file, INITIATIVES } from "./environment.ts";
import { Journey, type BenchContext, type Counts } from "./journey.ts";
import { deliver, draft, fund, planMilestones, review } from "./phases.ts";
import { iso, newId, prepareStatements } from "./statements.ts";
import { writeInitiative } from "./write-initiative.ts";

/** Transactions of this many initiatives each. */
const CHUNK = 5_000;

export async function buildDatabase() {
  const started = performance.now();
  migrate(process.env.DATABASE_URL!);
  await seed({ demoData: false, adminPassword: "bench-administrator-password" });
  await getDb().$disconnect();

  const w = new Database(file);
  w.pragma("journal_mode = OFF");
  w.pragma("synchronous = OFF");
  w.pragma("cache_size = -1000000");
  const sql = prepareStatements(w);
  const bureaux = (w.prepare(`SELECT "code" FROM "Bureau" ORDER BY "code"`).all() as { code: string }[]).map(
    (b) => b.code,
  );
  const ctx: BenchContext = {
    // The same seed on every run: the same portfolio.
    rng: new SeededRandom(0x2026_1127),
    sql,
    bureaux,
    ...insertUsers(w, sql, bureaux),
    counts: { initiatives: 0, signoffs: 0, rounds: 0, funding: 0, milestones: 0, conditions: 0, benefits: 0, stays: 0 },
    refSeq: new Map(),
  };
  const audit = new AuditLog();

  // Children are written before their initiative (whose columns sum up the journey): foreign keys are
  // checked once at the end instead of row by row.
  w.pragma("foreign_keys = OFF");
  for (let from = 0; from < INITIATIVES; from += CHUNK) {
    w.transaction(() => {
      for (let n = from; n < Math.min(INITIATIVES, from + CHUNK); n++) generateInitiative(ctx, n, audit);
    })();
  }
  audit.write(w, sql);
  const broken = w.pragma("foreign_key_check") as unknown[];
  if (broken.length) throw new Error(`${broken.length} rows break a foreign key`);
  checkAgainstBackfill(w);
  w.pragma("journal_mode = WAL");
  w.close();
  const counts: Counts & { audit: number } = { ...ctx.counts, audit: audit.size };
  return { counts, leaderId: ctx.leaderId, seconds: (performance.now() - started) / 1000 };
}

/** One initiative's whole journey and every row it implies. */
function generateInitiative(ctx: BenchContext, n: number, audit: AuditLog) {
  const j = new Journey(ctx);
  draft(j);
  review(j);
  fund(j);
  planMilestones(j);
  deliver(j);
  writeInitiative(j, n, audit);
}

/** An officer per B/D, a reviewer per division, a leader. Nobody signs in to this database. */
function insertUsers(w: SqliteDatabase, sql: ReturnType<typeof prepareStatements>, bureaux: string[]) {
  const officer = new Map<string, string>();
  const reviewer = new Map<Division, string>();
  const leaderId = newId();
  const stamp = iso(Date.parse(`${FIRST_DAY}T09:00:00+08:00`));
  const user = (
    id: string,
    email: string,
    name: string,
    role: string,
    bureau: string | null,
    division: string | null,
  ) => sql.user.run(id, email, name, role, bureau, division, "-", "en", stamp, stamp);
  w.transaction(() => {
    for (const b of bureaux) {
      const id = newId();
      officer.set(b, id);
      user(id, `officer.${b.toLowerCase()}@bench.gov.hk`, `Officer ${b}`, "OFFICER", b, null);
    }
    for (const d of DIVISIONS) {
      const id = newId();
      reviewer.set(d, id);
      user(id, `reviewer.${d.toLowerCase()}@bench.gov.hk`, `Reviewer ${d}`, "REVIEWER", null, d);
    }
    user(leaderId, "leader@bench.gov.hk", "Leader", "LEADERSHIP", null, null);
  })();
  return { officer, reviewer, leaderId };
}

/**
 * The generated stays and review times must be what migration 20261128090000_stage_stays computes from
 * the audit log, submission rounds and initiatives (its own backfill statements, run into scratch tables).
 */
function checkAgainstBackfill(w: SqliteDatabase) {
  w.exec(`CREATE TEMP TABLE "check_StageStay" AS SELECT * FROM "StageStay" WHERE 0`);
  w.exec(`CREATE TEMP TABLE "check_Signoff" AS SELECT * FROM "Signoff" WHERE 0`);
  w.exec(stayBackfillSql("check_StageStay"));
  w.exec(signoffBackfillSql("check_Signoff"));
  const differing = (table: string, columns: string[]) => {
    const cols = columns.map((c) => `"${c}"`).join(", ");
    const count = (a: string, b: string) =>
      (
        w.prepare(`SELECT COUNT(*) AS n FROM (SELECT ${cols} FROM ${a} EXCEPT SELECT ${cols} FROM ${b})`).get() as {
          n: number;
        }
      ).n;
    return count(`"${table}"`, `temp."check_${table}"`) + count(`temp."check_${table}"`, `"${table}"`);
  };
  const stayDiff = differing("StageStay", [
    ...["initiativeId", "stage", "enteredAt", "leftAt", "days", "submitted", "financialYear", "bureauCode"],
    ...["leadDivision", "category", "requiredDivisions", "createdAt", "updatedAt"],
  ]);
  const signoffDiff = differing("Signoff", [
    ...["id", "reviewDays", "financialYear", "bureauCode", "leadDivision", "category", "requiredDivisions"],
  ]);
  if (stayDiff || signoffDiff)
    throw new Error(`${stayDiff} stays and ${signoffDiff} sign-offs differ from the migration's backfill`);
  w.exec(`DROP TABLE temp."check_StageStay"; DROP TABLE temp."check_Signoff"`);
}

// The dashboard benchmark (`npm run bench:dashboard`): builds a temporary SQLite database at government
// scale — 100,000 initiatives and about 2,000,000 audit events over ten financial years — then times the
// dashboard loader (`getDashboard` for a leadership caller, with and without filters; its figures computed
// afresh each run, not taken from the instance's cache) against the same
// aggregates run as plain SQL through better-sqlite3 (the floor: no Prisma, no post-processing), prints
// p50/p95 and their ratio as a table, and deletes the database.
//
// The data is generated, not driven through the lifecycle service: 2,000,000 audited transitions through
// the real machine would take hours. It follows the lifecycle's rules: every initiative's plain columns
// (stage, substate, round, pendingSignoffs, requiredDivisions, financialYear, submittedAt, stageEnteredAt,
// fundedAmount, realised benefits) agree with its audit trail, sign-offs, submission rounds, funding
// decisions, milestones and conditions, as the service would have written them; so do its stays in each
// stage (StageStay: one per change of stage in the audit trail, closed by the next) and each sign-off's
// review time and copies of the filter columns.
//
// `npm run bench:dashboard -- --db postgres` (or DATABASE_URL=postgresql://… naming the server) times
// PostgreSQL instead: the same database, copied into a fresh PostgreSQL database on that server
// (BENCH_POSTGRES_URL, else TEST_POSTGRES_URL's default), dropped at the end; see ./postgres.ts.
//
// Options (environment): BENCH_INITIATIVES (default 100000), BENCH_RUNS (default 30), BENCH_KEEP=1 to keep
// the database (its path is printed), BENCH_DB=<path> to time a database kept earlier instead of building one.
import { dir, file, INITIATIVES, postgresServer, reuse, TODAY } from "./environment.ts";
import Database, { type Database as SqliteDatabase } from "better-sqlite3";
import { rmSync } from "node:fs";
import { clearDashboardCache } from "../../app/dashboard/dashboard-cache.server.ts";
import { getDashboard } from "../../app/dashboard/dashboard.queries.server.ts";
import { getDb } from "../../app/utils/db.server.ts";
import { getEnv } from "../../app/utils/env.server.ts";
import { buildDatabase } from "./build-database.ts";
import { AGGREGATES, plainDashboard, sqlitePlainSql, type PlainSql } from "./plain-sql.ts";
import { printReport } from "./report.ts";
import { stats, time } from "./timing.ts";

const CASES: { name: string; filters: Record<string, string> }[] = [
  { name: "no filter", filters: {} },
  { name: "fy=2024-25", filters: { fy: "2024-25" } },
  { name: "fy=2025-26, category=E_SERVICE", filters: { fy: "2025-26", category: "E_SERVICE" } },
  { name: "bureau=IMMD", filters: { bureau: "IMMD" } },
];

async function leaderOfDatabase(): Promise<string> {
  if (reuse) {
    console.log(`Timing ${file} …`);
    const ro = new Database(file, { readonly: true });
    const { id } = ro.prepare(`SELECT "id" FROM "User" WHERE "role" = 'LEADERSHIP' LIMIT 1`).get() as { id: string };
    ro.close();
    return id;
  }
  console.log(`Building ${INITIATIVES.toLocaleString("en")} initiatives in ${file} …`);
  const built = await buildDatabase();
  const counts = Object.entries(built.counts).map(([k, v]) => `${v.toLocaleString("en")} ${k}`);
  console.log(`Built in ${built.seconds.toFixed(1)} s: ${counts.join(", ")}.`);
  return built.leaderId;
}

type Leader = Parameters<typeof getDashboard>[0];

/** The loader and the plain SQL must agree before their times mean anything. */
async function checkAgreement(leader: Leader, ro: PlainSql, c: (typeof CASES)[number]) {
  const d = await getDashboard(leader, c.filters, TODAY);
  const p = await plainDashboard(ro, c.filters, TODAY);
  const stagesAgree = Object.entries(d.byStage).every(([s, n]) => (p.byStage[s] ?? 0) === n);
  if (!stagesAgree) throw new Error(`${c.name}: the loader and plain SQL disagree on byStage`);
  const cyclesAgree =
    Object.keys(d.cycleTimeDays).length === p.cycleTimes.size &&
    [...p.cycleTimes].every(
      ([stage, v]) => JSON.stringify(d.cycleTimeDays[stage as keyof typeof d.cycleTimeDays]) === JSON.stringify(v),
    );
  const reviewsAgree = d.byDivision.every((r) => {
    const v = p.reviewTimes.get(r.division);
    return (
      r.decisions === (v?.count ?? 0) &&
      r.medianReviewDays === (v?.median ?? null) &&
      r.p90ReviewDays === (v?.p90 ?? null)
    );
  });
  if (!cyclesAgree || !reviewsAgree)
    throw new Error(`${c.name}: the loader and plain SQL disagree on cycle or review times`);
  return d.total;
}

/** The plain-SQL connection and the database named in the report: the SQLite file, or its PostgreSQL copy. */
async function openPlainSql(): Promise<{ plain: PlainSql; engine: string; close: () => Promise<void> }> {
  if (!postgresServer) {
    const ro: SqliteDatabase = new Database(file, { readonly: true });
    const version = (ro.prepare("select sqlite_version() v").get() as { v: string }).v;
    return { plain: sqlitePlainSql(ro), engine: `SQLite ${version}`, close: async () => void ro.close() };
  }
  const postgres = await import("./postgres.ts");
  const copy = await postgres.copyToPostgres(file);
  pgUrl = copy.url;
  console.log(`Copied into PostgreSQL ${copy.version} in ${copy.seconds.toFixed(1)} s.`);
  // The app reads its environment once, and the build above used the SQLite file: point it at the copy.
  await getDb().$disconnect();
  Object.assign(getEnv(), { DATABASE_URL: copy.url });
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: copy.url });
  // The database is dropped at the end even after a failure, which ends this connection from the server's side.
  client.on("error", () => {});
  await client.connect();
  return {
    plain: postgres.postgresPlainSql(client),
    engine: `PostgreSQL ${copy.version}`,
    close: () => client.end(),
  };
}

/** The PostgreSQL copy being timed, dropped at the end. */
let pgUrl: string | null = null;

async function main() {
  // Whatever happens, the temporary folder (and the PostgreSQL copy) is removed at the end.
  try {
    const leader: Leader = { id: await leaderOfDatabase(), role: "LEADERSHIP", bureauCode: null, divisionCode: null };
    const { plain: ro, engine, close } = await openPlainSql();
    const rows: string[][] = [];
    const perAggregate: string[][] = AGGREGATES.map((a) => [a]);
    for (const c of CASES) {
      const total = await checkAgreement(leader, ro, c);
      // The loader keeps its figures until a write (dashboard-cache.server.ts): each timed run lets them go
      // first, so that this times their computation; the kept answer's time is printed beside it.
      const loader = stats(
        await time(() => {
          clearDashboardCache();
          return getDashboard(leader, c.filters, TODAY);
        }),
      );
      const kept = stats(await time(() => getDashboard(leader, c.filters, TODAY)));
      const timings = new Map<string, number[]>();
      const plain = stats(await time(() => plainDashboard(ro, c.filters, TODAY, timings)));
      AGGREGATES.forEach((a, i) => perAggregate[i]!.push(stats(timings.get(a)!).p50.toFixed(1)));
      rows.push([
        c.name,
        total.toLocaleString("en"),
        ...[loader.p50, loader.p95, plain.p50, plain.p95].map((ms) => ms.toFixed(1)),
        (loader.p95 / plain.p95).toFixed(2),
      ]);
      console.log(
        `  ${c.name}: loader p95 ${loader.p95.toFixed(1)} ms (figures kept: ${kept.p95.toFixed(1)} ms), plain SQL p95 ${plain.p95.toFixed(1)} ms`,
      );
    }
    await close();
    await getDb().$disconnect();
    printReport(rows, CASES, perAggregate, engine);
  } finally {
    if (pgUrl) await (await import("./postgres.ts")).dropPostgres(pgUrl);
    if (dir && process.env.BENCH_KEEP) console.log(`\nKept ${file}`);
    else if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

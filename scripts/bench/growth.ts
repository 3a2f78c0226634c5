// The growth table: the dashboard benchmark's database (100,000 initiatives and about 2,000,000 audit events
// by default; built once per run with ./build-database.ts, or BENCH_DB to reuse a kept one; on PostgreSQL its
// copy) served by the real server, and p50/p95 of single requests to the register, the API list, an
// initiative's page and the dashboard, beside the dashboard's plain-SQL floor.
import Database from "better-sqlite3";
import pg from "pg";
import { buildDatabase } from "./build-database.ts";
import { file, INITIATIVES, postgresServer, reuse, RUNS, WARMUP } from "./environment.ts";
import { judge, printTable } from "./goals.ts";
import { get, type Target } from "./load.ts";
import { plainDashboard, sqlitePlainSql, type PlainSql } from "./plain-sql.ts";
import { initiativeInDelivery } from "./real-initiative.ts";
import { signIn, useDatabase } from "./sign-in.ts";
import { stats, time } from "./timing.ts";

const LEADER = "leader@bench.gov.hk";
const OFFICER = "officer.immd@bench.gov.hk";
const FILTERED = "fy=2024-25";

/** The 100k database's URL: the SQLite file (built now unless BENCH_DB), or a PostgreSQL copy of it. */
export async function growthDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const sqliteUrl = `file:${file}`;
  if (!reuse) {
    await useDatabase(sqliteUrl);
    console.log(`\nBuilding ${INITIATIVES.toLocaleString("en")} initiatives in ${file} …`);
    const built = await buildDatabase();
    console.log(`Built in ${built.seconds.toFixed(1)} s (${built.counts.audit.toLocaleString("en")} audit events).`);
  }
  if (!postgresServer) return { url: sqliteUrl, drop: async () => {} };
  const postgres = await import("./postgres.ts");
  const copy = await postgres.copyToPostgres(file);
  console.log(`Copied into PostgreSQL ${copy.version} in ${copy.seconds.toFixed(1)} s.`);
  return { url: copy.url, drop: () => postgres.dropPostgres(copy.url) };
}

/** The dashboard's plain SQL straight through the database's driver. */
async function openPlainSql(url: string): Promise<{ plain: PlainSql; close: () => Promise<void> }> {
  if (!postgresServer) {
    const ro = new Database(file, { readonly: true });
    return { plain: sqlitePlainSql(ro), close: async () => void ro.close() };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { postgresPlainSql } = await import("./postgres.ts");
  return { plain: postgresPlainSql(client), close: () => client.end() };
}

/** The unfiltered dashboard as the database's leader sees it. */
export async function leaderDashboard(databaseUrl: string): Promise<Target> {
  const { cookie } = await signIn(databaseUrl, [LEADER]);
  return { path: "/dashboard", headers: { Cookie: cookie[LEADER]! } };
}

const hongKongToday = () => new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Hong_Kong" });

export async function growthTable(baseUrl: string, databaseUrl: string, engine: string): Promise<Target> {
  const section = `growth (${engine}, ${INITIATIVES.toLocaleString("en")} initiatives)`;
  const { cookie, bearer } = await signIn(databaseUrl, [LEADER, OFFICER]);
  const ref = await initiativeInDelivery();
  const leader = { Cookie: cookie[LEADER]! };
  const dashboard: Target = { path: "/dashboard", headers: leader };
  const cases: (Target & { name: string; goalMs: number | null })[] = [
    { name: "/initiatives (leader)", path: "/initiatives", headers: leader, goalMs: 50 },
    { name: "/initiatives (officer)", path: "/initiatives", headers: { Cookie: cookie[OFFICER]! }, goalMs: 50 },
    {
      name: "GET /api/v1/initiatives (leader)",
      path: "/api/v1/initiatives",
      headers: { Authorization: bearer[LEADER]! },
      goalMs: 50,
    },
    { name: `/initiatives/:ref (leader, ${ref})`, path: `/initiatives/${ref}`, headers: leader, goalMs: 30 },
    { name: "/dashboard unfiltered (leader)", ...dashboard, goalMs: 150 },
    { name: `/dashboard?${FILTERED} (leader)`, path: `/dashboard?${FILTERED}`, headers: leader, goalMs: null },
  ];
  const { plain, close } = await openPlainSql(databaseUrl);
  const floor = {
    unfiltered: stats(await time(() => plainDashboard(plain, {}, hongKongToday()))),
    filtered: stats(await time(() => plainDashboard(plain, { fy: "2024-25" }, hongKongToday()))),
  };
  await close();
  const rows: string[][] = [];
  for (const c of cases) {
    // A page that fails is reported as such, and the others are still timed.
    const t0 = performance.now();
    const { status } = await get(baseUrl, c);
    const firstMs = performance.now() - t0;
    if (status !== 200) {
      const goal = c.goalMs === null ? "" : `≤ ${c.goalMs}`;
      rows.push([c.name, "—", "—", "—", ...judge(section, `${c.name} p95 (ms)`, `answered ${status}`, goal, false)]);
      continue;
    }
    const ms = stats(await time(() => get(baseUrl, c)));
    const fl = c.path === "/dashboard" ? floor.unfiltered : c.path.startsWith("/dashboard?") ? floor.filtered : null;
    // The dashboard's figures are computed on its first load and kept until a write or a new day: the first
    // load is that computation (one sample, no goal), the timed runs after it are answered from the cache.
    if (fl) {
      rows.push([
        `${c.name}, first load (figures computed)`,
        firstMs.toFixed(1),
        fl.p95.toFixed(1),
        (firstMs / fl.p95).toFixed(2),
        firstMs.toFixed(1),
        "—",
        "",
      ]);
    }
    rows.push([
      c.name,
      ms.p50.toFixed(1),
      fl ? fl.p95.toFixed(1) : "—",
      fl ? (ms.p95 / fl.p95).toFixed(2) : "—",
      ...judge(
        section,
        `${c.name} p95 (ms)`,
        ms.p95.toFixed(1),
        c.goalMs === null ? "" : `≤ ${c.goalMs}`,
        c.goalMs === null ? null : ms.p95 <= c.goalMs,
      ),
    ]);
  }
  printTable(
    `At ${INITIATIVES.toLocaleString("en")} initiatives, ${engine}: one request at a time, ${RUNS} runs after ${WARMUP} warm-up runs` +
      ` (the dashboard's runs find its figures kept from its first load: no write comes between them)`,
    ["request", "p50 (ms)", "plain-SQL floor p95 (ms)", "p95 / floor", "p95 (ms)", "goal", ""],
    rows,
  );
  return dashboard;
}

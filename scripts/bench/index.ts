// The whole performance suite (`npm run bench`): one run prints
//   1. pages        each signed-in page's req/s as a share of a trivial route's (demo data, 10 connections)
//   2. writes       lifecycle transitions a second at 1, 4 and 16 clients, then `npm run audit:verify`
//   3. growth       p50/p95 of the main pages at 100,000 initiatives, beside the dashboard's plain-SQL floor
//   4. interference a trivial page's p95 while one client reloads the dashboard at 100,000, over its idle p95
//   5. memory       the server's RSS during a soak of mixed page load, and after an idle spell
//   6. startup      `npm start` on an empty database: db:setup and the server until /readyz (build apart)
// each figure beside its goal (issue: performance), against the real `node server.mjs` in child processes,
// built into bench-build/ with the trivial route added (remix.config.js; the app's build/ is untouched).
//
// `npm run bench -- --db postgres` (or DATABASE_URL=postgresql://… naming a server) runs it on PostgreSQL:
// fresh databases made on that server (BENCH_POSTGRES_URL, else TEST_POSTGRES_URL's default), dropped at the end.
//
// Options (environment):
//   BENCH_ONLY=pages,writes      only these sections (startup, pages, writes, growth, interference, memory)
//   BENCH_QUICK=1                everything small (2,000 initiatives, 1 round, short soak): checks the harness
//   BENCH_INITIATIVES=100000     the growth database's size; BENCH_RUNS=30 timed requests per figure there
//   BENCH_DB=<path>              time a growth database kept earlier instead of building one
//   BENCH_KEEP=1                 keep the growth database built by this run (its path is printed)
//   BENCH_ROUNDS=3, BENCH_LOAD_SECONDS=3, BENCH_CONNECTIONS=10     the page table's rounds and runs
//   BENCH_WRITE_SECONDS=10       writes at each number of clients
//   BENCH_SOAK_SECONDS=300, BENCH_IDLE_SECONDS=45                 the memory soak and the idle spell after it
//   BENCH_SOAK_RATE=40           the soak's requests a second (fixed, so that runs compare)
//   BENCH_INTERFERENCE_SECONDS=15                                 each half of the interference figure
//   BENCH_PORT=3100              the servers under test listen from this port up
//   BENCH_SERVER_LOG=<file>      append the servers' logs to this file (by default they are dropped)
//   BENCH_NODE_FLAGS="…"         the servers' Node flags instead of those of `npm start` (package.json)
import { ONLY, QUICK, SECTIONS, type Section } from "./options.ts";
import { dir, file, postgresServer } from "./environment.ts";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { disconnectDb } from "../../app/utils/db.server.ts";
import { copyDatabase, emptyDatabase, removeDatabases, run, setUpDatabase } from "./databases.ts";
import { printGoals } from "./goals.ts";
import { growthDatabase, growthTable, leaderDashboard } from "./growth.ts";
import { interference } from "./interference.ts";
import type { Target } from "./load.ts";
import { MEMORY_SERVER_ENV, memorySoak } from "./memory.ts";
import { pageTable } from "./pages.ts";
import { startServer, type Server } from "./server.ts";
import { startUp } from "./startup.ts";
import { writeThroughput } from "./write-throughput.ts";

const engine = postgresServer ? "PostgreSQL" : "SQLite";
const BUILD_DIR = path.resolve("bench-build");
const servers: Server[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** The app built with the trivial route into the benchmark's own folder; seconds taken. */
async function benchBuild(): Promise<string> {
  const started = performance.now();
  await run("npx", ["remix", "build"], { ...process.env, BENCH_BUILD_DIR: BUILD_DIR });
  console.log(`Built the benchmark's build in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return path.join(BUILD_DIR, "index.js");
}

async function serve(databaseUrl: string, build: string, extra: Record<string, string> = {}): Promise<Server> {
  const server = await startServer(databaseUrl, build, extra);
  servers.push(server);
  return server;
}

/** Runs one section; a failure is printed and the run goes on with the next. */
async function section(name: Section, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    process.exitCode = 1;
    console.log(`\nSection ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function main() {
  const sections = SECTIONS.filter((s) => ONLY.has(s));
  console.log(
    `Performance suite on ${engine}${QUICK ? " (quick mode)" : ""}: ${sections.join(", ")}. ` +
      `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}, ${new Date().toISOString()}.`,
  );
  const build = await benchBuild();

  let demo: string | null = null;
  const demoCopy = async (label: string) => {
    if (!demo) {
      demo = await emptyDatabase("demo");
      const seconds = await setUpDatabase(demo);
      console.log(`Set up the demo database in ${seconds.toFixed(1)} s.`);
    }
    return copyDatabase(demo, label);
  };
  const onFresh = async (
    label: string,
    body: (server: Server, url: string) => Promise<void>,
    extra: Record<string, string> = {},
  ) => {
    const url = await demoCopy(label);
    const server = await serve(url, build, extra);
    try {
      await body(server, url);
    } finally {
      await server.stop();
    }
  };

  if (ONLY.has("startup")) await section("startup", async () => void (demo = await startUp(engine)));
  if (ONLY.has("pages")) await section("pages", () => onFresh("pages", (s, url) => pageTable(s, url, engine)));
  if (ONLY.has("writes")) await section("writes", () => onFresh("writes", (s, url) => writeThroughput(s, url, engine)));
  if (ONLY.has("growth") || ONLY.has("interference")) {
    await section(ONLY.has("growth") ? "growth" : "interference", async () => {
      const growth = await growthDatabase();
      cleanups.push(growth.drop);
      const server = await serve(growth.url, build);
      try {
        let dashboard: Target | null = null;
        if (ONLY.has("growth"))
          await section("growth", async () => void (dashboard = await growthTable(server.url, growth.url, engine)));
        if (ONLY.has("interference"))
          await section("interference", async () =>
            interference(server.url, dashboard ?? (await leaderDashboard(growth.url)), engine),
          );
      } finally {
        await server.stop();
      }
    });
  }
  if (ONLY.has("memory"))
    await section("memory", () => onFresh("memory", (s, url) => memorySoak(s, url, engine), MEMORY_SERVER_ENV));
  printGoals();
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const server of servers) await server.stop().catch(() => {});
    await disconnectDb().catch(() => {});
    for (const cleanup of cleanups) await cleanup().catch(() => {});
    await removeDatabases().catch(() => {});
    if (dir && process.env.BENCH_KEEP) console.log(`\nKept ${file}`);
    else if (dir) rmSync(dir, { recursive: true, force: true });
  });

// Sends 10,000 (or --count) generated bad requests to a real server and shows that none gets a 5xx or
// goes unanswered, that no table changed, and how much memory the server used; then races 40 wrong
// passwords for one account. Runs the built app (`npm run build` first) on a fresh demo database in a
// temporary folder, on --port (default 3430).
//
//   node --import tsx scripts/bad-requests.ts [--count 10000] [--concurrency 16] [--seed 19] [--port 3430]
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateBadRequests } from "./bad-requests/cases.ts";
import { changedTables, dumpTables, memoryOf, signInOfficer, wrongPasswordRace } from "./bad-requests/harness.ts";
import { failures, formatTally, sendAll } from "./bad-requests/send.ts";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "16" },
    seed: { type: "string", default: "19" },
    port: { type: "string", default: process.env.E2E_PORT ?? "3430" },
    /** Print each failing case, and each write request that was accepted (2xx/3xx). */
    verbose: { type: "boolean", default: false },
  },
});
const count = Number(values.count);
const concurrency = Number(values.concurrency);
const seed = Number(values.seed);

if (!existsSync("build/index.js")) {
  console.error("No build: run `npm run build` first.");
  process.exit(1);
}
const dir = mkdtempSync(path.join(tmpdir(), "bad-requests-"));
const file = path.join(dir, "app.db");
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: `file:${file}`,
  PORT: values.port,
  NODE_ENV: "production",
  SESSION_SECRET: "bad-requests-run-session-secret-0123456789",
  DEMO_DATA: "true",
  // Scheduled work (reminders written on the demo portfolio) would change tables this run must find unchanged.
  JOBS_IN_APP: "false",
};
console.log("Preparing a demo database …");
execFileSync(process.execPath, ["--import", "tsx", "scripts/db-setup.ts"], {
  env,
  stdio: ["ignore", "ignore", "inherit"],
});
// The server's own log (every refusal logged) would drown the report: it goes to the temporary folder.
const log = openSync(path.join(dir, "server.log"), "w");
const server = spawn(process.execPath, ["server.mjs"], { env, stdio: ["ignore", log, log] });
const base = new URL(`http://127.0.0.1:${values.port}`);
let exitCode = 1;
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(new URL("/healthz", base))).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  const credentials = await signInOfficer(base);
  const before = dumpTables(file);
  const startMemory = memoryOf(server.pid!);
  let maxRss = startMemory.rssMb;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, memoryOf(server.pid!).rssMb)), 200);
  const started = performance.now();
  const { tally } = await sendAll(
    base,
    generateBadRequests(count, credentials, seed),
    concurrency,
    (request, outcome) => {
      if (!values.verbose) return;
      const accepted = request.method !== "GET" && outcome.status >= 200 && outcome.status < 400;
      if (outcome.status === 0 || outcome.status >= 500 || accepted) {
        const headers = JSON.stringify(request.headers).slice(0, 300);
        const body = request.body ? JSON.stringify(request.body.subarray(0, 200).toString("latin1")) : "";
        console.log(
          `${outcome.status} ${outcome.error ?? ""} [${request.family}] ${request.method} ${request.path.slice(0, 200)} ${request.chunked ? "(chunked) " : ""}${request.body?.length ?? 0}B ${headers} ${body}`,
        );
      }
    },
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const endMemory = memoryOf(server.pid!);
  const changed = changedTables(before, dumpTables(file));
  const race = await wrongPasswordRace(base, "reviewer.dg@demo.gov.hk", 40);

  const bad = failures(tally);
  console.log(`\n${count} bad requests (seed ${seed}, ${concurrency} at a time) in ${seconds.toFixed(1)} s:`);
  console.log(formatTally(tally));
  console.log(`\n5xx or no answer: ${bad}`);
  console.log(
    `Tables changed (other than LoginAttempt, ReadinessProbe, and the use stamps of sessions and tokens): ${changed.length ? changed.join(", ") : "none"}`,
  );
  console.log(`Server RSS: ${startMemory.rssMb} MB before, ${maxRss} MB at most during, ${endMemory.rssMb} MB after`);
  console.log(
    `40 concurrent wrong passwords for one account: ${race.checked} checked, ${race.throttled} throttled` +
      (race.other.length ? `, other: ${race.other.join(" ")}` : ""),
  );
  const errors = readFileSync(path.join(dir, "server.log"), "utf8").match(/^\[error\].*$/gm) ?? [];
  const kinds = new Map<string, number>();
  for (const line of errors) {
    const kind = line.replace(/"[^"]*"/g, '"…"').slice(0, 120);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  console.log(`Errors in the server log: ${errors.length}`);
  for (const [kind, n] of kinds) console.log(`  ${n}× ${kind}`);
  exitCode = bad === 0 && changed.length === 0 && race.checked <= 10 && race.other.length === 0 ? 0 : 1;
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);

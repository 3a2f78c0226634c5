// What synchronous=FULL costs: small write transactions (a comment-sized insert and a count, as a
// request's write does) through the app's own client, on a fresh copy of the migrated database, with
// synchronous=NORMAL and then FULL, alternating, several rounds. Prints commits per second and the median
// per commit. Run: npm run bench:sync [-- transactions-per-round]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "../db-setup.ts";
import { createDb } from "../../app/utils/db.server.ts";

const perRound = Number(process.argv[2] ?? 300);
const dir = mkdtempSync(path.join(os.tmpdir(), "bench-sync-"));
const url = `file:${path.join(dir, "bench.db")}`;
migrate(url);
const db = createDb(url, 5000);

async function round(mode: "NORMAL" | "FULL"): Promise<number[]> {
  await db.$executeRawUnsafe(`PRAGMA synchronous = ${mode}`);
  const times: number[] = [];
  for (let i = 0; i < perRound; i++) {
    const start = performance.now();
    await db.$transaction(async (tx) => {
      await tx.loginAttempt.create({ data: { email: `bench-${i}@example.org`, ip: "192.0.2.1" } });
      await tx.loginAttempt.count({ where: { email: `bench-${i}@example.org` } });
    });
    times.push(performance.now() - start);
  }
  return times;
}

const results: Record<string, number[]> = { NORMAL: [], FULL: [] };
try {
  for (let r = 0; r < 3; r++) {
    for (const mode of ["NORMAL", "FULL"] as const) results[mode]!.push(...(await round(mode)));
  }
  for (const [mode, times] of Object.entries(results)) {
    const sorted = [...times].sort((a, b) => a - b);
    const total = times.reduce((a, b) => a + b, 0);
    console.log(
      `synchronous=${mode.padEnd(6)} ${times.length} commits: ${Math.round((times.length / total) * 1000)} commits/s, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(2)} ms`,
    );
  }
} finally {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}

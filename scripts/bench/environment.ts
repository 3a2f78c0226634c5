// The benchmark's options (environment) and its database file. Imported first by the entry point: the
// app's `db` reads DATABASE_URL at first use, so it must point at the benchmark's file before then.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const INITIATIVES = Number(process.env.BENCH_INITIATIVES ?? 100_000);
export const RUNS = Number(process.env.BENCH_RUNS ?? 30);
export const WARMUP = 3;
/** The benchmark's "today" (Hong Kong); ten financial years end with 2026-27. */
export const TODAY = "2026-11-27";
export const FIRST_DAY = "2017-04-01";

/** A database kept by an earlier run (BENCH_DB), timed instead of building one. */
export const reuse = process.env.BENCH_DB ? path.resolve(process.env.BENCH_DB) : null;
/** The temporary folder of a database built by this run (removed at the end unless BENCH_KEEP). */
export const dir = reuse ? null : mkdtempSync(path.join(os.tmpdir(), "bench-dashboard-"));
export const file = reuse ?? path.join(dir!, "bench.db");

/**
 * The PostgreSQL server to time on instead of SQLite (`-- --db postgres`, or a DATABASE_URL naming one), or
 * null. The benchmark database is built in SQLite either way and then copied there.
 */
const wantsPostgres =
  process.argv
    .slice(2)
    .join(" ")
    .match(/--db[ =]postgres(ql)?\b/) !== null || /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
export const postgresServer = wantsPostgres
  ? process.env.BENCH_POSTGRES_URL ||
    (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : undefined) ||
    process.env.TEST_POSTGRES_URL ||
    "postgresql://postgres@127.0.0.1:5432/postgres"
  : null;
if (postgresServer) process.env.BENCH_POSTGRES_URL = postgresServer;

process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV ??= "production";
process.env.SESSION_SECRET ??= "bench-secret-that-is-long-enough-for-production";

// The benchmark's databases besides the 100k one: empty ones (start-up), and fresh copies of one demo
// database (pages, memory, writes). On SQLite, files in a temporary folder; on PostgreSQL, databases made
// on the benchmark's server (./postgres.ts) and dropped at the end. Everything made here is removed by
// `removeDatabases()`.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseName, sqliteFilePath, withDatabase } from "../../app/utils/database-url.ts";
import { postgresServer } from "./environment.ts";
import { serverEnv } from "./server.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "bench-suite-"));
const made: string[] = [];
let count = 0;

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServer! });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database (no tables): a file name on SQLite, a new database on PostgreSQL. */
export async function emptyDatabase(label: string): Promise<string> {
  const name = `bench_${label}_${process.pid}_${++count}`;
  if (!postgresServer) return `file:${path.join(dir, `${name}.db`)}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = withDatabase(postgresServer, name);
  made.push(url);
  return url;
}

/** Runs a command of the project to its end; rejects with its output's tail when it fails. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-4000));
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(0) : reject(new Error(`${command} ${args.join(" ")}: ${output}`)),
    );
  });
}

/** `npm run db:setup` on a database (migrations, then the demo data on an empty one); seconds taken. */
export async function setUpDatabase(url: string, env: NodeJS.ProcessEnv = serverEnv(url)): Promise<number> {
  const started = performance.now();
  await run("npm", ["run", "db:setup"], env);
  return (performance.now() - started) / 1000;
}

/** A copy of a set-up database, for a section that must start from the same fresh demo data. */
export async function copyDatabase(template: string, label: string): Promise<string> {
  if (!postgresServer) {
    const from = sqliteFilePath(template);
    const db = new Database(from);
    // Everything into the main file, which then carries the whole database (and its WAL mode).
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    const to = path.join(dir, `bench_${label}_${process.pid}_${++count}.db`);
    copyFileSync(from, to);
    return `file:${to}`;
  }
  const name = `bench_${label}_${process.pid}_${++count}`;
  await onServer(`CREATE DATABASE "${name}" TEMPLATE "${databaseName(template)}"`);
  const url = withDatabase(postgresServer, name);
  made.push(url);
  return url;
}

/** Removes every database this module made. */
export async function removeDatabases(): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  for (const url of made.splice(0)) await onServer(`DROP DATABASE IF EXISTS "${databaseName(url)}" WITH (FORCE)`);
}

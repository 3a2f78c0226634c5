// The demo database, kept once built. Building it sends some 750 events through the lifecycle service (half a
// minute and more); the result depends only on the project's sources, its migrations, its locked packages and
// the environment the seed reads, so a copy made after one build can stand in for every later build with the
// same inputs: `npm start` on an empty SQLite database then copies a file instead of building it.
//
// The copy is named after a hash of those inputs, so any change to them (a source file edited, a migration
// added, a package upgraded, another BUSINESS_CASE_THRESHOLD …) misses and builds afresh. SQLite only: a
// PostgreSQL database is always built (it cannot be made from a file, and the named database already exists).
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** Where kept copies go unless DEMO_DATABASE_CACHE says otherwise (`off`: neither keep nor use one). */
export const DEFAULT_DEMO_DATABASE_CACHE = path.join("node_modules", ".cache", "initiative-tracker");

/** What the key reads: every file under these (the app, its migrations and seed), and the lock file. */
const SOURCES = ["app", "prisma", "scripts/db-setup.ts", "scripts/demo-database-copy.ts", "package-lock.json"];
/** Generated from prisma/schema.prisma and the locked Prisma version, both already in the key. */
const SKIPPED = new Set([path.join("app", "generated")]);

/**
 * Variables that say where and how this process runs, not what the seed writes (npm adds the second line's).
 * Every other variable of the environment is part of the key: one the seed never reads costs at worst a
 * build, whereas one left out that it does read would hand out a copy built for another configuration.
 */
const NOT_IN_KEY = new Set([
  ...["DATABASE_URL", "DEMO_DATABASE_CACHE", "PORT", "LOG_LEVEL", "MEMORY_LOG_SECONDS", "PATH", "OLDPWD", "SHLVL", "_"],
  ...["NODE", "INIT_CWD", "COLOR", "EDITOR"],
]);

/** The folder of kept copies, or null when keeping is off. */
export function demoCacheFolder(env: NodeJS.ProcessEnv = process.env): string | null {
  const setting = env.DEMO_DATABASE_CACHE?.trim();
  if (setting === "off") return null;
  return path.resolve(setting || DEFAULT_DEMO_DATABASE_CACHE);
}

/** Adds every file under `relative` (a folder or a file) to the hash, each with its path, in a fixed order. */
function addFiles(hash: ReturnType<typeof createHash>, root: string, relative: string): void {
  const full = path.join(root, relative);
  if (SKIPPED.has(relative) || !existsSync(full)) return;
  if (!statSync(full).isDirectory()) {
    hash.update(`${relative}\0`).update(readFileSync(full)).update("\0");
    return;
  }
  for (const name of readdirSync(full).sort()) addFiles(hash, root, path.join(relative, name));
}

/** The key of the demo database this project and environment would build (hex, 24 characters). */
export function demoDatabaseKey(env: Record<string, string | undefined> = process.env, root = process.cwd()): string {
  const hash = createHash("sha256");
  for (const source of SOURCES) addFiles(hash, root, source);
  const variables = Object.keys(env)
    .filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name) && !NOT_IN_KEY.has(name))
    .sort()
    .map((name) => `${name}=${env[name]}`);
  hash.update(variables.join("\0"));
  return hash.digest("hex").slice(0, 24);
}

function keptFile(folder: string, key: string): string {
  return path.join(folder, `demo-${key}.db`);
}

/** Removes a SQLite file with its WAL and shared-memory files. */
export function removeSqliteFile(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
}

/** Whether a process of this machine with that id is running. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes what builds and copies of `target` left when their process was stopped (`<target>.building-<pid>`). */
export function removeStoppedBuilds(target: string): void {
  const folder = path.dirname(target);
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    const match = /\.(?:building|copying)-(\d+)(?:-wal|-shm|-journal)?$/.exec(name);
    if (!match || !name.startsWith(`${path.basename(target)}.`)) continue;
    if (!running(Number(match[1]))) rmSync(path.join(folder, name), { force: true });
  }
}

/**
 * Moves a finished database file into place under `target`'s name, all in its main file (WAL checkpointed,
 * written through to disk), and only if `target` does not exist yet: a database appears whole or not at all,
 * and one that another process made meanwhile is not replaced.
 */
export function putInPlace(built: string, target: string): void {
  const sqlite = new Database(built);
  try {
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    sqlite.close();
  }
  try {
    linkSync(built, target);
  } finally {
    removeSqliteFile(built);
  }
}

/**
 * Copies the kept demo database for `key` to `target` (which must not exist); false when none is kept.
 */
export function restoreDemoDatabase(folder: string, key: string, target: string): boolean {
  const kept = keptFile(folder, key);
  if (!existsSync(kept)) return false;
  const copy = `${target}.copying-${process.pid}`;
  copyFileSync(kept, copy);
  putInPlace(copy, target);
  return true;
}

/** Keeps a copy of a freshly built demo database under `key`, replacing older copies. */
export function keepDemoDatabase(folder: string, key: string, built: string): void {
  mkdirSync(folder, { recursive: true });
  for (const name of readdirSync(folder)) {
    if (/^demo-[0-9a-f]+\.db$/.test(name)) rmSync(path.join(folder, name), { force: true });
  }
  const copy = `${keptFile(folder, key)}.copying-${process.pid}`;
  copyFileSync(built, copy);
  renameSync(copy, keptFile(folder, key));
}

/**
 * Readiness, for a load balancer deciding whether to send this instance traffic (`/readyz`), as opposed
 * to liveness (`/healthz`: the process answers and the database can be read). Ready means: the
 * database answers, every migration in `prisma/migrations` is applied, and the write path works — a
 * small write probe commits (run periodically and at most every few seconds on demand), and SQLite
 * still has room to grow. A full disk or a read-only file lets reads go on but makes this instance
 * unready until the fault clears; nothing needs a restart.
 *
 * The checks are plain functions, the same on both databases except where the engines differ: the
 * migrations are compared with the engine's own folder (`prisma/migrations` or
 * `prisma/postgresql/migrations`), and the page-count headroom check is SQLite's alone (PostgreSQL
 * reports a full disk on the write itself, SQLSTATE 53100, which the probe then shows).
 */
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { db, dbProvider } from "./db.server.ts";
import { classifyDbError, onDbFault } from "./db/db-errors.server.ts";

export type CheckResult = { ok: boolean; detail?: string };
export type Readiness = { ready: boolean; checks: Record<string, CheckResult> };

/** How often the write probe runs on its own, and how stale its last result may be. */
export const PROBE_INTERVAL_MS = 10_000;
const INSTANCE_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

let lastProbe: { at: number; result: CheckResult } | null = null;
let probing: Promise<CheckResult> | null = null;
let timer: NodeJS.Timeout | null = null;

// A request that met a database fault makes the next readiness check probe again at once.
onDbFault(() => {
  lastProbe = null;
});

function describe(error: unknown): string {
  const kind = classifyDbError(error);
  // Readiness output is for operators, but keep it to the fault's name: no paths or SQL.
  return kind ? `database ${kind}` : "database error";
}

async function databaseAnswers(): Promise<CheckResult> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: describe(error) };
  }
}

function migrationFolders(): string[] {
  const dir =
    dbProvider() === "postgresql"
      ? path.resolve("prisma", "postgresql", "migrations")
      : path.resolve("prisma", "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

async function migrationsApplied(): Promise<CheckResult> {
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((row) => row.migration_name));
    const missing = migrationFolders().filter((name) => !applied.has(name));
    return missing.length === 0 ? { ok: true } : { ok: false, detail: `${missing.length} migration(s) not applied` };
  } catch (error) {
    return { ok: false, detail: describe(error) };
  }
}

/** SQLite only: a database at its size limit can no longer take writes that need a new page. */
async function roomToGrow(): Promise<CheckResult> {
  if (dbProvider() !== "sqlite") return { ok: true };
  const [pages] = await db.$queryRawUnsafe<{ page_count: bigint | number }[]>("PRAGMA page_count");
  const [max] = await db.$queryRawUnsafe<{ max_page_count: bigint | number }[]>("PRAGMA max_page_count");
  const free = Number(max!.max_page_count) - Number(pages!.page_count);
  return free > 0 ? { ok: true } : { ok: false, detail: "database full" };
}

/** Commits a small write (one row per instance), as every request's write would. */
async function writeProbe(): Promise<CheckResult> {
  try {
    const now = new Date();
    await db.$transaction(async (tx) => {
      await tx.readinessProbe.upsert({
        where: { id: INSTANCE_ID },
        create: { id: INSTANCE_ID, checkedAt: now },
        update: { checkedAt: now },
      });
      // Instances come and go (restarts): forget probes not refreshed for a day.
      await tx.readinessProbe.deleteMany({ where: { checkedAt: { lt: new Date(now.getTime() - 86_400_000) } } });
    });
    return await roomToGrow();
  } catch (error) {
    return { ok: false, detail: describe(error) };
  }
}

/** Runs the write probe now (one at a time) and remembers the result. */
export function runWriteProbe(): Promise<CheckResult> {
  probing ??= writeProbe()
    .then((result) => {
      lastProbe = { at: Date.now(), result };
      return result;
    })
    .finally(() => {
      probing = null;
    });
  return probing;
}

/** Starts the periodic probe (idempotent); the timer never keeps the process alive. */
export function startWriteProbe(intervalMs = PROBE_INTERVAL_MS): void {
  if (timer) return;
  timer = setInterval(() => void runWriteProbe(), intervalMs);
  timer.unref();
}

/** Stops the periodic probe (for tests and shutdown). */
export function stopWriteProbe(): void {
  if (timer) clearInterval(timer);
  timer = null;
  lastProbe = null;
}

/** The readiness verdict; a successful write probe is reused when fresher than `maxAgeMs`. */
export async function checkReadiness(maxAgeMs = 2_000): Promise<Readiness> {
  startWriteProbe();
  // A failed probe is always repeated: recovery should show at once, and failing is quick.
  const fresh = lastProbe?.result.ok && Date.now() - lastProbe.at <= maxAgeMs ? lastProbe.result : null;
  const [database, migrations, writes] = await Promise.all([
    databaseAnswers(),
    migrationsApplied(),
    fresh ?? runWriteProbe(),
  ]);
  const checks = { database, migrations, writes };
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}

/**
 * Crashes under write load: writers post comments and create initiatives (each creation with an
 * Idempotency-Key) through a real server, which is killed with SIGKILL again and again and restarted at
 * once. Every write the server acknowledged is recorded; a creation whose connection was cut (no answer)
 * is retried with its key and body until it is answered. Afterwards: every acknowledged write is in the
 * database, every key made exactly one initiative, the audit chain verifies, SQLite's integrity check
 * passes, and the app's connections run with `synchronous=FULL`. Used by `npm run crash-test` (50 kills)
 * and, with 3 kills, by tests/reliability/crash.test.ts.
 */
import Database from "better-sqlite3";
import { verifyAuditChain } from "../../app/audit/audit.server.ts";
import { db } from "../../app/utils/db.server.ts";
import { DEMO_PASSWORD } from "../../prisma/seed/index.ts";
import { api, apiToken, createDraft } from "./http.ts";
import { killServer, startServer, stopServer, type ServerProcess } from "./server-process.ts";

export type CrashTrialOptions = {
  /** The server's SQLite file (the trial starts and kills the server itself). */
  file: string;
  port: number;
  /** Extra environment for the server (SESSION_SECRET, …); DATABASE_URL and PORT are set here. */
  env?: Record<string, string | undefined>;
  kills: number;
  writers: number;
  /** How long the server runs under load between two kills: a random time in this range (ms). */
  upMs: [number, number];
  /** Progress, one line per kill. */
  log?: (line: string) => void;
};

export type CrashTrialResult = {
  kills: number;
  seconds: number;
  acknowledged: { comments: number; creations: number };
  /** Requests that got no answer because the server died under them. */
  cut: number;
  /** Requests refused while the server was restarting (sent again, or not, like any refused request). */
  refused: number;
  /** Cut creations retried with their Idempotency-Key: replayed (the cut one had committed) or created. */
  cutCreations: { retried: number; replayed: number; createdOnRetry: number };
  lost: { comments: string[]; creations: string[] };
  /** Idempotency keys that made other than exactly one initiative. */
  duplicateKeys: string[];
  otherStatuses: Record<string, number>;
  auditChain: { ok: boolean; entries?: number; detail?: string };
  integrity: string;
  synchronous: number;
};

const TITLE = "Crash trial";

/** Whether a failed request was refused (no server was listening) rather than cut in flight. */
function refused(error: unknown): boolean {
  return (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runCrashTrial(options: CrashTrialOptions): Promise<CrashTrialResult> {
  const env = { ...options.env, DATABASE_URL: `file:${options.file}` };
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  let server: ServerProcess = await startServer(options.port, env);
  const base = server.url;
  const token = await apiToken(base, "officer.itb@demo.gov.hk", DEMO_PASSWORD);
  const targets = await Promise.all([1, 2, 3].map((i) => createDraft(base, token, `${TITLE} target ${i}`)));

  const comments = new Map<string, string>(); // id → body
  const creations = new Map<string, string>(); // key → ref
  const keysUsed = new Set<string>();
  const otherStatuses: Record<string, number> = {};
  const cutCreations = { retried: 0, replayed: 0, createdOnRetry: 0 };
  let cut = 0;
  let refusedCount = 0;
  let stopping = false;

  /** One creation with its key, sent again after every cut connection until the server answers it. */
  async function createOnce(key: string): Promise<void> {
    keysUsed.add(key);
    const json = { titleEn: `${TITLE} ${key}` };
    let wasCut = false;
    for (;;) {
      try {
        const res = await api(base, "POST", "/api/v1/initiatives", {
          token,
          json,
          headers: { "Idempotency-Key": key },
        });
        if (res.status === 201) {
          creations.set(key, res.body.ref as string);
          if (wasCut) {
            cutCreations.retried++;
            if (res.replayed) cutCreations.replayed++;
            else cutCreations.createdOnRetry++;
          }
          return;
        }
        // Anything else (a 503 while the database recovers) wrote nothing: send it again.
        otherStatuses[res.status] = (otherStatuses[res.status] ?? 0) + 1;
      } catch (error) {
        if (refused(error)) refusedCount++;
        else {
          cut++;
          wasCut = true;
        }
      }
      await sleep(50);
    }
  }

  async function comment(ref: string, body: string): Promise<void> {
    try {
      const res = await api(base, "POST", `/api/v1/initiatives/${ref}/comments`, { token, json: { body } });
      if (res.status === 201) comments.set(res.body.id as string, body);
      else otherStatuses[res.status] = (otherStatuses[res.status] ?? 0) + 1;
    } catch (error) {
      if (refused(error)) refusedCount++;
      else cut++;
      await sleep(50);
    }
  }

  const writers = Array.from({ length: options.writers }, async (_, w) => {
    for (let n = 0; !stopping; n++) {
      if (n % 3 === 2) await createOnce(`w${w}-${n}`);
      else await comment(targets[n % targets.length]!, `${TITLE} w${w} #${n}`);
    }
  });

  for (let k = 1; k <= options.kills; k++) {
    const [lo, hi] = options.upMs;
    await sleep(lo + Math.random() * (hi - lo));
    await killServer(server);
    server = await startServer(options.port, env);
    log(`kill ${k}/${options.kills}: ${comments.size} comments and ${creations.size} creations acknowledged`);
  }
  stopping = true;
  await Promise.all(writers);
  await stopServer(server);

  // What is really in the file, read by another connection after the server has gone.
  const database = new Database(options.file, { readonly: true, fileMustExist: true });
  const lost = { comments: [] as string[], creations: [] as string[] };
  const duplicateKeys: string[] = [];
  let integrity: string;
  try {
    const commentBody = database.prepare(`SELECT "body" FROM "Comment" WHERE "id" = ?`);
    for (const [id, body] of comments) {
      if ((commentBody.get(id) as { body: string } | undefined)?.body !== body) lost.comments.push(id);
    }
    const initiative = database.prepare(`SELECT COUNT(*) AS n FROM "Initiative" WHERE "ref" = ?`);
    for (const [key, ref] of creations) {
      if (Number((initiative.get(ref) as { n: number }).n) !== 1) lost.creations.push(`${key} → ${ref}`);
    }
    const byTitle = database.prepare(`SELECT COUNT(*) AS n FROM "Initiative" WHERE "titleEn" = ?`);
    for (const key of keysUsed) {
      if (Number((byTitle.get(`${TITLE} ${key}`) as { n: number }).n) !== 1) duplicateKeys.push(key);
    }
    integrity = (database.pragma("integrity_check", { simple: true }) as string) ?? "";
  } finally {
    database.close();
  }

  // The chain, and the durability setting, as the app's own database client sees them.
  const chain = await verifyAuditChain(db);
  const [{ synchronous }] = await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
  return {
    kills: options.kills,
    seconds: (performance.now() - started) / 1000,
    acknowledged: { comments: comments.size, creations: creations.size },
    cut,
    refused: refusedCount,
    cutCreations,
    lost,
    duplicateKeys,
    otherStatuses,
    auditChain: chain.ok
      ? { ok: true, entries: chain.entries }
      : { ok: false, detail: JSON.stringify(chain).slice(0, 300) },
    integrity,
    synchronous: Number(synchronous),
  };
}

/** The trial's numbers, one line each. */
export function formatCrashTrial(r: CrashTrialResult): string[] {
  return [
    `${r.kills} kill -9s under write load in ${r.seconds.toFixed(0)} s.`,
    `Acknowledged writes: ${r.acknowledged.comments} comments, ${r.acknowledged.creations} creations (with Idempotency-Key).`,
    `Lost after all restarts: ${r.lost.comments.length} comments, ${r.lost.creations.length} creations.`,
    `Requests cut by a crash (no answer): ${r.cut}; refused while restarting: ${r.refused}.`,
    `Cut creations retried with their key: ${r.cutCreations.retried} (${r.cutCreations.replayed} had committed and were replayed, ${r.cutCreations.createdOnRetry} created on the retry).`,
    `Idempotency keys with other than exactly one initiative: ${r.duplicateKeys.length}.`,
    `Other answers: ${
      Object.entries(r.otherStatuses)
        .map(([s, n]) => `${n}× ${s}`)
        .join(", ") || "none"
    }.`,
    `Audit chain: ${r.auditChain.ok ? `intact (${r.auditChain.entries} entries)` : `BROKEN ${r.auditChain.detail}`}.`,
    `SQLite integrity check: ${r.integrity}. PRAGMA synchronous on the app's connection: ${r.synchronous} (${r.synchronous === 2 ? "FULL" : "not FULL"}).`,
  ];
}

/** True when nothing acknowledged was lost and everything checked is intact. */
export function crashTrialHolds(r: CrashTrialResult): boolean {
  return (
    r.lost.comments.length === 0 &&
    r.lost.creations.length === 0 &&
    r.duplicateKeys.length === 0 &&
    r.auditChain.ok &&
    r.integrity === "ok" &&
    r.synchronous === 2 &&
    r.acknowledged.comments > 0
  );
}

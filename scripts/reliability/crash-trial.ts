/**
 * Crashes under write load: writers post comments (two in three with an Idempotency-Key) and create
 * initiatives (each with one) through a real server, which is killed with SIGKILL again and again and
 * restarted at once. Every write the server acknowledged is recorded; a keyed request whose connection
 * was cut (no answer) is retried with its key and body until it is answered. Afterwards: every
 * acknowledged write is in the database, every key made exactly one initiative or comment, the audit
 * chain verifies, SQLite's integrity check passes, and the app's connections run with
 * `synchronous=FULL`. Used by `npm run crash-test` (50 kills) and, with 3 kills, by
 * tests/reliability/crash.test.ts.
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
  /** The same for comments sent with a key. */
  cutComments: { retried: number; replayed: number; createdOnRetry: number };
  lost: { comments: string[]; creations: string[] };
  /** Idempotency keys that made other than exactly one initiative or comment. */
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
  const cutComments = { retried: 0, replayed: 0, createdOnRetry: 0 };
  let cut = 0;
  let refusedCount = 0;
  let stopping = false;

  /**
   * One creation or comment with its key, sent again after every cut connection until the server answers
   * it: a creation's title and a keyed comment's text name the key, so that the file shows how often each
   * was done.
   */
  async function sendOnce(kind: "creation" | "comment", key: string, ref: string): Promise<void> {
    keysUsed.add(`${kind} ${key}`);
    const path = kind === "creation" ? "/api/v1/initiatives" : `/api/v1/initiatives/${ref}/comments`;
    const json = kind === "creation" ? { titleEn: `${TITLE} ${key}` } : { body: `${TITLE} keyed ${key}` };
    let wasCut = false;
    for (;;) {
      try {
        const res = await api(base, "POST", path, { token, json, headers: { "Idempotency-Key": key } });
        if (res.status === 201) {
          if (kind === "creation") creations.set(key, res.body.ref as string);
          else comments.set(res.body.id as string, json.body!);
          if (wasCut) {
            const tally = kind === "creation" ? cutCreations : cutComments;
            tally.retried++;
            if (res.replayed) tally.replayed++;
            else tally.createdOnRetry++;
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
      const ref = targets[n % targets.length]!;
      if (n % 3 === 0) await comment(ref, `${TITLE} w${w} #${n}`);
      else await sendOnce(n % 3 === 1 ? "comment" : "creation", `w${w}-${n}`, ref);
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
    const byText = database.prepare(`SELECT COUNT(*) AS n FROM "Comment" WHERE "body" = ?`);
    for (const used of keysUsed) {
      const [kind, key] = used.split(" ");
      const count = kind === "creation" ? byTitle.get(`${TITLE} ${key}`) : byText.get(`${TITLE} keyed ${key}`);
      if (Number((count as { n: number }).n) !== 1) duplicateKeys.push(used);
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
    cutComments,
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
    `Acknowledged writes: ${r.acknowledged.comments} comments (two in three with an Idempotency-Key), ${r.acknowledged.creations} creations (each with one).`,
    `Lost after all restarts: ${r.lost.comments.length} comments, ${r.lost.creations.length} creations.`,
    `Requests cut by a crash (no answer): ${r.cut}; refused while restarting: ${r.refused}.`,
    `Cut creations retried with their key: ${r.cutCreations.retried} (${r.cutCreations.replayed} had committed and were replayed, ${r.cutCreations.createdOnRetry} created on the retry).`,
    `Cut keyed comments retried with their key: ${r.cutComments.retried} (${r.cutComments.replayed} replayed, ${r.cutComments.createdOnRetry} added on the retry).`,
    `Idempotency keys with other than exactly one initiative or comment: ${r.duplicateKeys.length}.`,
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

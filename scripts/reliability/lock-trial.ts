/**
 * A write lock held by another process: while a separate process keeps SQLite's write lock (BEGIN
 * IMMEDIATE), writers post comments through the real server and a reader reads. Each write must wait up
 * to the busy timeout and then answer 503 with Retry-After (or succeed, if the lock went meanwhile), never
 * another 5xx; reads go on; once the lock is released every write succeeds; and exactly the writes that
 * were acknowledged are in the file. Used by `npm run lock-test` (the 15-second lock) and, shorter, by
 * tests/reliability/other-process-lock.test.ts.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import Database from "better-sqlite3";
import { api, quantile, type Answer } from "./http.ts";

export type LockTrialOptions = {
  /** The server's address, e.g. http://127.0.0.1:4150. */
  base: string;
  /** The server's SQLite file. */
  file: string;
  /** An officer's API token, and a draft of theirs to comment on. */
  token: string;
  ref: string;
  /** How long the other process holds the lock. */
  holdMs: number;
  /** Concurrent writers while the lock is held. */
  writers: number;
};

export type Timed = Answer & { startedAt: number; endedAt: number };

export type LockTrialResult = {
  heldMs: number;
  /** Writes sent while the lock was held (answered whenever). */
  during: Timed[];
  /** Reads sent while the lock was held. */
  reads: Timed[];
  /** Writes sent after the lock was released. */
  after: Timed[];
  /** Requests that got no answer at all (a dropped connection). */
  dropped: string[];
  /** Comments of this trial found in the file, and the number of 201 answers. */
  committed: number;
  acknowledged: number;
};

const MARK = "lock-trial";

async function timed(run: () => Promise<Answer>, dropped: string[]): Promise<Timed | null> {
  const startedAt = Date.now();
  try {
    return { ...(await run()), startedAt, endedAt: Date.now() };
  } catch (error) {
    dropped.push(String(error));
    return null;
  }
}

/** Starts the lock holder; resolves with its exit once it has taken the lock. */
async function holdLock(file: string, holdMs: number): Promise<{ taken: number; released: Promise<number> }> {
  const child = spawn(process.execPath, ["scripts/reliability/lock-holder.mjs", file, String(holdMs)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  let releasedAt = 0;
  const taken = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the lock holder exited with ${code} before locking`)));
    lines.on("line", (line) => {
      const [word, at] = line.split(" ");
      if (word === "locked") resolve(Number(at));
      if (word === "released") releasedAt = Number(at);
    });
  });
  const released = new Promise<number>((resolve) => child.once("exit", () => resolve(releasedAt || Date.now())));
  return { taken, released };
}

export async function runLockTrial(options: LockTrialOptions): Promise<LockTrialResult> {
  const { base, file, token, ref } = options;
  const dropped: string[] = [];
  let n = 0;
  const comment = () =>
    api(base, "POST", `/api/v1/initiatives/${ref}/comments`, { token, json: { body: `${MARK} ${++n}` } });
  const read = () => api(base, "GET", `/api/v1/initiatives/${ref}`, { token });

  const { taken, released } = await holdLock(file, options.holdMs);
  let locked = true;
  const releasedAt = released.then((at) => {
    locked = false;
    return at;
  });
  const during: Timed[] = [];
  const reads: Timed[] = [];
  const writers = Array.from({ length: options.writers }, async () => {
    while (locked) {
      const answer = await timed(comment, dropped);
      if (answer) during.push(answer);
    }
  });
  const reader = (async () => {
    while (locked) {
      const answer = await timed(read, dropped);
      if (answer) reads.push(answer);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const end = await releasedAt;
  await Promise.all([...writers, reader]);

  const after: Timed[] = [];
  for (const answer of await Promise.all(Array.from({ length: options.writers }, () => timed(comment, dropped)))) {
    if (answer) after.push(answer);
  }

  const database = new Database(file, { readonly: true, fileMustExist: true });
  let committed: number;
  try {
    committed = Number(
      (database.prepare(`SELECT COUNT(*) AS n FROM "Comment" WHERE "body" LIKE ?`).get(`${MARK} %`) as { n: number }).n,
    );
  } finally {
    database.close();
  }
  const acknowledged = [...during, ...after].filter((a) => a.status === 201).length;
  return { heldMs: end - taken, during, reads, after, dropped, committed, acknowledged };
}

function statusCounts(answers: Answer[]): string {
  const counts = new Map<number, number>();
  for (const a of answers) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${count}× ${status}`)
    .join(", ");
}

function times(answers: Answer[]): string {
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  if (ms.length === 0) return "none";
  const f = (x: number) => `${(x / 1000).toFixed(2)} s`;
  return `min ${f(ms[0]!)}, median ${f(quantile(ms, 0.5))}, max ${f(ms.at(-1)!)}`;
}

/** The trial's numbers, one line each. */
export function formatLockTrial(result: LockTrialResult, busyTimeoutMs: number): string[] {
  const busy = result.during.filter((a) => a.status === 503);
  return [
    `Lock held by another process for ${(result.heldMs / 1000).toFixed(1)} s; busy timeout ${(busyTimeoutMs / 1000).toFixed(1)} s.`,
    `Writes sent while locked: ${result.during.length} (${statusCounts(result.during)}).`,
    `  503: ${busy.length}, with Retry-After: ${busy.filter((a) => a.retryAfter).length}; time to answer: ${times(busy)}.`,
    `  5xx other than 503: ${result.during.filter((a) => a.status >= 500 && a.status !== 503).length}.`,
    `Reads while locked: ${result.reads.length} (${statusCounts(result.reads)}); time to answer: ${times(result.reads)}.`,
    `Writes after release: ${result.after.length} (${statusCounts(result.after)}).`,
    `Requests with no answer: ${result.dropped.length}.`,
    `Comments in the file: ${result.committed}; acknowledged (201): ${result.acknowledged}.`,
  ];
}

/**
 * A write refused as busy waited for the lock first: (nearly) the busy timeout, as the last pause between
 * attempts is skipped when it would end past the deadline.
 */
export function waitedForLock(answer: Answer, busyTimeoutMs: number): boolean {
  return answer.ms >= busyTimeoutMs * 0.9;
}

/** True when the trial shows what is promised (see the header). */
export function lockTrialHolds(result: LockTrialResult, busyTimeoutMs: number): boolean {
  const all = [...result.during, ...result.after, ...result.reads];
  return (
    result.dropped.length === 0 &&
    all.every((a) => a.status < 500 || (a.status === 503 && Boolean(a.retryAfter))) &&
    result.during.filter((a) => a.status === 503).every((a) => waitedForLock(a, busyTimeoutMs)) &&
    result.during.some((a) => a.status === 503) &&
    result.reads.every((a) => a.status === 200) &&
    result.after.every((a) => a.status === 201) &&
    result.committed === result.acknowledged
  );
}

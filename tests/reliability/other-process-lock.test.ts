// A write lock held by another process (a child process with BEGIN IMMEDIATE on the same file) while
// writes go through a real server: each write waits up to the busy timeout and then answers 503 with
// Retry-After, none answers 500, reads go on, and once the lock is released writes succeed; exactly the
// acknowledged writes are in the file. Shortened here (a 3.5 s lock, a 1 s busy timeout); `npm run
// lock-test` holds it 15 s against the default 5 s.
import { afterAll, beforeAll, expect, it } from "vitest";
import { sqliteFilePath } from "~/utils/database-url.ts";
import { DEMO_PASSWORD } from "../../prisma/seed/index.ts";
import { apiToken, createDraft } from "../../scripts/reliability/http.ts";
import { formatLockTrial, runLockTrial, waitedForLock } from "../../scripts/reliability/lock-trial.ts";
import { buildApp, startInstance, stopInstance, type Instance } from "../helpers/instances.ts";
import { demoAccounts } from "./fixtures.ts";

const BUSY_TIMEOUT_MS = 1000;
let instance: Instance;

beforeAll(async () => {
  await demoAccounts();
  await buildApp();
  instance = await startInstance({ DATABASE_BUSY_TIMEOUT_MS: String(BUSY_TIMEOUT_MS) });
});

afterAll(async () => {
  if (instance) await stopInstance(instance);
});

it("writes wait for the busy timeout, then 503 with Retry-After; never 500; writes succeed after release", async () => {
  const token = await apiToken(instance.url, "officer.itb@demo.gov.hk", DEMO_PASSWORD);
  const ref = await createDraft(instance.url, token, "Written while another process holds the lock");
  const file = sqliteFilePath(process.env.DATABASE_URL!);
  const result = await runLockTrial({ base: instance.url, file, token, ref, holdMs: 3500, writers: 3 });
  const report = formatLockTrial(result, BUSY_TIMEOUT_MS).join("\n");

  expect(result.dropped, report).toEqual([]);
  const busy = result.during.filter((a) => a.status === 503);
  expect(busy.length, report).toBeGreaterThan(0);
  for (const answer of busy) {
    expect(answer.retryAfter, report).toMatch(/^[1-9]\d*$/);
    expect(answer.body.error.code).toBe("SERVICE_UNAVAILABLE");
    expect(waitedForLock(answer, BUSY_TIMEOUT_MS), report).toBe(true);
  }
  // While locked a write either waited and got the lock (201) or was refused as busy: nothing else.
  expect(
    result.during.filter((a) => a.status !== 201 && a.status !== 503),
    report,
  ).toEqual([]);
  expect(
    result.reads.map((a) => a.status).filter((s) => s !== 200),
    report,
  ).toEqual([]);
  expect(
    result.after.map((a) => a.status),
    report,
  ).toEqual([201, 201, 201]);
  // Every 201 is in the file and no 503 wrote anything.
  expect(result.committed, report).toBe(result.acknowledged);
});

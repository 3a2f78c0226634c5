// `kill -9` of a real server under write load, three times (`npm run crash-test` does it 50 times): no
// acknowledged write is lost, a creation or comment cut by a crash and retried with its Idempotency-Key
// exists once, the audit chain verifies, SQLite's integrity check passes, and the app's connections use
// synchronous=FULL.
import { beforeAll, expect, it } from "vitest";
import { sqliteFilePath } from "~/utils/database-url.ts";
import { formatCrashTrial, runCrashTrial } from "../../scripts/reliability/crash-trial.ts";
import { freePort } from "../../scripts/reliability/server-process.ts";
import { buildApp } from "../helpers/instances.ts";
import { demoAccounts } from "./fixtures.ts";

beforeAll(async () => {
  await demoAccounts();
  await buildApp();
});

it("three kill -9s under write load lose no acknowledged write and leave the audit chain intact", async () => {
  const result = await runCrashTrial({
    file: sqliteFilePath(process.env.DATABASE_URL!),
    port: await freePort(),
    env: { SESSION_SECRET: process.env.SESSION_SECRET },
    kills: 3,
    writers: 4,
    upMs: [400, 1200],
  });
  const report = formatCrashTrial(result).join("\n");
  expect(result.acknowledged.comments, report).toBeGreaterThan(0);
  expect(result.acknowledged.creations, report).toBeGreaterThan(0);
  expect(result.lost, report).toEqual({ comments: [], creations: [] });
  expect(result.duplicateKeys, report).toEqual([]);
  expect(result.auditChain, report).toMatchObject({ ok: true });
  expect(result.integrity, report).toBe("ok");
  expect(result.synchronous, report).toBe(2);
});

// Concurrent wrong passwords for one account cannot outrun the throttle: the attempt is counted and
// recorded in one step before the password is checked, so at most 10 of 40 racing guesses are checked.
import { beforeAll, expect, it } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT } from "~/auth/throttle.server.ts";
import { db } from "~/utils/db.server.ts";
import { demoAccounts } from "../reliability/fixtures.ts";
import { call } from "../api/client.ts";

const EMAIL = "reviewer.dg@demo.gov.hk";

beforeAll(async () => {
  await demoAccounts();
});

it("40 concurrent wrong passwords for one account: at most 10 are checked, the rest get 429", async () => {
  const answers = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      call("POST", "/api/v1/tokens", { json: { email: EMAIL, password: `wrong-guess-${i}` } }),
    ),
  );
  const statuses = answers.map((a) => a.status);
  const checked = statuses.filter((s) => s === 401).length;
  expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
  expect(checked + statuses.filter((s) => s === 429).length).toBe(40);
  for (const a of answers.filter((x) => x.status === 429))
    expect(Number(a.headers.get("Retry-After"))).toBeGreaterThan(0);
  expect(await db.loginAttempt.count({ where: { email: EMAIL } })).toBe(checked);

  // The right password is refused too while the account is throttled.
  const right = await call("POST", "/api/v1/tokens", { json: { email: EMAIL, password: "hk-digital-2026" } });
  expect(right.status).toBe(429);
});

it("a right password forgives the attempt it took", async () => {
  const email = "leader@demo.gov.hk";
  const ok = await call("POST", "/api/v1/tokens", { json: { email, password: "hk-digital-2026" } });
  expect(ok.status).toBe(201);
  expect(await db.loginAttempt.count({ where: { email } })).toBe(0);
});

it("a huge e-mail is cut to the longest possible address before it is stored", async () => {
  const res = await call("POST", "/api/v1/tokens", { json: { email: "x".repeat(100_000), password: "nope" } });
  expect(res.status).toBe(401);
  const rows = await db.loginAttempt.findMany({ where: { email: { startsWith: "xxx" } }, select: { email: true } });
  expect(rows.map((r) => r.email.length)).toEqual([254]);
});

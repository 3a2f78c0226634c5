// Generated bad requests against a real server (`node server.mjs` on the built app): every family of bad
// input — oversized bodies (declared and chunked), lone surrogates, invalid UTF-8, non-form bodies to page
// actions, absurd paging, unknown methods, malformed Host, oversized headers and cookies, malformed JSON —
// gets a 4xx (or a harmless 2xx/3xx for a page that ignores the oddity), never a 5xx or a dropped
// connection, and no table changes. `npm run bad-requests` runs the same generator 10,000 times.
import { afterAll, beforeAll, expect, it } from "vitest";
import { sqliteFilePath } from "~/utils/database-url.ts";
import { FAMILIES, generateBadRequests } from "../../scripts/bad-requests/cases.ts";
import { changedTables, dumpTables, memoryOf, signInOfficer } from "../../scripts/bad-requests/harness.ts";
import { failures, formatTally, sendAll } from "../../scripts/bad-requests/send.ts";
import { buildApp, startInstance, stopInstance, type Instance } from "../helpers/instances.ts";
import { demoAccounts } from "../reliability/fixtures.ts";

const PER_FAMILY = 60;
let instance: Instance;

beforeAll(async () => {
  await demoAccounts();
  await buildApp();
  instance = await startInstance();
});

afterAll(async () => {
  if (instance) await stopInstance(instance);
});

it("answers every generated bad request with a 4xx, changes no row, and stays within its memory", async () => {
  const base = new URL(instance.url);
  const credentials = await signInOfficer(base);
  const file = sqliteFilePath(process.env.DATABASE_URL!);
  const before = dumpTables(file);
  const count = PER_FAMILY * Object.keys(FAMILIES).length;
  // A request without an answer says why (a reset, a timeout) and what it was, in the failure's message.
  const unanswered: string[] = [];
  const { tally } = await sendAll(base, generateBadRequests(count, credentials, 7), 8, (request, outcome) => {
    if (outcome.status === 0) {
      const how = request.chunked ? "chunked" : `${request.body?.length ?? 0} bytes declared`;
      unanswered.push(`${request.family}: ${request.method} ${request.path} (${how}): ${outcome.error}`);
    }
  });

  const summary = [formatTally(tally), ...unanswered].join("\n");
  expect(failures(tally), summary).toBe(0);
  expect(changedTables(before, dumpTables(file))).toEqual([]);
  for (const family of Object.keys(FAMILIES)) {
    const statuses = tally.get(family)!;
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(PER_FAMILY);
  }
  // The refusals this suite is about, by name: 413 for bodies, 415 for non-forms, 405, 400 for Host.
  expect(tally.get("oversized JSON")!.get(413)).toBe(PER_FAMILY);
  expect(tally.get("oversized sign-in form")!.get(413)).toBe(PER_FAMILY);
  expect(tally.get("malformed Host")!.get(400)).toBe(PER_FAMILY);
  expect(tally.get("lone surrogate in JSON")!.get(400)).toBe(PER_FAMILY);
  expect(tally.get("invalid UTF-8")!.get(400)).toBe(PER_FAMILY);
  // Bounded: no request body is held beyond its limit (1 MB), whatever was sent.
  expect(memoryOf(instance.process.pid!).peakMb).toBeLessThan(600);
});

it("says what was wrong, in the reader's language, without reading a huge body", async () => {
  const big = await fetch(`${instance.url}/api/v1/initiatives`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: `{"pad":"${"x".repeat(1024 * 1024)}"}`,
  });
  expect(big.status).toBe(413);
  expect(await big.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE", messageKey: "errors.tooLarge.body" } });

  for (const [language, title] of [
    ["en", "What you sent is too large"],
    ["zh-Hant", "你提交的內容太大"],
  ]) {
    const page = await fetch(`${instance.url}/login`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: instance.url,
        "Accept-Language": language!,
      },
      body: `email=${"x".repeat(20 * 1024)}&password=x`,
    });
    expect(page.status).toBe(413);
    const html = await page.text();
    expect(html).toContain(title);
    // Nothing of the oversized value comes back.
    expect(html).not.toContain("x".repeat(300));
  }
});

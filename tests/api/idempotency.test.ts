// Idempotency-Key on POST /api/v1/initiatives: a retry with the same key and body answers as the first
// request did and creates nothing; the same key with another body is a 422; racing retries create one.
import { beforeAll, expect, it } from "vitest";
import { KEY_TTL_MS } from "~/api/idempotency.server.ts";
import { db } from "~/utils/db.server.ts";
import { demoAccounts } from "../reliability/fixtures.ts";
import { call, tokenFor } from "./client.ts";

let token: string;
const count = () => db.initiative.count();

beforeAll(async () => {
  await demoAccounts();
  token = await tokenFor("officer.itb@demo.gov.hk");
});

const create = (key: string | undefined, json: unknown) =>
  call("POST", "/api/v1/initiatives", { token, json, headers: key === undefined ? {} : { "Idempotency-Key": key } });

it("a retry with the same key and body gets the first answer and creates nothing", async () => {
  const before = await count();
  const first = await create("retry-1", { titleEn: "Once only", summary: "x" });
  expect(first.status).toBe(201);
  const again = await create("retry-1", { summary: "x", titleEn: "Once only" }); // same body, other key order
  expect(again.status).toBe(201);
  expect(again.body).toEqual(first.body);
  expect(again.headers.get("Location")).toBe(first.headers.get("Location"));
  expect(again.headers.get("Idempotent-Replayed")).toBe("true");
  expect(await count()).toBe(before + 1);
  const { id } = await db.initiative.findUniqueOrThrow({ where: { ref: first.body.ref }, select: { id: true } });
  expect(await db.auditEvent.count({ where: { event: "CREATE", initiativeId: id } })).toBe(1);
});

it("the same key with a different body is a 422 and creates nothing", async () => {
  await create("reuse-1", { titleEn: "First" });
  const before = await count();
  const other = await create("reuse-1", { titleEn: "Second" });
  expect(other.status).toBe(422);
  expect(other.body.error).toMatchObject({
    code: "IDEMPOTENCY_KEY_REUSED",
    messageKey: "problems.idempotencyKeyReused",
  });
  expect(other.body.error.message).toMatch(/already used for a different request/);
  expect(await count()).toBe(before);
});

it("racing requests with one key create one initiative and all answer with it", async () => {
  const before = await count();
  const answers = await Promise.all(Array.from({ length: 8 }, () => create("race-1", { titleEn: "Raced" })));
  expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
  expect(new Set(answers.map((a) => a.body.ref)).size).toBe(1);
  expect(await count()).toBe(before + 1);
});

it("a request refused for bad input claims no key: the corrected retry creates", async () => {
  const bad = await create("fix-1", { titleEn: 42 });
  expect(bad.status).toBe(400);
  expect(await db.idempotencyKey.count({ where: { key: "fix-1" } })).toBe(0);
  // A different body is allowed now, since nothing was done under the key.
  expect((await create("fix-1", { titleEn: "Fixed" })).status).toBe(201);
});

it("keys are per caller, malformed keys are a 400, and keys older than 24 hours are forgotten", async () => {
  const other = await tokenFor("officer.immd@demo.gov.hk");
  const mine = await create("shared-name", { titleEn: "Mine" });
  const theirs = await call("POST", "/api/v1/initiatives", {
    token: other,
    json: { titleEn: "Mine" },
    headers: { "Idempotency-Key": "shared-name" },
  });
  expect(theirs.status).toBe(201);
  expect(theirs.body.ref).not.toBe(mine.body.ref);

  for (const key of ["", "x".repeat(256), "with space", "é"]) {
    expect((await create(key, { titleEn: "Bad key" })).status).toBe(400);
  }

  const old = await create("old-1", { titleEn: "Old" });
  await db.idempotencyKey.updateMany({
    where: { key: "old-1" },
    data: { createdAt: new Date(Date.now() - KEY_TTL_MS - 60_000) },
  });
  const fresh = await create("old-1", { titleEn: "Old" });
  expect(fresh.status).toBe(201);
  expect(fresh.body.ref).not.toBe(old.body.ref);
});

it("a replay whose saved answer was lost (a crash just after the commit) reads the initiative again", async () => {
  const first = await create("lost-answer", { titleEn: "Saved late" });
  await db.idempotencyKey.updateMany({
    where: { key: "lost-answer" },
    data: { response: JSON.stringify({ location: first.headers.get("Location") }) },
  });
  const again = await create("lost-answer", { titleEn: "Saved late" });
  expect(again.status).toBe(201);
  expect(again.body.ref).toBe(first.body.ref);
});

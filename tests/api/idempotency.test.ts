// Idempotency-Key on the API's POSTs (creation, lifecycle events, comments): a retry with the same key and
// body answers as the first request did and does nothing more; the same key with another body is a 422;
// racing retries do it once; keys are forgotten after 24 hours.
import { beforeAll, describe, expect, it } from "vitest";
import { KEY_TTL_MS } from "~/api/idempotency.server.ts";
import { db } from "~/utils/db.server.ts";
import { demoAccounts, itbDraft } from "../reliability/fixtures.ts";
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

describe("lifecycle events and comments", () => {
  let reviewer: string;
  beforeAll(async () => {
    reviewer = await tokenFor("reviewer.dg@demo.gov.hk");
  });
  const post = (path: string, as: string, key: string | undefined, json: unknown) =>
    call("POST", path, { token: as, json, headers: key === undefined ? {} : { "Idempotency-Key": key } });
  const auditCount = async (ref: string, event: string) => {
    const { id } = await db.initiative.findUniqueOrThrow({ where: { ref }, select: { id: true } });
    return db.auditEvent.count({ where: { initiativeId: id, event } });
  };

  it("a retried event with the same key and body answers as the first and is sent once", async () => {
    const ref = await itbDraft();
    const path = `/api/v1/initiatives/${ref}/events`;
    const first = await post(path, token, "submit-1", { type: "SUBMIT", expectedVersion: 1 });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = await post(path, token, "submit-1", { expectedVersion: 1, type: "SUBMIT" });
    expect(again.status).toBe(200);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await auditCount(ref, "SUBMIT")).toBe(1);
    expect((await db.initiative.findUniqueOrThrow({ where: { ref }, select: { version: true } })).version).toBe(2);

    // Another body with the same key is refused and sends nothing.
    const other = await post(path, token, "submit-1", { type: "WITHDRAW", reason: "Changed our minds" });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await auditCount(ref, "WITHDRAW")).toBe(0);
  });

  it("with Prefer: return=minimal an event answers without the initiative, and so does its replay", async () => {
    const ref = await itbDraft();
    const send = () =>
      call("POST", `/api/v1/initiatives/${ref}/events`, {
        token,
        json: { type: "SUBMIT", expectedVersion: 1 },
        headers: { "Idempotency-Key": "submit-minimal", Prefer: "return=minimal" },
      });
    const first = await send();
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ ref, stage: "efficiencyReview", state: expect.any(String), version: 2, round: 1 });
    expect(first.headers.get("Preference-Applied")).toBe("return=minimal");
    const again = await send();
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.headers.get("Preference-Applied")).toBe("return=minimal");
    expect(again.body).toEqual(first.body);
    expect(await auditCount(ref, "SUBMIT")).toBe(1);
  });

  it("racing copies of one decision with one key all get the winner's 200 (without a key: one 200, the rest 409)", async () => {
    const ref = await itbDraft();
    const path = `/api/v1/initiatives/${ref}/events`;
    const sent = await post(path, token, undefined, { type: "SUBMIT" });
    const decision = { type: "APPROVE", expectedVersion: sent.body.version };
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(path, reviewer, "approve-1", decision)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect(new Set(answers.map((a) => a.body.version))).toEqual(new Set([sent.body.version + 1]));
    expect(answers.filter((a) => a.headers.get("Idempotent-Replayed") === "true")).toHaveLength(5);
    expect(await auditCount(ref, "APPROVE")).toBe(1);
  });

  it("a refused event claims no key, and a replay whose saved answer was lost reads the initiative again", async () => {
    const ref = await itbDraft();
    const path = `/api/v1/initiatives/${ref}/events`;
    // A draft cannot be approved.
    const refused = await post(path, token, "early-1", { type: "APPROVE" });
    expect(refused.status).toBe(422);
    expect(await db.idempotencyKey.count({ where: { key: "early-1" } })).toBe(0);

    const first = await post(path, token, "lost-event", { type: "SUBMIT" });
    expect(first.status).toBe(200);
    // As if the server crashed just after the commit: only what the transaction saved is there.
    await db.idempotencyKey.updateMany({
      where: { key: "lost-event" },
      data: { response: JSON.stringify({ result: { ...first.body, initiative: undefined } }) },
    });
    const again = await post(path, token, "lost-event", { type: "SUBMIT" });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await auditCount(ref, "SUBMIT")).toBe(1);
  });

  it("a retried comment with the same key and body is added once; racing copies too; another body is a 422", async () => {
    const ref = await itbDraft();
    const path = `/api/v1/initiatives/${ref}/comments`;
    const first = await post(path, token, "comment-1", { body: "Said once" });
    expect(first.status).toBe(201);
    const again = await post(path, token, "comment-1", { body: "Said once" });
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await db.comment.count({ where: { body: "Said once" } })).toBe(1);
    expect(await auditCount(ref, "COMMENT")).toBe(1);

    const raced = await Promise.all(Array.from({ length: 6 }, () => post(path, token, "comment-2", { body: "Raced" })));
    expect(raced.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(raced.map((a) => a.body.id)).size).toBe(1);
    expect(await db.comment.count({ where: { body: "Raced" } })).toBe(1);

    const other = await post(path, token, "comment-1", { body: "Said twice" });
    expect(other.status).toBe(422);
    expect(await db.comment.count({ where: { body: "Said twice" } })).toBe(0);
    // The same key on another endpoint is another request too.
    expect((await post(`/api/v1/initiatives/${ref}/events`, token, "comment-1", { type: "SUBMIT" })).status).toBe(422);
  });

  it("a comment's key is forgotten after 24 hours: the same request then adds it again", async () => {
    const ref = await itbDraft();
    const path = `/api/v1/initiatives/${ref}/comments`;
    expect((await post(path, token, "old-comment", { body: "Yesterday's" })).status).toBe(201);
    await db.idempotencyKey.updateMany({
      where: { key: "old-comment" },
      data: { createdAt: new Date(Date.now() - KEY_TTL_MS - 60_000) },
    });
    const later = await post(path, token, "old-comment", { body: "Yesterday's" });
    expect(later.status).toBe(201);
    expect(later.headers.get("Idempotent-Replayed")).toBeNull();
    expect(await db.comment.count({ where: { body: "Yesterday's" } })).toBe(2);
  });
});

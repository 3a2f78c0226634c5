import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { completeProposal, demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { call, demoTokens, type Tokens } from "./client.ts";

let c: Callers;
let t: Tokens;
beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  t = await demoTokens();
});

async function rowCounts() {
  const [initiatives, signoffs, conditions, funding, milestones, audit, rounds, comments] = await Promise.all([
    db.initiative.count(),
    db.signoff.count(),
    db.condition.count(),
    db.fundingDecision.count(),
    db.milestone.count(),
    db.auditEvent.count(),
    db.submissionRound.count(),
    db.comment.count(),
  ]);
  return { initiatives, signoffs, conditions, funding, milestones, audit, rounds, comments };
}

const path = (ref: string, sub = "") => `/api/v1/initiatives/${ref}${sub}`;

function expectError(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe("string");
  expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at /);
}

describe("400 Bad Request", () => {
  it("malformed JSON", async () => {
    const res = await call("POST", "/api/v1/initiatives", {
      token: t.itb,
      raw: '{"titleEn": "Broken",',
      headers: { "Content-Type": "application/json" },
    });
    expectError(res, 400, "BAD_REQUEST");
  });

  it("a bad filter names the parameter, and pageSize above 500 is refused", async () => {
    const stage = await call("GET", "/api/v1/initiatives?stage=limbo", { token: t.leader });
    expectError(stage, 400, "BAD_REQUEST");
    expect(Object.keys(stage.body.error.fields)).toEqual(["stage"]);
    const big = await call("GET", "/api/v1/initiatives?pageSize=501", { token: t.leader });
    expectError(big, 400, "BAD_REQUEST");
    expect(Object.keys(big.body.error.fields)).toEqual(["pageSize"]);
  });

  it("a bad proposal payload comes back with field errors", async () => {
    const res = await call("POST", "/api/v1/initiatives", {
      token: t.itb,
      json: { titleEn: "Bad numbers", nonRecurrentCost: -5, plannedStart: "2026-02-30", category: "SPACE" },
    });
    expectError(res, 400, "BAD_REQUEST");
    expect(res.body.error.fields).toEqual({
      nonRecurrentCost: ["errors.notNegative"],
      plannedStart: ["errors.invalidDate"],
      category: ["errors.invalidChoice"],
    });
    const untitled = await call("POST", "/api/v1/initiatives", {
      token: t.itb,
      json: { titleEn: "  ", summary: "No title" },
    });
    expectError(untitled, 400, "BAD_REQUEST");
    expect(untitled.body.error.fields).toEqual({ titleEn: ["errors.titleRequired"] });
  });

  it("a bad event payload, an unknown event type and a bad expectedVersion", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const noConditions = await call("POST", path(ref, "/events"), {
      token: t.dg,
      json: { type: "APPROVE_WITH_CONDITIONS", conditions: [] },
    });
    expectError(noConditions, 400, "BAD_REQUEST");
    expect(noConditions.body.error.fields).toEqual({ conditions: ["errors.atLeastOneCondition"] });
    const unknown = await call("POST", path(ref, "/events"), { token: t.dg, json: { type: "BLESS" } });
    expectError(unknown, 400, "BAD_REQUEST");
    expect(unknown.body.error.fields).toEqual({ type: ["errors.invalidChoice"] });
    const version = await call("POST", path(ref, "/events"), {
      token: t.dg,
      json: { type: "APPROVE", expectedVersion: "two" },
    });
    expectError(version, 400, "BAD_REQUEST");
    expect(version.body.error.fields).toEqual({ expectedVersion: ["errors.wholeNumber"] });
    const include = await call("GET", path(ref, "?include=secrets"), { token: t.dg });
    expectError(include, 400, "BAD_REQUEST");
  });

  it("an empty comment", async () => {
    const ref = await initiativeIn("draft", c);
    const res = await call("POST", path(ref, "/comments"), { token: t.itb, json: { body: "   " } });
    expectError(res, 400, "BAD_REQUEST");
    expect(res.body.error.fields).toEqual({ body: ["errors.required"] });
  });
});

describe("401, 403, 404, 405", () => {
  it("401 without a token on every endpoint", async () => {
    const ref = await initiativeIn("draft", c);
    for (const [method, p] of [
      ["GET", "/api/v1/initiatives"],
      ["POST", "/api/v1/initiatives"],
      ["GET", path(ref)],
      ["PATCH", path(ref)],
      ["POST", path(ref, "/events")],
      ["GET", path(ref, "/comments")],
      ["POST", path(ref, "/comments")],
    ] as const) {
      const res = await call(method, p, { json: { type: "SUBMIT", body: "x", titleEn: "x" } });
      expect(res.status, `${method} ${p}`).toBe(401);
    }
  });

  it("403 for a reviewer creating a draft, and for a reviewer of a division that need not sign", async () => {
    const draft = await call("POST", "/api/v1/initiatives", { token: t.dg, json: completeProposal() });
    expectError(draft, 403, "FORBIDDEN");
    // The default proposal needs Digital Government and Data Governance, not Digital Infrastructure.
    const ref = await initiativeIn("efficiencyReview", c);
    const di = await call("POST", path(ref, "/events"), { token: t.di, json: { type: "APPROVE" } });
    expectError(di, 403, "FORBIDDEN");
    const leader = await call("POST", path(ref, "/events"), { token: t.leader, json: { type: "APPROVE" } });
    expectError(leader, 403, "FORBIDDEN");
  });

  it("404 for an unknown ref, another B/D's initiative, and a reviewer reading a draft", async () => {
    expectError(await call("GET", path("DPO-2099-9999"), { token: t.itb }), 404, "NOT_FOUND");
    const itbDraft = await initiativeIn("draft", c);
    expectError(await call("GET", path(itbDraft), { token: t.immd }), 404, "NOT_FOUND");
    expectError(await call("GET", path(itbDraft), { token: t.dg }), 404, "NOT_FOUND");
    expectError(await call("GET", path(itbDraft), { token: t.leader }), 404, "NOT_FOUND");
    // Another B/D's initiative and an absent one answer identically: nothing tells them apart.
    const absent = await call("GET", path("DPO-2099-9999"), { token: t.immd });
    const hidden = await call("GET", path(itbDraft), { token: t.immd });
    expect(hidden.body.error.message.replace(itbDraft, "REF")).toBe(
      absent.body.error.message.replace("DPO-2099-9999", "REF"),
    );
  });

  it("405 with Allow for methods a route does not support", async () => {
    const ref = await initiativeIn("draft", c);
    const cases = [
      ["DELETE", "/api/v1/initiatives", "GET, HEAD, POST"],
      ["PUT", path(ref), "GET, HEAD, PATCH"],
      ["DELETE", path(ref), "GET, HEAD, PATCH"],
      ["GET", path(ref, "/events"), "POST"],
      ["PATCH", path(ref, "/comments"), "GET, HEAD, POST"],
    ] as const;
    for (const [method, p, allow] of cases) {
      const res = await call(method, p, { token: t.itb });
      expectError(res, 405, "METHOD_NOT_ALLOWED");
      expect(res.headers.get("Allow")).toBe(allow);
    }
  });
});

describe("409 Conflict", () => {
  it("a stale expectedVersion on an event is refused and writes nothing", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const { body: view } = await call("GET", path(ref), { token: t.dg });
    // Data Governance acts first; Digital Government still holds the version it read.
    const first = await call("POST", path(ref, "/events"), {
      token: t.dgov,
      json: { type: "APPROVE", expectedVersion: view.version },
    });
    expect(first.status).toBe(200);
    const before = await rowCounts();
    const stale = await call("POST", path(ref, "/events"), {
      token: t.dg,
      json: { type: "APPROVE", expectedVersion: view.version },
    });
    expectError(stale, 409, "CONFLICT");
    expect(stale.body.error.message).toMatch(/Reload/);
    expect(await rowCounts()).toEqual(before);
  });

  it("a stale expectedVersion on PATCH is refused and writes nothing", async () => {
    const created = await call("POST", "/api/v1/initiatives", { token: t.itb, json: { titleEn: "Two editors" } });
    const ref = created.body.ref as string;
    const ok = await call("PATCH", path(ref), {
      token: t.itb,
      json: { summary: "First edit", expectedVersion: created.body.version },
    });
    expect(ok.status).toBe(200);
    const before = await rowCounts();
    const stale = await call("PATCH", path(ref), {
      token: t.itb,
      json: { summary: "Second edit", expectedVersion: created.body.version },
    });
    expectError(stale, 409, "CONFLICT");
    expect(await rowCounts()).toEqual(before);
    expect((await call("GET", path(ref), { token: t.itb })).body.summary).toBe("First edit");
  });
});

describe("422 Unprocessable", () => {
  it("an event the machine does not allow in this state", async () => {
    const ref = await initiativeIn("draft", c);
    const res = await call("POST", path(ref, "/events"), { token: t.itb, json: { type: "COMPLETE" } });
    expectError(res, 422, "UNPROCESSABLE");
    expect(res.body.error.message).toMatch(/not possible while the initiative is in draft/);
  });

  it("SUBMIT of an incomplete proposal names the missing fields", async () => {
    const created = await call("POST", "/api/v1/initiatives", { token: t.itb, json: { titleEn: "Not finished" } });
    const res = await call("POST", path(created.body.ref, "/events"), { token: t.itb, json: { type: "SUBMIT" } });
    expectError(res, 422, "UNPROCESSABLE");
    expect(Object.keys(res.body.error.fields)).toEqual(
      expect.arrayContaining(["titleZh", "category", "summary", "nonRecurrentCost", "milestones"]),
    );
  });

  it("funding above the block-allocation limit must be referred", async () => {
    const ref = await initiativeIn("fundingReview", c, { proposal: { nonRecurrentCost: 30_000_000 } });
    const res = await call("POST", path(ref, "/events"), {
      token: t.dg,
      json: { type: "APPROVE_FUNDING", amount: 30_000_000 },
    });
    expectError(res, 422, "UNPROCESSABLE");
    expect(res.body.error.message).toMatch(/Finance Committee/);
  });

  it("PATCH of an initiative that has left draft", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const res = await call("PATCH", path(ref), { token: t.itb, json: { summary: "Too late" } });
    expectError(res, 422, "UNPROCESSABLE");
  });
});

describe("bad payloads write nothing", () => {
  it("leaves initiatives, sign-offs, funding decisions, audit events and the rest untouched", async () => {
    const review = await initiativeIn("efficiencyReview", c);
    const funding = await initiativeIn("fundingReview", c);
    const draft = await initiativeIn("draft", c);
    const before = await rowCounts();
    const attempts: [string, string, string, unknown][] = [
      [t.itb, "POST", "/api/v1/initiatives", { titleEn: "", nonRecurrentCost: "lots" }],
      [t.itb, "POST", "/api/v1/initiatives", ["not", "an", "object"]],
      [t.dg, "POST", "/api/v1/initiatives", completeProposal()],
      [t.itb, "PATCH", path(draft), { plannedEnd: "2026-13-01" }],
      [t.immd, "PATCH", path(draft), { titleEn: "Hijack" }],
      [t.itb, "POST", path(draft, "/events"), { type: "SUBMIT", expectedVersion: 99 }],
      [t.dg, "POST", path(review, "/events"), { type: "APPROVE_WITH_CONDITIONS", conditions: ["  "] }],
      [t.dg, "POST", path(review, "/events"), { type: "REQUEST_CHANGES" }],
      [t.dgov, "POST", path(review, "/events"), { type: "REJECT", reason: "x".repeat(5000) }],
      [t.di, "POST", path(review, "/events"), { type: "APPROVE" }],
      [t.dg, "POST", path(funding, "/events"), { type: "APPROVE_FUNDING", amount: 1.5 }],
      [t.dg, "POST", path(funding, "/events"), { type: "APPROVE_FUNDING", amount: 9_000_000 }],
      [t.dg, "POST", path(funding, "/events"), { type: "DEFER" }],
      [t.dgov, "POST", path(funding, "/events"), { type: "APPROVE_FUNDING", amount: 100 }],
      [t.admin, "POST", path(funding, "/events"), { type: "REJECT", reason: "no" }],
      [t.immd, "POST", path(funding, "/comments"), { body: "Peek" }],
      [t.itb, "POST", path(funding, "/comments"), { body: "" }],
    ];
    for (const [token, method, p, json] of attempts) {
      const res = await call(method, p, { token, json });
      expect(res.status, `${method} ${p} ${JSON.stringify(json).slice(0, 60)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

// Two app instances sharing nothing but one PostgreSQL database: a decision raced to both wins once, a
// session made on one is valid on the other, and failed sign-ins are counted across both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { DEMO_PASSWORD, seed } from "../../prisma/seed/index.ts";
import { completeProposal } from "../factories/initiatives.ts";
import { buildApp, startInstance, stopInstance, type Instance } from "../helpers/instances.ts";

let a: Instance;
let b: Instance;

beforeAll(async () => {
  await seed({ demoData: true });
  await buildApp();
  [a, b] = await Promise.all([startInstance(), startInstance()]);
}, 180_000);

afterAll(async () => {
  await Promise.all([a && stopInstance(a), b && stopInstance(b)]);
});

async function api(instance: Instance, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${instance.url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

async function token(instance: Instance, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await api(instance, "POST", "/api/v1/tokens", undefined, { email, password });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.token as string;
}

describe("two instances on one PostgreSQL database", () => {
  it("a decision sent to both at once wins exactly once: one 200, one 409, one audit entry", async () => {
    const officer = await token(a, "officer.itb@demo.gov.hk");
    const reviewer = await token(b, "reviewer.dg@demo.gov.hk");
    for (let round = 0; round < 3; round++) {
      const created = await api(a, "POST", "/api/v1/initiatives", officer, completeProposal());
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const ref = created.body.ref as string;
      const submitted = await api(b, "POST", `/api/v1/initiatives/${ref}/events`, officer, {
        type: "SUBMIT",
        expectedVersion: created.body.version,
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      const decision = { type: "APPROVE", expectedVersion: submitted.body.version };
      const answers = await Promise.all(
        [a, b].map((instance) => api(instance, "POST", `/api/v1/initiatives/${ref}/events`, reviewer, decision)),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const initiative = await db.initiative.findUniqueOrThrow({ where: { ref }, select: { id: true, version: true } });
      expect(initiative.version).toBe(submitted.body.version + 1);
      expect(await db.auditEvent.count({ where: { initiativeId: initiative.id, event: "APPROVE" } })).toBe(1);
      expect(await db.signoff.count({ where: { initiativeId: initiative.id } })).toBe(1);
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("a session made on one instance is valid on the other", async () => {
    const signIn = await fetch(`${a.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: a.url },
      body: new URLSearchParams({ email: "officer.itb@demo.gov.hk", password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(302);
    // Every cookie the sign-in set (the session's among them), as a browser would send them back.
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .join("; ");
    const onB = await fetch(`${b.url}/initiatives`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onB.status).toBe(200);
    const anonymous = await fetch(`${b.url}/initiatives`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
  });

  it("11 wrong passwords spread across both instances are throttled", async () => {
    const email = "reviewer.di@demo.gov.hk";
    const tries = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api(i % 2 ? a : b, "POST", "/api/v1/tokens", undefined, { email, password: `wrong-${i}` }),
      ),
    );
    expect(tries.map((r) => r.status)).toEqual(Array(10).fill(401));
    // The 11th attempt is refused even with the right password, on either instance.
    for (const instance of [a, b]) {
      const eleventh = await api(instance, "POST", "/api/v1/tokens", undefined, { email, password: DEMO_PASSWORD });
      expect(eleventh.status).toBe(429);
      expect(Number(eleventh.headers.get("Retry-After"))).toBeGreaterThan(0);
    }
  });
});

// SIGTERM during a burst of requests: the instance stops accepting connections, answers every request it
// had accepted, closes the database and exits 0 (the suite's database: SQLite or PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server.ts";
import { DEMO_PASSWORD, seed } from "../../prisma/seed.ts";
import { completeProposal } from "../factories/initiatives.ts";
import { buildApp, startInstance, stopInstance, type Instance } from "../helpers/instances.ts";

let instance: Instance;

beforeAll(async () => {
  await seed({ demoData: true });
  buildApp();
  instance = await startInstance();
}, 600_000);

afterAll(async () => {
  if (instance) await stopInstance(instance);
});

/** Whether a failed fetch never reached the server (refused), as opposed to being dropped after it was sent. */
function refused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code === "ECONNREFUSED";
}

describe("graceful shutdown", () => {
  it("answers every accepted request of a burst, writes each accepted draft, and exits 0", async () => {
    const tokenRes = await fetch(`${instance.url}/api/v1/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "officer.itb@demo.gov.hk", password: DEMO_PASSWORD }),
    });
    const { token } = (await tokenRes.json()) as { token: string };
    const before = await db.initiative.count();
    const send = (i: number) =>
      fetch(`${instance.url}/api/v1/initiatives`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(completeProposal({ titleEn: `Sent during shutdown ${i}` })),
      });
    const burst = Array.from({ length: 30 }, (_, i) => send(i));
    await new Promise((r) => setTimeout(r, 50));
    const exited = stopInstance(instance);
    // More requests after the signal: refused, never half-answered.
    const late = Array.from({ length: 5 }, (_, i) => new Promise((r) => setTimeout(r, 300)).then(() => send(100 + i)));
    const results = await Promise.allSettled([...burst, ...late]);
    expect(await exited).toBe(0);

    const answered = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.status] : []));
    const failed = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.every((s) => s === 201)).toBe(true);
    expect(failed.filter((e) => !refused(e)).map(String)).toEqual([]);
    expect(await db.initiative.count()).toBe(before + answered.length);
    expect(instance.output.join("")).toMatch(/"event":"shutdown".*"done":true/);
  });
});

// SIGTERM during a burst of requests: the instance stops accepting connections, answers every request it had
// accepted, closes the database and exits 0, so a rolling restart loses nothing (on the suite's database:
// SQLite under `npm test`, PostgreSQL under `npm run test:postgres`). The burst comes as a load balancer
// sends it, over keep-alive connections the instance accepted earlier; requests on new connections after
// the signal must find the port closed (a proxy then tries another instance), never be cut off.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server.ts";
import { DEMO_PASSWORD } from "../../prisma/seed/index.ts";
import { completeProposal } from "../factories/initiatives.ts";
import { buildApp, startInstance, stopInstance, type Instance } from "../helpers/instances.ts";
import { demoAccounts } from "../reliability/fixtures.ts";

const BURST = 20;
let instance: Instance;
let token: string;

beforeAll(async () => {
  await demoAccounts();
  await buildApp();
  instance = await startInstance();
}, 600_000);

afterAll(async () => {
  if (instance) await stopInstance(instance);
});

type Answer = { status: number; body: string; at: number; retryAfter?: string };

/** One HTTP request through `agent` (a keep-alive pool, or none for a new connection). */
function request(agent: http.Agent | false, method: string, path: string, headers = {}, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(`${instance.url}${path}`, { method, agent, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: text, at: Date.now(), retryAfter: res.headers["retry-after"] }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

const code = (error: unknown) => (error as { code?: string }).code;

describe("graceful shutdown", () => {
  it("answers every request of a burst on accepted connections, writes each, refuses new connections, and exits 0", async () => {
    const json = { "Content-Type": "application/json" };
    const signIn = await request(
      false,
      "POST",
      "/api/v1/tokens",
      json,
      JSON.stringify({ email: "officer.itb@demo.gov.hk", password: DEMO_PASSWORD }),
    );
    expect(signIn.status).toBe(201);
    token = JSON.parse(signIn.body).token;
    const auth = { ...json, Authorization: `Bearer ${token}` };

    // The load balancer's connections: opened and used once, then kept alive.
    const agent = new http.Agent({ keepAlive: true, maxSockets: BURST });
    const warm = await Promise.all(Array.from({ length: BURST }, () => request(agent, "GET", "/healthz")));
    expect(warm.every((r) => r.status === 200)).toBe(true);
    const before = await db.initiative.count();

    const burst = Array.from({ length: BURST }, (_, i) =>
      request(agent, "POST", "/api/v1/initiatives", auth, JSON.stringify(completeProposal({ titleEn: `Burst ${i}` }))),
    );
    // Signal while the burst is being worked on.
    await new Promise((r) => setTimeout(r, 50));
    const signalledAt = Date.now();
    const exited = stopInstance(instance);
    // New connections after the signal: answered while the instance has not yet seen the signal, then refused.
    const late = (async () => {
      const seen: string[] = [];
      for (let i = 0; i < 200; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const outcome = await request(false, "GET", "/healthz").then(
          (r) => String(r.status),
          (e: unknown) => code(e) ?? String(e),
        );
        seen.push(outcome);
        if (outcome !== "200") break;
      }
      return seen;
    })();
    const [answers, lateOutcomes] = await Promise.all([Promise.allSettled(burst), late]);
    expect(await exited).toBe(0);
    agent.destroy();

    // Every request of the burst was answered in full: created (201), or, on a machine so busy that a request
    // waited longer than DATABASE_BUSY_TIMEOUT_MS for the database, refused as busy (503 with Retry-After,
    // nothing written). Each 201 wrote its initiative, and nothing else was written.
    const failures = answers.flatMap((r) => (r.status === "rejected" ? [`${r.reason}`] : []));
    expect(failures).toEqual([]);
    const answered = answers.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(answered.filter((a) => a.status !== 201 && !(a.status === 503 && a.retryAfter))).toEqual([]);
    const created = answered.filter((a) => a.status === 201).length;
    expect(created).toBeGreaterThan(0);
    expect(await db.initiative.count()).toBe(before + created);
    // The signal came mid-burst (some answers came after it), and a new connection afterwards was refused.
    const answeredAfter = answers.filter((r) => r.status === "fulfilled" && r.value.at > signalledAt);
    expect(answeredAfter.length).toBeGreaterThan(0);
    // After the signal a new connection is refused, or reset if it was still in the kernel's queue when the
    // listening socket closed (never accepted by the instance: nothing read, nothing written).
    expect(lateOutcomes.slice(0, -1).every((o) => o === "200")).toBe(true);
    expect(["ECONNREFUSED", "ECONNRESET"]).toContain(lateOutcomes.at(-1));
  });

  it("answers a request that comes on an idle keep-alive connection just after the signal, with Connection: close", async () => {
    instance = await startInstance();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
    const warm = await Promise.all(Array.from({ length: 10 }, () => request(agent, "GET", "/healthz")));
    expect(warm.every((r) => r.status === 200)).toBe(true);
    const before = await db.initiative.count();
    const exited = stopInstance(instance);
    // The proxy has not yet learnt of the signal and sends on its open connections.
    await new Promise((r) => setTimeout(r, 100));
    const headers = { "Content-Type": "application/json", Authorization: `Bearer ${token}` };
    const answers = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        request(
          agent,
          "POST",
          "/api/v1/initiatives",
          headers,
          JSON.stringify(completeProposal({ titleEn: `After ${i}` })),
        ),
      ),
    );
    expect(await exited).toBe(0);
    agent.destroy();
    expect(answers.flatMap((r) => (r.status === "rejected" ? [`${r.reason}`] : []))).toEqual([]);
    const answered = answers.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(answered.filter((a) => a.status !== 201 && !(a.status === 503 && a.retryAfter))).toEqual([]);
    const created = answered.filter((a) => a.status === 201).length;
    expect(created).toBeGreaterThan(0);
    expect(await db.initiative.count()).toBe(before + created);
  });
});

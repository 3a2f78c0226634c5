// Load shedding on a real server: with room for two requests at work and three waiting (set by environment),
// two slow clients (their bodies held back) occupy the server; three more requests wait, and every one
// beyond them is answered at once with 503 and Retry-After instead of waiting for a connection timeout;
// the waiting ones are answered 503 once they have waited REQUEST_QUEUE_TIMEOUT_MS; health checks are
// never queued; once the slow requests finish, requests are served again.
import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp, startInstance, stopInstance, type Instance } from "../helpers/instances.ts";

let instance: Instance;

beforeAll(async () => {
  await buildApp();
  instance = await startInstance({
    REQUEST_CONCURRENCY: "2",
    REQUEST_QUEUE_LIMIT: "3",
    REQUEST_QUEUE_TIMEOUT_MS: "1500",
  });
});

afterAll(async () => {
  if (instance) await stopInstance(instance);
});

type Answer = { status: number; body: string; retryAfter?: string; at: number };

function send(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${instance.url}${path}`, { agent: false, headers }, (res) => answer(res, resolve));
    req.on("error", reject);
    req.end();
  });
}

function answer(res: http.IncomingMessage, resolve: (a: Answer) => void) {
  let body = "";
  res.setEncoding("utf8");
  res.on("data", (chunk) => (body += chunk));
  res.on("end", () =>
    resolve({ status: res.statusCode ?? 0, body, retryAfter: res.headers["retry-after"] as string, at: Date.now() }),
  );
}

/** A sign-in whose body the client holds back until `finish` is called: a slow client. */
function slowSignIn() {
  const body = JSON.stringify({ email: "nobody@example.org", password: "not-the-password" });
  let finish!: () => void;
  const answered = new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      `${instance.url}/api/v1/tokens`,
      {
        method: "POST",
        agent: false,
        headers: { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) },
      },
      (res) => answer(res, resolve),
    );
    req.on("error", reject);
    req.flushHeaders();
    finish = () => req.end(body);
  });
  return { answered, finish: () => finish() };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("sheds what is beyond the queue at once, and what waited too long, with 503 and Retry-After", async () => {
  const slow = [slowSignIn(), slowSignIn()];
  await settle(300);
  const waiting = [1, 2, 3].map(() => send("/api/v1/initiatives"));
  await settle(300);
  const beyond = await Promise.all([
    send("/api/v1/initiatives"),
    send("/api/v1/initiatives"),
    send("/login", { "Accept-Language": "zh-Hant" }),
  ]);
  for (const a of beyond) {
    expect(a.status).toBe(503);
    expect(a.retryAfter).toBe("2");
  }
  expect(JSON.parse(beyond[0]!.body)).toMatchObject({
    error: { code: "SERVICE_UNAVAILABLE", messageKey: "errors.overloaded" },
  });
  // Pages get the message in both languages.
  expect(beyond[2]!.body).toContain("too many requests");
  expect(beyond[2]!.body).toContain("太多要求");
  // Health checks are never queued.
  expect((await send("/healthz")).status).toBe(200);

  // The waiting ones are refused once they have waited the queue's timeout, while the slow ones still hold.
  const waited = await Promise.all(waiting);
  expect(waited.map((a) => a.status)).toEqual([503, 503, 503]);
  expect(waited.every((a) => a.retryAfter === "2")).toBe(true);

  // The slow requests were being worked on all along: they are answered by the app, not shed.
  const released = Date.now();
  for (const s of slow) s.finish();
  const done = await Promise.all(slow.map((s) => s.answered));
  expect(done.map((a) => a.status)).toEqual([401, 401]);
  expect(Math.min(...beyond.map((a) => a.at), ...waited.map((a) => a.at))).toBeLessThan(released);

  // And the server serves again.
  expect((await send("/api/v1/initiatives")).status).toBe(401);
});

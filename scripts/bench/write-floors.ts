// Where a transition's time goes, from the outside in: the write benchmark's review loop (writes.ts, the same
// clients, initiatives and events) driven without the HTTP server, on a fresh SQLite database with the demo
// accounts:
//   route   each request handed to the API route's action in this process (sign-in by token, idempotency,
//           `Prefer: return=minimal`, the transition): no socket, no Express, no Remix request handler;
//   domain  the transition alone: `sendEvent` called with the caller already known (no request, no sign-in).
// Against `BENCH_ONLY=writes npm run bench` (the same loop over HTTP) and transition-statements.ts (the
// statements straight through better-sqlite3), it shows what each layer costs and what a goal of so many
// transitions a second leaves for each. Both rows share this process's one thread with nothing else.
// Run: node --import tsx scripts/bench/write-floors.ts [seconds]   (BENCH_CLIENTS=1,4,16 by default)
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "../db-setup.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "bench-write-floors-"));
const databaseUrl = `file:${path.join(dir, "bench.db")}`;
process.env.DATABASE_URL = databaseUrl;
process.env.NODE_ENV ??= "production";
process.env.SESSION_SECRET ??= "bench-secret-that-is-long-enough-for-production";
process.env.LOG_LEVEL ??= "warn";
migrate(databaseUrl);

const { seed } = await import("../../prisma/seed/index.ts");
const { apiRequest, measureWrites, readAnswer } = await import("./writes.ts");
const { requireApiUser } = await import("../../app/api/tokens.server.ts");
const { takeExpectedVersion } = await import("../../app/api/api.server.ts");
const { sendEvent } = await import("../../app/initiatives/send-event.server.ts");
const { HttpError } = await import("../../app/utils/http.server.ts");
const drafts = await import("../../app/routes/api.v1.initiatives._index.ts");
const initiative = await import("../../app/routes/api.v1.initiatives.$ref._index.ts");
const events = await import("../../app/routes/api.v1.initiatives.$ref.events.ts");
type Transport = import("./writes.ts").Transport;
type Handler = (args: never) => Promise<Response>;

await seed({ demoData: true, portfolio: false });

const EVENTS = /^\/api\/v1\/initiatives\/([^/]+)\/events$/;
const ONE = /^\/api\/v1\/initiatives\/([^/]+)$/;

/** Each request straight to the action or loader of the API route that answers it. */
const throughRoutes: Transport = async (token, method, pathname, body) => {
  const req = apiRequest("http://localhost", token, method, pathname, body);
  const [handler, params]: [Handler, Record<string, string>] = EVENTS.test(pathname)
    ? [events.action as Handler, { ref: EVENTS.exec(pathname)![1]! }]
    : ONE.test(pathname)
      ? [initiative.loader as Handler, { ref: ONE.exec(pathname)![1]! }]
      : [(method === "POST" ? drafts.action : drafts.loader) as Handler, {}];
  return readAnswer(await handler({ request: req, params, context: {} } as never));
};

/** Transitions straight to `sendEvent`, each token's caller read once; the rest through the routes. */
const callers = new Map<string, Awaited<ReturnType<typeof requireApiUser>>>();
const throughDomain: Transport = async (token, method, pathname, body) => {
  const ref = method === "POST" ? EVENTS.exec(pathname)?.[1] : undefined;
  if (!ref) return throughRoutes(token, method, pathname, body);
  let caller = callers.get(token);
  if (!caller)
    callers.set(token, (caller = await requireApiUser(apiRequest("http://localhost", token, "GET", pathname))));
  const { expectedVersion, rest } = takeExpectedVersion(body as Record<string, unknown>);
  try {
    return { status: 200, json: await sendEvent(caller, ref, rest, { expectedVersion }) };
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, json: null };
    throw error;
  }
};

const seconds = Number(process.argv[2] ?? process.env.BENCH_SECONDS ?? 10);
const counts = (process.env.BENCH_CLIENTS ?? "1,4,16").split(",").map(Number);
console.log(`The write benchmark's review loop in process, on SQLite, ${seconds} s per row`);
console.log("layer   clients  transitions/s   p50 ms   p99 ms  errors  transitions");
for (const [layer, transport] of [
  ["route", throughRoutes],
  ["domain", throughDomain],
] as const) {
  for (const clients of counts) {
    const r = await measureWrites({ baseUrl: "http://localhost", databaseUrl, clients, seconds }, transport);
    console.log(
      `${layer.padEnd(6)}  ${String(clients).padStart(7)}  ${r.transitionsPerSecond.toFixed(1).padStart(13)}  ${r.p50Ms.toFixed(1).padStart(7)}  ${r.p99Ms.toFixed(1).padStart(7)}  ${String(r.errors).padStart(6)}  ${String(r.transitions).padStart(11)}`,
    );
  }
}
rmSync(dir, { recursive: true, force: true });
process.exit(0);

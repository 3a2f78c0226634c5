// The HTTP server: static files, then every request through Remix. A small custom server (rather than
// remix-serve) so that loaders see the client's address, which sign-in throttling needs.
import net from "node:net";
import path from "node:path";
import v8 from "node:v8";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import express from "express";

// A local .env, when there is one, fills in what the environment does not set.
try {
  process.loadEnvFile(".env");
} catch {
  // no .env file: the environment alone configures the app
}

// Memory: on a machine with plenty of RAM, V8 lets the heap grow to up to four times what survived its last
// full collection before it collects again. Under steady load the server's live heap is about 50 MB, yet it
// held 150–230 MB more of garbage, and kept it when the load stopped. Letting the heap grow by half instead
// keeps the steady state near 250 MB for the same CPU per request (measured with `npm run bench`'s memory
// section). V8 reads this setting at every collection, so setting it here, at run time, takes effect
// however the server is started. The young generation's size V8 reads only when it starts: `npm start` runs
// this file with `--max-semi-space-size=4` (semi-spaces of 4 MB, not 16), which took the steady state under
// the benchmark's soak from 272 to 244 MB at the same CPU per request.
v8.setFlagsFromString("--heap-growing-percent=50");

// SERVER_BUILD_PATH serves another build of the app: `npm run bench` serves its own (see remix.config.js).
const BUILD_PATH = path.resolve(process.env.SERVER_BUILD_PATH ?? "build/index.js");

let build;
try {
  build = await import(BUILD_PATH);
} catch (error) {
  // Environment problems are reported by the build's start-up check as a readable list.
  if (error?.name === "EnvError") {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
// Database faults (busy, full, read-only) in any loader or action answer 503 with Retry-After.
build = build.entry.module.wrapServerBuild?.(build) ?? build;

// One log for the server and the app: the logger and the access log (request ids) come from the build.
const { getLogger, requestLogger } = build.entry.module;
const logger = getLogger();

// MEMORY_LOG_SECONDS=n: every n seconds one `memory` line (MB): the process's resident memory and the main
// thread's heap (committed, in use), memory outside it (external) and array buffers, to see where memory
// goes under load. The read workers' heaps count in `rss` only.
const MEMORY_LOG_SECONDS = Number(process.env.MEMORY_LOG_SECONDS ?? 0);
if (MEMORY_LOG_SECONDS > 0) {
  const mb = (bytes) => Math.round(bytes / 1_048_576);
  setInterval(() => {
    const usage = Object.entries(process.memoryUsage()).map(([key, bytes]) => [key, mb(bytes)]);
    logger.info({ event: "memory", ...Object.fromEntries(usage) }, "memory (MB)");
  }, MEMORY_LOG_SECONDS * 1000).unref();
}

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

// Static files get the same basic headers that the app gives its own responses.
function staticHeaders(res) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
}

// A request that changes something must come from this site. Checked here, before Remix (whose own
// check would answer a bare 500), so a cross-site post gets a clear 403 and reaches no action.
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
function refuseCrossSite(req, res, next) {
  if (!UNSAFE.has(req.method)) return next();
  const origin = req.get("origin");
  const site = req.get("sec-fetch-site");
  const host = (req.get("x-forwarded-host") ?? req.get("host") ?? "").split(",")[0].trim();
  let crossSite = site === "cross-site" || site === "same-site";
  if (origin) {
    try {
      crossSite ||= origin === "null" || new URL(origin).host !== host;
    } catch {
      crossSite = true;
    }
  }
  if (!crossSite) return next();
  req.log.warn(
    {
      event: "access_denied",
      action: `${req.method} ${req.path}`,
      reason: `cross-site request (Origin ${origin ?? "none"}, Sec-Fetch-Site ${site ?? "none"})`,
    },
    "access denied",
  );
  res.status(403).set("Cache-Control", "no-store");
  if (req.path.startsWith("/api/")) {
    res.json({ error: { code: "FORBIDDEN", message: "Cross-site requests are refused." } });
  } else {
    res.type("text/plain").send("This form was sent from another site and has been refused.");
  }
}

app.use(requestLogger(logger));
// Unknown methods, malformed Host headers and oversized bodies get a 4xx here, before anything uses them.
if (build.entry.module.requestGuard) app.use(build.entry.module.requestGuard);

// Graceful shutdown (below): from the moment an instance starts draining, its readiness check fails, so
// that a load balancer still holding a keep-alive connection sends the next request elsewhere.
let draining = false;
app.get("/readyz", (req, res, next) => {
  if (!draining) return next();
  res.status(503).set("Cache-Control", "no-store").json({ status: "draining" });
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", setHeaders: staticHeaders }));
app.use(express.static("public", { maxAge: "1h", setHeaders: staticHeaders }));
app.use(refuseCrossSite);
// Under overload, a bounded queue of waiting requests; beyond it a quick 503 with Retry-After.
if (build.entry.module.loadShedder) app.use(build.entry.module.loadShedder());
app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown", requestId: req.id }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  logger.info({ port }, `Initiative Tracker listening on http://localhost:${port}`);
  if (process.env.NODE_ENV === "development") broadcastDevReady(build);
  // Notifications, reminders and digests: here unless an operator runs `npm run jobs` instead.
  if (build.entry.module.jobsInApp?.()) build.entry.module.startJobs();
});

// Graceful shutdown: on SIGTERM (or SIGINT) stop accepting connections, let the requests in flight finish
// (up to SHUTDOWN_TIMEOUT_MS), close the database and exit 0, so that a rolling restart loses no request
// that was accepted. Responses from then on carry `Connection: close`. A connection that is open but between
// requests (a proxy's keep-alive connection, or one whose request has not been read yet) may be carrying a
// request right now, so it is closed only after IDLE_GRACE_MS without one; Node's own http server.close()
// would destroy it at once, dropping that request, hence net.Server's close for the listening socket below.
const SHUTDOWN_TIMEOUT_MS = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 25_000);
const IDLE_GRACE_MS = 1_000;
let inFlight = 0;
let graceOver = false;
const responses = new Set();
/** Every open connection, and whether a request is being answered on it. */
const connections = new Map();
server.on("connection", (socket) => {
  connections.set(socket, { busy: false });
  socket.once("close", () => connections.delete(socket));
});
function closeIdleConnections() {
  for (const [socket, state] of connections) if (!state.busy) socket.destroy();
}
server.on("request", (req, res) => {
  inFlight++;
  responses.add(res);
  const state = connections.get(req.socket);
  if (state) state.busy = true;
  if (draining) res.setHeader("Connection", "close");
  res.once("close", () => {
    inFlight--;
    responses.delete(res);
    if (state) state.busy = false;
    if (graceOver) closeIdleConnections();
  });
});
function shutdown(signal) {
  if (draining) return;
  draining = true;
  const started = Date.now();
  const log = (fields) => logger.info({ event: "shutdown", signal, ...fields }, "shutdown");
  log({ inFlight, connections: connections.size });
  for (const res of responses) if (!res.headersSent) res.setHeader("Connection", "close");
  const timer = setTimeout(() => {
    log({ timedOut: true, unfinished: inFlight });
    server.closeAllConnections();
  }, SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  setTimeout(() => {
    graceOver = true;
    closeIdleConnections();
  }, IDLE_GRACE_MS).unref();
  net.Server.prototype.close.call(server, async () => {
    clearTimeout(timer);
    try {
      await build.entry.module.stopJobs?.();
      await build.entry.module.disconnectDb?.();
    } catch (error) {
      log({ databaseCloseError: error instanceof Error ? error.message : String(error) });
    }
    log({ done: true, ms: Date.now() - started });
    // The log is written asynchronously: let its last lines out before the process ends.
    logger.flush(() => process.exit(0));
  });
}
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));

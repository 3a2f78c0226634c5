/**
 * Load shedding (server.mjs mounts it in front of the app): at most `concurrency` requests are worked on
 * at once; up to `queueLimit` more wait their turn, first come first served, for at most `queueTimeoutMs`.
 * A request beyond that queue, or one that waited too long, is answered at once with 503 and
 * `Retry-After`, so that under overload a client (or a load balancer, which may try another instance)
 * hears "busy" quickly instead of waiting until its connection times out, and the requests already
 * accepted keep their pace. Health checks never wait: they say whether the instance lives, not whether
 * it is busy.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { getEnv } from "./env.server.ts";
import { refuse } from "./request-guard.server.ts";

export type LoadSheddingOptions = { concurrency: number; queueLimit: number; queueTimeoutMs: number };

type Next = (error?: unknown) => void;
type Waiter = { res: ServerResponse; start: () => void; timer: NodeJS.Timeout };

/** Seconds a refused client should wait before trying again. */
export const SHED_RETRY_AFTER_S = 2;
const EXEMPT = new Set(["/healthz", "/readyz"]);

function shed(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("Connection", "close");
  refuse(req, res, 503, "SERVICE_UNAVAILABLE", "errors.overloaded", { "Retry-After": String(SHED_RETRY_AFTER_S) });
}

/** Connect-style middleware (Express's `app.use`); options default to the environment's settings. */
export function loadShedder(options?: LoadSheddingOptions) {
  const env = options ? null : getEnv();
  const { concurrency, queueLimit, queueTimeoutMs } = options ?? {
    concurrency: env!.REQUEST_CONCURRENCY,
    queueLimit: env!.REQUEST_QUEUE_LIMIT,
    queueTimeoutMs: env!.REQUEST_QUEUE_TIMEOUT_MS,
  };
  let active = 0;
  const queue: Waiter[] = [];

  function nextInLine() {
    while (active < concurrency && queue.length > 0) {
      const waiter = queue.shift()!;
      clearTimeout(waiter.timer);
      waiter.start();
    }
  }

  function run(res: ServerResponse, next: Next) {
    active++;
    // 'close' comes once the answer is sent, or when the client went away first: either frees the place.
    res.once("close", () => {
      active--;
      nextInLine();
    });
    next();
  }

  return function loadShedding(req: IncomingMessage, res: ServerResponse, next: Next): void {
    if (EXEMPT.has((req.url ?? "/").split("?")[0]!)) return next();
    if (active < concurrency) return run(res, next);
    if (queue.length >= queueLimit) return shed(req, res);
    const waiter: Waiter = {
      res,
      start: () => run(res, next),
      timer: setTimeout(() => {
        queue.splice(queue.indexOf(waiter), 1);
        shed(req, res);
      }, queueTimeoutMs),
    };
    queue.push(waiter);
    // A client that gives up while waiting leaves the queue.
    res.once("close", () => {
      const at = queue.indexOf(waiter);
      if (at === -1) return;
      queue.splice(at, 1);
      clearTimeout(waiter.timer);
    });
  };
}

/**
 * One id per HTTP request: taken from a proxy's X-Request-Id when it is well formed, generated
 * otherwise, echoed in the response's X-Request-Id header, written on the request's access-log line and
 * on every line logged while serving it, and given to Remix as `context.requestId` so that the error
 * page can show it. A user who quotes it lets the operator find the request in the log. It is also put
 * on the request's own X-Request-Id header, so that the loaders of one request can share work by it.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pinoHttp } from "pino-http";
import { getLogger } from "./logger.server.ts";

// Letters, digits and a few separators, 8 to 128 characters: what proxies and load balancers send
// (UUIDs, hex trace ids), and nothing that could forge a log line or a header.
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

/** The incoming X-Request-Id when it is well formed, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && WELL_FORMED.test(value) ? value : randomUUID();
}

/** The request id of a Remix load context (undefined outside an HTTP request, e.g. in a script). */
export function requestIdOf(context: unknown): string | undefined {
  const id = (context as { requestId?: unknown } | undefined)?.requestId;
  return typeof id === "string" ? id : undefined;
}

/**
 * The access log as Express/Connect middleware: one line per request when the response is finished,
 * at `info` (`warn` for 4xx, `error` for 5xx), with the request id, method, path, status and time taken.
 * Static files under /build are not logged.
 */
export function requestLogger(logger = getLogger()) {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const id = requestIdFrom(req.headers["x-request-id"]);
      // The same id on the request that Remix is given: the loaders of one request know each other by it.
      req.headers["x-request-id"] = id;
      res.setHeader("X-Request-Id", id);
      return id;
    },
    customLogLevel(_req, res, error) {
      if (error || res.statusCode >= 500) return "error";
      if (res.statusCode >= 400) return "warn";
      return "info";
    },
    customSuccessMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode}`,
    autoLogging: { ignore: (req) => (req.url ?? "").startsWith("/build/") },
    quietReqLogger: true,
  });
}

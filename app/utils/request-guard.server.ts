/**
 * The first thing every request meets (server.mjs mounts it before anything else): refuses what the
 * rest of the server cannot even represent, with a 4xx instead of the 500 it would otherwise cause.
 * - A method the app does not use (TRACE, CONNECT, WebDAV's PROPFIND, made-up ones): 405 with `Allow`.
 * - A `Host` (or `X-Forwarded-Host`) that is not a host name, an IP address or `[IPv6]` with an optional
 *   port: 400. Every absolute URL the app builds starts from it, and a malformed one fails to parse.
 * - A path whose %-escapes do not decode to UTF-8 text (`/initiatives/%E0%A4%A`): 400, rather than the
 *   router's own error, which would be logged as a server fault.
 * - A declared body larger than any route accepts: 413 before Remix sees it, which would start to stream
 *   it (a route without an action would leave it unread and the connection stalled). The body is read
 *   and dropped before the answer (see `refuse`). Smaller per-route limits, and chunked bodies, are
 *   checked per route (request-body.server.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { getT } from "~/i18n/t.ts";
import type { MessageKey, TParams } from "~/i18n/t.ts";
import { maxUploadBytes, UPLOAD_ENVELOPE_BYTES } from "~/attachments/upload.server.ts";
import { DRAIN_MAX_BYTES, MAX_BODY_BYTES } from "./request-body.server.ts";

// No OPTIONS: the app answers no cross-origin preflight, and Remix would log it as an error.
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
const ALLOWED = new Set<string>(ALLOWED_METHODS);

// Labels of letters, digits, hyphens (and underscores, which container names use), dot-separated.
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9_-]{1,63}(?:\.[A-Za-z0-9_-]{1,63})*\.?$/;
const IPV6 = /^\[[0-9A-Fa-f:.]{2,45}\]$/;

/** True for `host`, `host:port`, `1.2.3.4:port` or `[::1]:port`, with a port from 1 to 65535. */
export function isValidHost(value: string): boolean {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(value);
  if (!match) return false;
  const [, name = "", port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  return IPV6.test(name) || HOSTNAME.test(name);
}

type Next = (error?: unknown) => void;

const english = getT("en");
const chinese = getT("zh-Hant");

/** A refusal in the API's JSON shape under /api/, otherwise plain text in both languages. */
export function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: string,
  key: MessageKey,
  headers: Record<string, string> = {},
  values?: TParams,
): void {
  const api = (req.url ?? "").startsWith("/api/");
  const body = api
    ? JSON.stringify({ error: { code, message: english(key, values), messageKey: key, ...(values ? { values } : {}) } })
    : `${english(key, values)}\n${chinese(key, values)}\n`;
  const send = () => {
    if (res.headersSent) return;
    res.writeHead(status, {
      "Content-Type": api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...headers,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };
  // A body still on its way is read (and dropped) first: closing the connection under unread data (as
  // Node does after answering a client that sent `Connection: close`) makes the client's network stack
  // report a reset instead of this answer. Only an absurd one is not waited for.
  const declared = Number(req.headers["content-length"] ?? 0);
  const hasBody = declared > 0 || req.headers["transfer-encoding"] !== undefined;
  if (!hasBody || declared > DRAIN_MAX_BYTES || req.readableEnded) {
    send();
    return;
  }
  let received = 0;
  req.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (received <= DRAIN_MAX_BYTES) return;
    // A body without end: answer, then cut the connection rather than read on.
    req.removeAllListeners("data");
    req.pause();
    res.once("finish", () => req.socket.destroy());
    send();
  });
  req.once("end", send);
  req.once("error", send);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(",")[0]!.trim();
}

/** Connect-style middleware (Express's `app.use`). */
export function requestGuard(req: IncomingMessage, res: ServerResponse, next: Next): void {
  const method = (req.method ?? "").toUpperCase();
  if (!ALLOWED.has(method)) {
    refuse(req, res, 405, "METHOD_NOT_ALLOWED", "errors.methodNotAllowed", { Allow: ALLOWED_METHODS.join(", ") });
    return;
  }
  const host = firstHeader(req.headers.host);
  const forwarded = req.headers["x-forwarded-host"];
  const forwardedHost = firstHeader(forwarded);
  if (!host || !isValidHost(host) || (forwarded !== undefined && !(forwardedHost && isValidHost(forwardedHost)))) {
    refuse(req, res, 400, "BAD_REQUEST", "errors.badHost");
    return;
  }
  const limit = declaredBodyLimit(req.url ?? "/");
  if (Number(req.headers["content-length"] ?? 0) > limit) {
    refuse(
      req,
      res,
      413,
      "PAYLOAD_TOO_LARGE",
      "errors.tooLarge.body",
      {},
      { limit: `${Math.floor(limit / 1024 / 1024)} MB` },
    );
    return;
  }
  if (!isDecodablePath(req.url ?? "/")) {
    refuse(req, res, 400, "BAD_REQUEST", "errors.badPath");
    return;
  }
  next();
}

// Attachment uploads (pages and API) take a file up to ATTACHMENT_MAX_MB; every other address 1 MB.
const UPLOAD_PATH = /^\/(?:api\/v1\/)?initiatives\/[^/?]+\/attachments\/?(?:\?|$)/;

/** The largest body any route at this address accepts (the route checks its own, smaller, limit). */
function declaredBodyLimit(url: string): number {
  return UPLOAD_PATH.test(url) ? maxUploadBytes() + UPLOAD_ENVELOPE_BYTES : MAX_BODY_BYTES;
}

function isDecodablePath(url: string): boolean {
  const end = url.indexOf("?");
  try {
    decodeURIComponent(end === -1 ? url : url.slice(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * Body limits and body types for every action, applied once to the whole server build (server.mjs) so
 * that no route has to remember them. Before an action runs, its body is read up to the route's limit:
 * sign-in forms a few kilobytes, other page forms and JSON 1 MB. A body over the limit is answered 413
 * before anything parses it (by its declared length, or by counting what arrives when it is chunked), so
 * a huge value can be neither processed, stored nor echoed. A URL-encoded form must be UTF-8 text. A page action also refuses a body that is
 * not a web form (415): only the API takes JSON.
 */
import type { ServerBuild } from "@remix-run/node";
import { errorJson, HttpError, toPageResponse, type Message } from "./http.server.ts";

/** Sign-in and language forms: an e-mail, a password and a few hidden fields. */
export const SIGN_IN_FORM_MAX_BYTES = 16 * 1024;
/** Page forms (a proposal with fifty milestones is a few kilobytes) and JSON bodies. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Routes that take a file: a multipart body goes to the action unread, which streams it within the
 * attachment limit itself (app/attachments/upload.server.ts); their other bodies keep the 1 MB limit.
 */
export const UPLOAD_ROUTES = new Set([
  "routes/initiatives.$ref.attachments._index",
  "routes/api.v1.initiatives.$ref.attachments._index",
]);

/** Routes any visitor may post to, signed in or not: the smallest limit. */
const ANONYMOUS_FORM_ROUTES = new Set(["routes/login", "routes/lang", "routes/logout"]);

/** The body limit of a route (by its Remix route id). */
export function bodyLimitOf(routeId: string): number {
  return ANONYMOUS_FORM_ROUTES.has(routeId) ? SIGN_IN_FORM_MAX_BYTES : MAX_BODY_BYTES;
}

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`;
}

/** The 413 for a body over `limit` bytes (worded for a JSON client or for a person with a form). */
export function bodyTooLarge(limit: number, api = false): HttpError {
  const message: Message = api
    ? { key: "problems.bodyTooLarge", values: { megabytes: limit / 1024 / 1024 } }
    : { key: "errors.tooLarge.body", values: { limit: describeBytes(limit) } };
  return new HttpError(413, message, undefined, "PAYLOAD_TOO_LARGE");
}

/** How much of a refused body is still read and thrown away, so that the client can read the 413. */
export const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads and discards the rest of a refused body before the refusal is sent. Cancelling the stream
 * instead would destroy the socket while the client is still sending, and answering before the body is
 * in would let Node close the connection (a client that sent `Connection: close`) under unread data:
 * either way the client would see a connection reset instead of the 413; leaving it unread would stall
 * the connection. A body that goes on past {@link DRAIN_MAX_BYTES} is cut off.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > DRAIN_MAX_BYTES) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The client went away: nothing left to drain.
  }
}

/**
 * Reads a request's body, at most `limit` bytes; throws {@link bodyTooLarge} beyond. The declared
 * `Content-Length` is checked first; a chunked body (or a wrong length) is counted as it arrives.
 */
export async function readBodyLimited(request: Request, limit: number, api = false): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const declared = request.headers.get("Content-Length");
  if (declared !== null && Number(declared) > limit) {
    await drain(reader);
    throw bodyTooLarge(limit, api);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await drain(reader);
      throw bodyTooLarge(limit, api);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function isMultipart(contentType: string | null): boolean {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase() === "multipart/form-data";
}

function isUrlEncoded(contentType: string | null): boolean {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase() === "application/x-www-form-urlencoded";
}

/** True when a page action can parse the body as a form: URL-encoded, or multipart with a boundary. */
export function isFormBody(contentType: string | null): boolean {
  const [media = "", ...params] = (contentType ?? "").split(";").map((part) => part.trim());
  const type = media.toLowerCase();
  if (type === "application/x-www-form-urlencoded") return true;
  if (type !== "multipart/form-data") return false;
  return params.some((param) => /^boundary=("?)[^"]{1,70}\1$/i.test(param));
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * True when a URL-encoded form body is text: UTF-8 bytes, and every `%xx` escape decodes to UTF-8 (an
 * encoded lone surrogate, `%ED%A0%80`, does not). The form parser would quietly turn either into U+FFFD
 * and the action would store it.
 */
export function isWellFormedUrlEncoded(body: Uint8Array): boolean {
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    return false;
  }
  try {
    for (const pair of text.split("&")) decodeURIComponent(pair.replace(/\+/g, " "));
    return true;
  } catch {
    return false;
  }
}

const API_ROUTE = /^routes\/api\./;
const BODYLESS = new Set(["GET", "HEAD"]);

function refusal(error: HttpError, api: boolean): Response {
  if (api) return errorJson(error.status, error.message, undefined, error.code, error.headers, error.i18n);
  return toPageResponse(error);
}

type Action = NonNullable<ServerBuild["routes"][string]["module"]["action"]>;

/** Wraps one route's action: checks the body's type, reads it within the limit, then runs the action. */
export function withBodyLimit(routeId: string, action: Action): Action {
  const limit = bodyLimitOf(routeId);
  const api = API_ROUTE.test(routeId);
  const wrapped: Action = async (args) => {
    const { request } = args;
    if (BODYLESS.has(request.method.toUpperCase())) return action(args);
    if (UPLOAD_ROUTES.has(routeId) && isMultipart(request.headers.get("Content-Type"))) return action(args);
    // Read first, even a body about to be refused: answering before it has arrived would close the
    // connection under data still coming, and the client would see a reset instead of the answer.
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readBodyLimited(request, limit, api);
    } catch (error) {
      if (error instanceof HttpError) throw refusal(error, api);
      throw error;
    }
    if (!api && !isFormBody(request.headers.get("Content-Type"))) {
      throw refusal(
        new HttpError(415, { key: "errors.unsupportedMediaType" }, undefined, "UNSUPPORTED_MEDIA_TYPE"),
        false,
      );
    }
    if (!api && isUrlEncoded(request.headers.get("Content-Type")) && !isWellFormedUrlEncoded(body)) {
      throw refusal(new HttpError(400, { key: "errors.badEncoding" }), false);
    }
    // The action reads this copy, which is already complete and within the limit.
    const copy = new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: body.byteLength > 0 ? body : null,
      signal: request.signal,
    });
    return action({ ...args, request: copy });
  };
  return wrapped;
}

/**
 * The action of a route that has none: the 405 Remix would answer, but only once the body is in. Remix
 * answers at once, and a client that sent `Connection: close` with a large body still on its way then saw
 * its connection reset instead of the 405 (Node closes the connection under the unread data).
 */
const noAction: Action = async ({ request }) => {
  if (request.body) await drain(request.body.getReader());
  throw new Response(null, { status: 405, statusText: "Method Not Allowed" });
};

/**
 * The build with every route's action behind its body limit, and every route without one refusing a body
 * only once it has arrived (the route modules stay untouched).
 */
export function withBodyLimits(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const action = route.module.action ? withBodyLimit(id, route.module.action) : noAction;
      return [id, { ...route, module: { ...route.module, action } }];
    }),
  );
  return { ...build, routes };
}

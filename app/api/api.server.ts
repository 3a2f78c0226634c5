/**
 * The plumbing every JSON API route shares: method dispatch with 405s, one error shape
 * (`{ error: { code, message, fields? } }`) for everything that can go wrong, the response headers an
 * API answer must carry, and a careful JSON body reader.
 */
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { HolidayDataMissingError } from "~/calendar/working-days.ts";
import { dbFaultHttpError } from "~/utils/db/db-errors.server.ts";
import { MAX_BODY_BYTES, readBodyLimited } from "~/utils/request-body.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { getLogger } from "~/utils/logger.server.ts";
import { requestIdOf } from "~/utils/request-id.server.ts";
import { errorJson, holidayDataMissing, HttpError } from "~/utils/http.server.ts";
import { applySecurityHeaders } from "~/utils/security-headers.server.ts";

/** Loaders and actions receive the same arguments; one handler type serves both. */
export type ApiArgs = LoaderFunctionArgs;
export type ApiHandler = (args: ApiArgs) => Promise<Response> | Response;
export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type ApiHandlers = Partial<Record<ApiMethod, ApiHandler>>;

/** The largest request body the API reads. A proposal with fifty milestones is a few kilobytes. */
export { MAX_BODY_BYTES };

const STATUS_MESSAGES: Record<number, string> = {
  400: "Bad request",
  401: "Authentication required",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Request body too large",
  415: "Unsupported media type",
  422: "Unprocessable request",
  429: "Too many requests",
  503: "Service unavailable; try again later",
};

function allowHeader(handlers: ApiHandlers): string {
  const methods = Object.keys(handlers) as ApiMethod[];
  return (methods.includes("GET") ? ["GET", "HEAD", ...methods.filter((m) => m !== "GET")] : methods).join(", ");
}

/**
 * Wraps an API route: `apiRoute({ GET, POST })` for a route with several methods, or `apiRoute(fn)` for
 * one that answers every method alike. Export the result as both `loader` and `action` so that every
 * method reaches it (Remix sends GET/HEAD to the loader, everything else to the action), and a method
 * without a handler gets a JSON 405 with `Allow` instead of Remix's own error.
 *
 * Whatever a handler throws becomes the JSON error shape: an {@link HttpError} with its status, fields
 * and headers (e.g. `Retry-After`); a thrown Remix `Response` with its status; anything else a 500
 * whose body says only "Internal error" (the real error goes to the server log). Every answer carries
 * `Cache-Control: no-store` and the security headers pages get.
 */
export function apiRoute(spec: ApiHandler | ApiHandlers): ApiRouteHandler {
  const handlers: ApiHandlers | null = typeof spec === "function" ? null : spec;
  const allow = handlers ? allowHeader(handlers) : "";
  const api = async function api(args: ApiArgs): Promise<Response> {
    const { request } = args;
    const method = request.method.toUpperCase();
    let response: Response;
    try {
      const handler = typeof spec === "function" ? spec : handlers![(method === "HEAD" ? "GET" : method) as ApiMethod];
      response = handler
        ? await handler(args)
        : errorJson(405, `${method} is not supported here; use ${allow}.`, undefined, "METHOD_NOT_ALLOWED", {
            Allow: allow,
          });
    } catch (error) {
      response = await errorResponse(error, request, requestIdOf(args.context));
    }
    return withApiHeaders(response);
  };
  // The contract test reads which methods a route answers from here.
  return Object.assign(api, { methods: handlers ? (Object.keys(handlers) as ApiMethod[]) : null });
}

/** An API route's loader/action, with the methods it has handlers for (null: every method alike). */
export type ApiRouteHandler = ((args: ApiArgs) => Promise<Response>) & { methods: ApiMethod[] | null };

/** A JSON answer with the API's headers (the wrapper adds them too; this is for clarity at call sites). */
export function apiJson(data: unknown, init: ResponseInit = {}): Response {
  return json(data, init);
}

function withApiHeaders(response: Response): Response {
  try {
    applyApiHeaders(response.headers);
    return response;
  } catch {
    // A Response built elsewhere may have immutable headers; copy it rather than answer without them.
    const copy = new Response(response.body, response);
    applyApiHeaders(copy.headers);
    return copy;
  }
}

function applyApiHeaders(headers: Headers) {
  // Answers carry tokens and other B/Ds' plans: never keep them in a shared or browser cache.
  headers.set("Cache-Control", "no-store");
  applySecurityHeaders(headers, getEnv().NODE_ENV === "production");
}

async function errorResponse(error: unknown, request: Request, reqId: string | undefined): Promise<Response> {
  if (error instanceof HolidayDataMissingError) error = holidayDataMissing(error);
  if (error instanceof HttpError) {
    return errorJson(error.status, error.message, error.fields, error.code, error.headers, error.i18n);
  }
  if (error instanceof Response) return fromThrownResponse(error);
  // A busy, full or read-only database: the request was fine, so 503 with Retry-After, not a 500.
  const fault = dbFaultHttpError(error);
  if (fault) {
    getLogger().warn({ reqId, method: request.method, path: new URL(request.url).pathname }, fault.message);
    return errorJson(fault.status, fault.message, undefined, fault.code, fault.headers);
  }
  getLogger().error(
    { reqId, method: request.method, path: new URL(request.url).pathname, err: error },
    "API request failed",
  );
  return errorJson(500, "Internal error", undefined, "INTERNAL");
}

const KEPT_HEADERS = ["Allow", "Retry-After", "WWW-Authenticate", "Location"];

/**
 * Shared helpers throw plain Responses (`new Response("Forbidden", { status: 403 })`); an API client
 * must still get the JSON shape. Redirects and successes thrown on purpose pass through unchanged.
 */
async function fromThrownResponse(thrown: Response): Promise<Response> {
  if (thrown.status < 400) return thrown;
  const type = thrown.headers.get("Content-Type") ?? "";
  let message = "";
  try {
    const text = await thrown.text();
    if (type.includes("json")) {
      const body = JSON.parse(text) as { error?: { code?: unknown } };
      if (body && typeof body.error?.code === "string") {
        return new Response(text, { status: thrown.status, headers: thrown.headers });
      }
    } else if (!type.includes("html") && text.length <= 500) {
      message = text.trim();
    }
  } catch {
    // An unreadable body still gets an answer with its status.
  }
  const headers = new Headers();
  for (const name of KEPT_HEADERS) {
    const value = thrown.headers.get(name);
    if (value) headers.set(name, value);
  }
  const status = thrown.status >= 500 && thrown.status !== 503 ? 500 : thrown.status;
  if (status === 500) message = "Internal error";
  return errorJson(status, message || STATUS_MESSAGES[status] || "Error", undefined, undefined, headers);
}

function isJsonMediaType(contentType: string | null): boolean {
  const media = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return media === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(media);
}

// In a `u` pattern a well-formed pair is one code point outside this range; only a lone half matches.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * True when a key or string anywhere in a parsed JSON value holds half of a UTF-16 surrogate pair
 * (`"\uD800"` is valid JSON, but no text: it cannot be stored as UTF-8 or shown).
 */
function hasLoneSurrogate(value: unknown): boolean {
  // A stack, not recursion: JSON.parse accepts nesting deeper than the call stack allows.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === "string") {
      if (LONE_SURROGATE.test(item)) return true;
    } else if (typeof item === "object" && item !== null) {
      for (const [key, child] of Object.entries(item)) {
        if (LONE_SURROGATE.test(key)) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

/**
 * Reads a request's JSON object body. 415 unless `Content-Type` is JSON, 413 above
 * {@link MAX_BODY_BYTES}, 400 for an empty body, text that is not UTF-8 JSON, JSON that is not an
 * object (an array, a string, `null`), or a string holding a lone UTF-16 surrogate.
 */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  if (!isJsonMediaType(request.headers.get("Content-Type"))) {
    throw new HttpError(415, { key: "problems.bodyNotJsonType" }, undefined, "UNSUPPORTED_MEDIA_TYPE");
  }
  const bytes = await readBodyLimited(request, MAX_BODY_BYTES, true);
  let value: unknown;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    if (text.trim() === "") throw new HttpError(400, { key: "problems.bodyRequired" }, undefined, "BAD_REQUEST");
    value = JSON.parse(text);
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, { key: "problems.bodyInvalidJson" }, undefined, "BAD_REQUEST");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError(400, { key: "problems.bodyNotObject" }, undefined, "BAD_REQUEST");
  }
  if (hasLoneSurrogate(value)) throw new HttpError(400, { key: "problems.bodyInvalidJson" }, undefined, "BAD_REQUEST");
  return value as Record<string, unknown>;
}

/**
 * Separates the optimistic-locking `expectedVersion` from the rest of a body. Absent or `null` means
 * "no check"; anything but a whole number ≥ 1 is a 400 on that field.
 */
export function takeExpectedVersion(body: Record<string, unknown>): {
  expectedVersion: number | undefined;
  rest: Record<string, unknown>;
} {
  const { expectedVersion, ...rest } = body;
  if (expectedVersion === undefined || expectedVersion === null) return { expectedVersion: undefined, rest };
  if (typeof expectedVersion !== "number" || !Number.isInteger(expectedVersion) || expectedVersion < 1) {
    throw new HttpError(
      400,
      { key: "problems.expectedVersion" },
      {
        expectedVersion: ["errors.wholeNumber"],
      },
    );
  }
  return { expectedVersion, rest };
}

/**
 * Whether the client asked for an answer without the resource: `Prefer: return=minimal` (RFC 7240). A client
 * that needs only the new version spares the server reading the resource again. Answers that honour it say so
 * with {@link PREFERENCE_APPLIED}.
 */
export function prefersMinimal(request: Request): boolean {
  const prefer = request.headers.get("Prefer") ?? "";
  return prefer.split(",").some((p) => /^\s*return\s*=\s*"?minimal"?\s*(;|$)/i.test(p));
}

export const PREFERENCE_APPLIED = ["Preference-Applied", "return=minimal"] as const;

/** The `:ref` route parameter. */
export function refParam(params: ApiArgs["params"]): string {
  const ref = params.ref;
  if (!ref) throw new HttpError(404, { key: "problems.notFound" });
  return ref;
}

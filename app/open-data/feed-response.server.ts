/**
 * Turns a request for the open-data feed into its answer: the per-address limit (429 with Retry-After),
 * the filters (400), then the representation with ETag and Last-Modified, or a 304 when the client's
 * copy is current. Public and cacheable; the answer is the same for everyone.
 */
import { clientAddress } from "~/auth/auth.server.ts";
import { getT } from "~/i18n/t.ts";
import { getEnv } from "~/utils/env.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { applySecurityHeaders } from "~/utils/security-headers.server.ts";
import { etagOf, fundedInitiatives, openDataCsv, openDataJson } from "./open-data.server.ts";
import { takeRequest } from "./rate-limit.server.ts";

const en = getT("en");
const zh = getT("zh-Hant");

function plain(status: number, message: string, headers: Record<string, string> = {}): Response {
  const h = new Headers({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers });
  applySecurityHeaders(h, getEnv().NODE_ENV === "production");
  return new Response(message, { status, headers: h });
}

/** Whether the client's conditional headers say its copy is current (If-None-Match wins, as RFC 9110 says). */
function notModified(request: Request, etag: string, lastModified: Date): boolean {
  const inm = request.headers.get("If-None-Match");
  if (inm) return inm.split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*");
  const ims = Date.parse(request.headers.get("If-Modified-Since") ?? "");
  return Number.isFinite(ims) && lastModified.getTime() <= ims;
}

export async function feedResponse(request: Request, context: unknown, format: "csv" | "json"): Promise<Response> {
  const limited = takeRequest(clientAddress(context));
  if (!limited.ok) {
    return plain(429, `${en("openData.rateLimited")}\n${zh("openData.rateLimited")}`, {
      "Retry-After": String(limited.retryAfterSeconds),
    });
  }
  let set;
  try {
    set = await fundedInitiatives(new URL(request.url).searchParams);
  } catch (error) {
    if (error instanceof HttpError && error.status === 400) {
      const fields = Object.keys(error.fields ?? {}).join(", ");
      return plain(400, `${en("openData.badFilter", { fields })}\n${zh("openData.badFilter", { fields })}`);
    }
    throw error;
  }
  const body = format === "csv" ? openDataCsv(set) : openDataJson(set);
  const etag = etagOf(body);
  const headers = new Headers({
    ETag: etag,
    "Last-Modified": set.lastModified.toUTCString(),
    // Public data: shared caches may keep it, but must ask again (cheaply, with the validators) after 5 minutes.
    "Cache-Control": "public, max-age=300",
    "Access-Control-Allow-Origin": "*",
  });
  applySecurityHeaders(headers, getEnv().NODE_ENV === "production");
  if (notModified(request, etag, set.lastModified)) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8");
  if (format === "csv") headers.set("Content-Disposition", 'attachment; filename="funded-initiatives.csv"');
  return new Response(request.method === "HEAD" ? null : body, { status: 200, headers });
}

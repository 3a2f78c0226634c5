import { json } from "@remix-run/node";
import { HolidayDataMissingError } from "~/calendar/working-days.ts";
import { getLogger } from "./logger.server.ts";

export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UNPROCESSABLE"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL";

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  422: "UNPROCESSABLE",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL",
};

/**
 * An error that carries its HTTP shape. Domain modules throw it; pages turn it into the error
 * boundary's page, the API into `{ error: { code, message, fields } }`.
 */
export class HttpError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    public readonly fields?: Record<string, string[]>,
    public readonly code: string = CODE_OF_STATUS[status] ?? "ERROR",
    public readonly headers?: HeadersInit,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** A JSON error response in the API's shape. */
export function errorJson(
  status: number,
  message: string,
  fields?: Record<string, string[]>,
  code: string = CODE_OF_STATUS[status] ?? "ERROR",
  headers?: HeadersInit,
) {
  return json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers });
}

/** A Response for a page's error boundary: status and a short message, never internals. */
export function pageError(status: number, message = ""): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Turns an HttpError into the Response a page route throws. */
export function toPageResponse(error: HttpError): Response {
  return new Response(error.message, { status: error.status, headers: error.headers });
}

/**
 * The page answer when working days cannot be counted for lack of holiday data: a 503 that the error
 * boundary explains in the reader's language (the year is data, the text is the dictionary's).
 */
export function holidayDataMissingResponse(error: HolidayDataMissingError): Response {
  return json({ holidayDataMissing: error.year }, { status: 503 });
}

/**
 * Runs a page loader's or action's domain call and turns an HttpError into the Response Remix shows
 * through the error boundary (a bare Error would be a 500), and a missing year of holiday data into a
 * 503 that says so. Other errors pass through unchanged.
 */
export async function forPage<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof HttpError) throw toPageResponse(error);
    if (error instanceof HolidayDataMissingError) {
      getLogger().warn({ year: error.year }, error.message);
      throw holidayDataMissingResponse(error);
    }
    throw error;
  }
}

import { json } from "@remix-run/node";
import { HolidayDataMissingError } from "~/calendar/working-days.ts";
import { getT, type MessageKey, type TParams } from "~/i18n/t.ts";
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

/** A message for people: an i18n key and the values of its `{placeholders}`. */
import type { Message } from "./message.ts";

export type { Message };

const english = getT("en");

/**
 * An error that carries its HTTP shape and its message as an i18n key. Domain modules throw it; pages
 * show the message in the reader's language (see {@link toPageResponse}), the API answers
 * `{ error: { code, message, messageKey, values?, fields? } }` with `message` in English.
 *
 * A plain string message is accepted for errors no person reads; pages show such a one only as the
 * status's generic text.
 */
export class HttpError extends Error {
  readonly messageKey?: MessageKey;
  readonly values?: TParams;

  constructor(
    public readonly status: number,
    message: Message | string,
    public readonly fields?: Record<string, string[]>,
    public readonly code: string = CODE_OF_STATUS[status] ?? "ERROR",
    public readonly headers?: HeadersInit,
  ) {
    super(typeof message === "string" ? message : english(message.key, message.values));
    this.name = "HttpError";
    if (typeof message !== "string") {
      this.messageKey = message.key;
      if (message.values) this.values = message.values;
    }
  }

  /** The message as an i18n key and values, when it has one. */
  get i18n(): Message | undefined {
    return this.messageKey ? { key: this.messageKey, ...(this.values ? { values: this.values } : {}) } : undefined;
  }
}

/** A JSON error response in the API's shape; `message` is English, `messageKey` its i18n key. */
export function errorJson(
  status: number,
  message: string,
  fields?: Record<string, string[]>,
  code: string = CODE_OF_STATUS[status] ?? "ERROR",
  headers?: HeadersInit,
  i18n?: Message,
) {
  return json(
    {
      error: {
        code,
        message,
        ...(i18n ? { messageKey: i18n.key, ...(i18n.values ? { values: i18n.values } : {}) } : {}),
        ...(fields ? { fields } : {}),
      },
    },
    { status, headers },
  );
}

/** What a page's error boundary reads from a thrown domain error: the message to translate, and a title when the status's own would mislead. */
export type PageErrorData = { messageKey: MessageKey; values?: TParams; titleKey?: MessageKey };

/** A Response for a page's error boundary: status and a short message, never internals. */
export function pageError(status: number, message = ""): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * Turns an HttpError into the Response a page route throws: its status and headers, and its message as
 * an i18n key so that the error page can say it in the reader's language.
 */
export function toPageResponse(error: HttpError): Response {
  if (!error.messageKey) return new Response(error.message, { status: error.status, headers: error.headers });
  const body: PageErrorData = { messageKey: error.messageKey, ...(error.values ? { values: error.values } : {}) };
  return json(body, { status: error.status, headers: error.headers });
}

/**
 * Working days cannot be counted for lack of a year's holiday data: a 503 (no Retry-After — waiting does
 * not help, an administrator must add the year) that both the API and the error page explain.
 */
export function holidayDataMissing(error: HolidayDataMissingError): HttpError {
  return new HttpError(
    503,
    { key: "calendar.missing.body", values: { year: error.year } },
    undefined,
    "HOLIDAY_DATA_MISSING",
  );
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
      const body: PageErrorData = {
        messageKey: "calendar.missing.body",
        values: { year: error.year },
        titleKey: "calendar.missing.title",
      };
      throw json(body, { status: 503 });
    }
    throw error;
  }
}

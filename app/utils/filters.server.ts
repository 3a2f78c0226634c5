import type { z } from "zod";
import { fieldErrorsOf } from "./field-errors.ts";
import { HttpError } from "./http.server.ts";

/**
 * A list's filters from a query string (or the API's parameters), by `schema`; a bad value is a 400 that names
 * the parameters (`problems.invalidFilter`), with each one's message. Used by the register and the dashboard.
 */
export function parseFilters<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  input: URLSearchParams | Record<string, unknown>,
): T {
  const result = schema.safeParse(input instanceof URLSearchParams ? Object.fromEntries(input) : input);
  if (!result.success) {
    const fields = fieldErrorsOf(result.error);
    throw new HttpError(
      400,
      { key: "problems.invalidFilter", values: { names: Object.keys(fields).join(", ") } },
      fields,
    );
  }
  return result.data;
}

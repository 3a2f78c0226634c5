import type { z } from "zod";

/** Field name (dotted path) → its messages, as i18n keys; `_form` holds errors about the whole form. */
export type FieldErrors = Record<string, string[]>;

/**
 * A zod error as field errors: each issue's message (an i18n key in this app's schemas) under its dotted
 * path, and issues about the whole value under `_form`. Browser-safe.
 */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return out;
}

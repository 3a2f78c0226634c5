/**
 * A funding-round page action's answer: the domain's refusals that a person can fix (bad input 400, a
 * refused move or finalisation 409/422) come back as data to show beside the form; every other error is
 * the page's error (403, 404, 503) through forPage.
 */
import type { Message } from "~/utils/http.server.ts";
import { forPage, HttpError } from "~/utils/http.server.ts";

export type FormRefusal = { ok: false; status: number; message: Message | null; fields: Record<string, string[]> };

export async function formOutcome<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | FormRefusal> {
  return forPage(async () => {
    try {
      return { ok: true as const, value: await fn() };
    } catch (error) {
      if (error instanceof HttpError && [400, 409, 422].includes(error.status)) {
        return { ok: false as const, status: error.status, message: error.i18n ?? null, fields: error.fields ?? {} };
      }
      throw error;
    }
  });
}

/** A form's fields as plain strings, without the CSRF token and other `_` fields. */
export function formValues(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter(([k]) => !k.startsWith("_")).map(([k, v]) => [k, String(v)]));
}

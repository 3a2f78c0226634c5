import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldValues, Resolver, FieldErrors as RhfErrors } from "react-hook-form";
import type { z } from "zod";
import type { FieldErrors } from "./form-fields.tsx";

/** What a form's values are checked with: a zod schema and the body the server would read, or a choice not yet made. */
export type FormCheck = { schema: z.ZodTypeAny; body: unknown } | { unchosen: string; message: string };

/**
 * A react-hook-form resolver over the app's zod schemas: `check` picks the schema (it may follow the
 * decision chosen) and builds the body the server would read, so the browser validates exactly what the
 * server will. The form keeps its own values: the schemas' output is the server's business.
 */
export function schemaResolver<T extends FieldValues>(check: (values: T) => FormCheck): Resolver<T> {
  return async (values, context, options) => {
    const picked = check(values);
    if ("unchosen" in picked) {
      return { values: {}, errors: { [picked.unchosen]: { type: "required", message: picked.message } } } as never;
    }
    const result = await zodResolver(picked.schema as never)(picked.body as never, context, options as never);
    return (Object.keys(result.errors).length > 0 ? result : { values, errors: {} }) as never;
  };
}

/** react-hook-form's nested errors as dotted paths, like the server's (an array's own error is `root`). */
export function flattenErrors(errors: RhfErrors, prefix = ""): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, value] of Object.entries(errors)) {
    if (!value || key === "ref") continue;
    const path = key === "root" ? prefix : prefix ? `${prefix}.${key}` : key;
    const v = value as { message?: unknown; type?: unknown };
    if (typeof v.message === "string" && v.type !== undefined) out[path] = [v.message];
    else if (typeof value === "object") Object.assign(out, flattenErrors(value as RhfErrors, path));
  }
  return out;
}

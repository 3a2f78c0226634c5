import { json, redirect } from "@remix-run/node";
import { readUserForm, type SessionUser } from "~/auth/auth.server.ts";
import { isEventType } from "~/lifecycle/events.ts";
import { HttpError, toPageResponse } from "~/utils/http.server.ts";
import { addComment, sendEvent } from "./initiatives.server.ts";

export type InitiativeActionData = { intent: string; fields: Record<string, string[]>; message?: string; conflict?: boolean };

const ROW_KEY = /^(conditions)\.(\d{1,2})\.(text|due)$/;

/**
 * Reads an action form of the initiative page into an event body: plain fields as they are, and
 * condition rows (`conditions.N.text`, `conditions.N.due`) as a list. The session's CSRF token, the
 * intent and the version are not part of the body.
 */
export function readEventForm(form: FormData): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const rows: Record<string, string>[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || key === "_csrf" || key === "intent" || key === "version") continue;
    const m = ROW_KEY.exec(key);
    if (m) (rows[Number(m[2])] ??= {})[m[3]!] = value;
    else body[key] = value;
  }
  if (rows.length) body.conditions = rows.filter(Boolean);
  return body;
}

/** The initiative page's action: one lifecycle event, or a comment, for the signed-in user. */
export async function handleInitiativeAction(request: Request, user: SessionUser, ref: string) {
  const form = await readUserForm(request, user);
  const intent = String(form.get("intent") ?? "");
  const version = Number(form.get("version"));
  const fail = (status: number, data: Omit<InitiativeActionData, "intent">) =>
    json<InitiativeActionData>({ intent, ...data }, { status });
  try {
    if (intent === "comment") {
      await addComment(user, ref, { body: form.get("body") });
      return redirect(`/initiatives/${ref}?done=COMMENT#comments`);
    }
    if (!isEventType(intent)) return fail(400, { fields: { _form: ["errors.invalidChoice"] } });
    await sendEvent(user, ref, { ...readEventForm(form), type: intent }, {
      expectedVersion: Number.isInteger(version) && version > 0 ? version : undefined,
    });
    return redirect(`/initiatives/${ref}?done=${intent}`);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    if (error.status === 409) return fail(409, { fields: {}, conflict: true });
    if (error.status === 400 || error.status === 422) {
      return fail(error.status, { fields: error.fields ?? {}, message: error.fields ? undefined : error.message });
    }
    throw toPageResponse(error);
  }
}

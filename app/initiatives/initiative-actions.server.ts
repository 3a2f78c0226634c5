import { json, redirect } from "@remix-run/node";
import { readUserForm, type SessionUser } from "~/auth/auth.server.ts";
import { isEventType } from "~/lifecycle/events.ts";
import { decisionFormErrors, hasDecisionFormSchema, isDecisionForm } from "~/reviews/decision-forms.ts";
import { HttpError, toPageResponse, type Message } from "~/utils/http.server.ts";
import { addComment } from "./comments.server.ts";
import { sendEvent } from "./send-event.server.ts";

export type InitiativeActionData = {
  intent: string;
  fields: Record<string, string[]>;
  /** The service's message about the whole action, as an i18n key and values. */
  message?: Message;
  conflict?: boolean;
  /** The reviewer's decision form that was sent (`review` or `funding`), which shows these errors. */
  form?: string;
  /** What a decision form sent, so that a page without JavaScript can show it again beside the errors. */
  values?: Record<string, string>;
};

const ROW_KEY = /^(conditions)\.(\d{1,2})\.(text|due)$/;
/** A change request's milestone rows (issue 15): an open milestone's id, name and date, or a new one. */
const MILESTONE_KEY = /^milestones\.(\d{1,2})\.(id|name|due|remove)$/;

/**
 * Reads an action form of the initiative page into an event body: plain fields as they are, and
 * condition rows (`conditions.N.text`, `conditions.N.due`) as a list. The session's CSRF token, the
 * intent and the version are not part of the body.
 */
export function readEventForm(form: FormData): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const rows: Record<string, string>[] = [];
  const milestones: Record<string, string>[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || key === "_csrf" || key === "intent" || key === "version" || key === "form")
      continue;
    const m = ROW_KEY.exec(key);
    const ms = MILESTONE_KEY.exec(key);
    if (m) (rows[Number(m[2])] ??= {})[m[3]!] = value;
    else if (ms) (milestones[Number(ms[1])] ??= {})[ms[2]!] = value;
    else body[key] = value;
  }
  if (rows.length) body.conditions = rows.filter(Boolean);
  // A ticked "remove" drops the row: the list is the open milestones after the change.
  if (milestones.length) body.milestones = milestones.filter((r) => r && !r.remove).map(({ remove: _, ...r }) => r);
  return body;
}

/** The initiative page's action: one lifecycle event, or a comment, for the signed-in user. */
export async function handleInitiativeAction(request: Request, user: SessionUser, ref: string) {
  const form = await readUserForm(request, user);
  const intent = String(form.get("intent") ?? "");
  const version = Number(form.get("version"));
  const decisionForm = form.get("form");
  const echo: Pick<InitiativeActionData, "form" | "values"> = isDecisionForm(decisionForm)
    ? {
        form: decisionForm,
        values: Object.fromEntries(
          [...form.entries()]
            .filter(([k, v]) => typeof v === "string" && k !== "_csrf")
            .map(([k, v]) => [k, String(v)]),
        ),
      }
    : {};
  const fail = (status: number, data: Omit<InitiativeActionData, "intent">) =>
    json<InitiativeActionData>({ intent, ...echo, ...data }, { status });
  try {
    if (intent === "comment") {
      await addComment(user, ref, { body: form.get("body") });
      return redirect(`/initiatives/${ref}?done=COMMENT#comments`);
    }
    if (!isEventType(intent)) {
      // A decision form posts its choice as a radio button: none chosen is a field error beside it.
      return fail(400, {
        fields: echo.form ? { intent: ["reviews.errors.chooseDecision"] } : { _form: ["errors.invalidChoice"] },
      });
    }
    const body = readEventForm(form);
    if (echo.form && hasDecisionFormSchema(intent)) {
      const fields = decisionFormErrors(intent, body);
      if (fields) return fail(400, { fields });
    }
    await sendEvent(
      user,
      ref,
      { ...body, type: intent },
      {
        expectedVersion: Number.isInteger(version) && version > 0 ? version : undefined,
      },
    );
    return redirect(`/initiatives/${ref}?done=${intent}`);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    if (error.status === 409) return fail(409, { fields: {}, conflict: true });
    if (error.status === 400 || error.status === 422) {
      return fail(error.status, {
        fields: error.fields ?? {},
        message: error.fields ? undefined : (error.i18n ?? { key: "errors.badRequest.title" }),
      });
    }
    throw toPageResponse(error);
  }
}

import { json, redirect } from "@remix-run/node";
import { readUserForm, type SessionUser } from "~/auth/auth.server.ts";
import type { TParams } from "~/i18n/t.ts";
import { HttpError, toPageResponse } from "~/utils/http.server.ts";
import { fieldErrorsOf } from "~/utils/field-errors.ts";
import { createDraft, updateDraft } from "./drafts.server.ts";
import { sendEvent } from "./send-event.server.ts";
import {
  editMilestones,
  formStateToInput,
  readProposalForm,
  withDefaultLeadDivision,
  type ProposalFormState,
} from "./proposal-form.ts";
import { proposalSubmissionSchema } from "./proposal.schema.ts";

export type ProposalActionData = {
  values: ProposalFormState;
  fields: Record<string, string[]>;
  intent: string;
  /** Values of the `_form` message's placeholders. */
  params?: TParams;
};

/**
 * The proposal form's action for a new (no `ref`) or existing draft. `intent=save` keeps a partial
 * draft; `intent=submit` first checks the whole proposal and writes nothing unless it is complete;
 * the milestone intents (add, remove, move) re-render the form without saving, for browsers without
 * JavaScript.
 */
export async function handleProposalForm(request: Request, user: SessionUser, ref?: string) {
  const form = await readUserForm(request, user);
  const intent = String(form.get("intent") ?? "save");
  const values = readProposalForm(form);
  const fail = (status: number, fields: Record<string, string[]>, params?: TParams) =>
    json<ProposalActionData>({ values, fields, intent, ...(params ? { params } : {}) }, { status });

  const edited = editMilestones(values.milestones, intent);
  if (edited) return json<ProposalActionData>({ values: { ...values, milestones: edited }, fields: {}, intent });
  if (intent !== "save" && intent !== "submit") return fail(400, { _form: ["errors.invalidChoice"] });

  const input = withDefaultLeadDivision(formStateToInput(values));
  if (intent === "submit") {
    const complete = proposalSubmissionSchema.safeParse(input);
    if (!complete.success) return fail(422, fieldErrorsOf(complete.error));
  }
  const versionField = Number(form.get("version"));
  try {
    let target = ref;
    let stage = "draft";
    let version: number;
    if (!target) {
      ({ ref: target, version } = await createDraft(user, input));
    } else {
      const updated = await updateDraft(user, target, input, {
        expectedVersion: Number.isInteger(versionField) && versionField > 0 ? versionField : undefined,
      });
      stage = updated.stage;
      version = updated.version;
    }
    if (intent === "submit") {
      const type = stage === "returned" ? "RESUBMIT" : "SUBMIT";
      await sendEvent(user, target, { type }, { expectedVersion: version });
      return redirect(`/initiatives/${target}?done=${type}`);
    }
    return redirect(`/initiatives/${target}/edit?saved=1`);
  } catch (error) {
    if (error instanceof HttpError) {
      // The service's message, as its i18n key, so that the form says it in the reader's language.
      if (error.status === 400 || error.status === 422) {
        if (error.fields) return fail(error.status, error.fields);
        if (error.messageKey) return fail(error.status, { _form: [error.messageKey] }, error.values);
        return fail(error.status, { _form: ["errors.badRequest.title"] });
      }
      if (error.status === 409) return fail(409, { _form: ["initiative.conflict"] });
      throw toPageResponse(error);
    }
    throw error;
  }
}

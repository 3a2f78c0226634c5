/**
 * The acting-reviewer forms of /account and of the administrator's user page: name one, or end one. The
 * answer is the page's action data: what was done, or the message and field errors beside the values sent.
 */
import type { SessionUser } from "~/auth/session.server.ts";
import { HttpError, toPageResponse, type Message } from "~/utils/http.server.ts";
import { createDelegation, endDelegation } from "./delegations.server.ts";

export type DelegationFormData = {
  delegation:
    | { done: "created"; name: string; from: string; until: string }
    | { done: "ended" }
    | { done?: undefined; message?: Message; fields: Record<string, string[]>; values: Record<string, string> };
};

export const DELEGATION_INTENTS = ["delegate", "endDelegation"] as const;

/** Whether a posted form is one of the acting-reviewer forms. */
export function isDelegationIntent(intent: unknown): boolean {
  return (DELEGATION_INTENTS as readonly unknown[]).includes(intent);
}

/**
 * Runs one acting-reviewer form for `actor`; `delegator` is the e-mail address of the user an administrator
 * names one for. Refusals come back as data (422) for the form to show; anything else is the page's error.
 */
export async function handleDelegationForm(
  actor: SessionUser,
  form: FormData,
  delegator?: string,
): Promise<{ status: number; data: DelegationFormData }> {
  const value = (name: string) => String(form.get(name) ?? "");
  const values = { delegate: value("delegate"), from: value("from"), until: value("until") };
  try {
    if (form.get("intent") === "endDelegation") {
      await endDelegation(actor, value("delegationId"));
      return { status: 200, data: { delegation: { done: "ended" } } };
    }
    const created = await createDelegation(actor, { ...values, ...(delegator ? { delegator } : {}) });
    return {
      status: 200,
      data: { delegation: { done: "created", name: created.delegate.name, from: created.from, until: created.until } },
    };
  } catch (error) {
    if (error instanceof HttpError && (error.status === 422 || error.status === 409)) {
      return {
        status: error.status,
        data: { delegation: { message: error.i18n, fields: error.fields ?? {}, values } },
      };
    }
    throw error instanceof HttpError ? toPageResponse(error) : error;
  }
}

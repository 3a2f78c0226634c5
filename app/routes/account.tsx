import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { readUserForm, requireUser } from "~/auth/auth.server.ts";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { AccountLinks } from "~/components/account-links.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, Field, type FieldErrors } from "~/components/form-fields.tsx";
import { useT } from "~/i18n/use-t.ts";
import { changeOwnPassword } from "~/users/users.server.ts";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { DelegationsPanel, type DelegationOutcome } from "~/components/delegations-panel.tsx";
import { handleDelegationForm, isDelegationIntent } from "~/delegations/delegation-form.server.ts";
import { listDelegations } from "~/delegations/delegations.server.ts";
import { isActingRole } from "~/delegations/delegation.schema.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.account");

// A document POST takes its headers from here: the new session's cookie after a password change.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const value = actionHeaders.get("Set-Cookie");
  if (value) headers.set("Set-Cookie", value);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Acting reviewers concern the DPO's reviewers and leaders only.
  const delegations = isActingRole(user.role) ? await listDelegations(user.id) : null;
  return json({ name: user.name, email: user.email, role: user.role, delegations, today: todayInHongKong() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readUserForm(request, user);
  if (isDelegationIntent(form.get("intent"))) {
    const { status, data } = await handleDelegationForm(user, form);
    return json({ ...data, fields: {} as FieldErrors, changed: false }, { status });
  }
  const result = await changeOwnPassword(
    user,
    {
      current: String(form.get("currentPassword") ?? ""),
      next: String(form.get("newPassword") ?? ""),
      confirm: String(form.get("confirmPassword") ?? ""),
    },
    request.headers.get("User-Agent"),
  );
  if (!result.ok) {
    return json({ fields: result.fields as FieldErrors, changed: false, delegation: undefined }, { status: 400 });
  }
  return json(
    { fields: {} as FieldErrors, changed: true, delegation: undefined },
    { headers: { "Set-Cookie": result.setCookie } },
  );
}

export default function Account() {
  const { name, email, role, delegations, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const errors = data?.fields ?? {};
  return (
    <div className="form">
      <h1>{t("account.title")}</h1>
      <p>{t("account.details", { name, email, role: t(`roles.${role}`) })}</p>
      <AccountLinks />
      {data?.changed ? (
        <div className="notice notice--success" role="status">
          {t("account.passwordChanged")}
        </div>
      ) : null}
      <h2>{t("account.changePassword")}</h2>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate key={data?.changed ? "done" : "form"}>
        <CsrfInput />
        <Field name="currentPassword" label={t("account.currentPassword")} errors={errors}>
          {(p) => <input type="password" autoComplete="current-password" {...p} />}
        </Field>
        <Field name="newPassword" label={t("account.newPassword")} hint={t("account.newPasswordHint")} errors={errors}>
          {(p) => <input type="password" autoComplete="new-password" {...p} />}
        </Field>
        <Field name="confirmPassword" label={t("account.confirmPassword")} errors={errors}>
          {(p) => <input type="password" autoComplete="new-password" {...p} />}
        </Field>
        <button type="submit" className="button">
          {t("account.changePassword")}
        </button>
      </Form>
      {delegations ? (
        <DelegationsPanel
          given={delegations.given}
          received={delegations.received}
          canCreate
          today={today}
          outcome={data && "delegation" in data ? (data.delegation as DelegationOutcome | undefined) : undefined}
        />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

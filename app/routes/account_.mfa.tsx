import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { readUserForm, requireUser } from "~/auth/auth.server.ts";
import { beginEnrolment, confirmEnrolment, currentEnrolment, mfaStatus } from "~/auth/mfa.server.ts";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, type FieldErrors } from "~/components/form-fields.tsx";
import { MfaEnrolment, RecoveryCodes } from "~/components/mfa-enrolment.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useT } from "~/i18n/use-t.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.mfaAccount");

// Enrolling a second factor by choice (a role that requires it enrols during sign-in instead).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const status = await mfaStatus(user.id);
  return json({
    status,
    enrolment: status.enabled ? null : await currentEnrolment(user.id),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readUserForm(request, user);
  if (form.get("intent") === "start") {
    await beginEnrolment(user.id);
    return json({ started: true });
  }
  const code = String(form.get("code") ?? "").trim();
  if (!code) return json({ fields: { code: ["mfa.codeRequired"] } as FieldErrors }, { status: 400 });
  const result = await confirmEnrolment(user.id, code);
  if (!result.ok) {
    const key = result.reason === "throttled" ? "mfa.throttled" : "mfa.codeWrong";
    return json({ fields: { code: [key] } as FieldErrors }, { status: result.reason === "throttled" ? 429 : 400 });
  }
  return json({ recoveryCodes: result.recoveryCodes });
}

export default function AccountMfa() {
  const { status, enrolment } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const fields: FieldErrors = data && "fields" in data ? data.fields : {};
  return (
    <div className="form">
      <h1>{t("mfa.accountTitle")}</h1>
      <p>
        <Link to="/account">{t("account.title")}</Link>
      </p>
      {data && "recoveryCodes" in data ? (
        <RecoveryCodes codes={data.recoveryCodes} />
      ) : status.enabled ? (
        <p>{t("mfa.statusOn", { count: status.recoveryCodesLeft })}</p>
      ) : enrolment ? (
        <>
          <ErrorSummary errors={fields} params={{ minutes: 15 }} />
          <MfaEnrolment enrolment={enrolment} errors={fields}>
            {(body) => (
              <Form method="post" noValidate>
                <CsrfInput />
                <input type="hidden" name="intent" value="confirm" />
                {body}
              </Form>
            )}
          </MfaEnrolment>
        </>
      ) : (
        <>
          <p>{t("mfa.statusOff")}</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="button">
              {t("mfa.start")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

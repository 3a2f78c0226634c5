import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { assertSameOrigin } from "~/auth/auth.server.ts";
import { beginEnrolment, confirmEnrolment, currentEnrolment } from "~/auth/mfa.server.ts";
import { continueSignIn, readPendingSignIn } from "~/auth/sign-in-flow.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, type FieldErrors } from "~/components/form-fields.tsx";
import { MfaEnrolment, RecoveryCodes } from "~/components/mfa-enrolment.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useT } from "~/i18n/use-t.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.mfaSetup");

// Enrolment during sign-in, for a role that must have a second factor. The session starts only once a
// code from the new authenticator has been confirmed; the recovery codes are then shown once.
export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await readPendingSignIn(request, "enrol");
  if (!pending) throw redirect("/login");
  const enrolment = (await currentEnrolment(pending.userId)) ?? (await beginEnrolment(pending.userId));
  if (!enrolment) throw redirect("/login");
  return json({ enrolment });
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const pending = await readPendingSignIn(request, "enrol");
  if (!pending) throw redirect("/login");
  const form = await request.formData();
  const code = String(form.get("code") ?? "").trim();
  if (!code) return json({ fields: { code: ["mfa.codeRequired"] } as FieldErrors }, { status: 400 });
  const user = { id: pending.userId };
  const result = await confirmEnrolment(user.id, code);
  if (!result.ok) {
    const status = result.reason === "throttled" ? 429 : 400;
    return json(
      { fields: { code: [result.reason === "throttled" ? "mfa.throttled" : "mfa.codeWrong"] } as FieldErrors },
      { status },
    );
  }
  const next = await continueSignIn(user.id, "enrol", pending.redirectTo, request.headers.get("User-Agent"));
  const headers = new Headers();
  for (const c of next.cookies) headers.append("Set-Cookie", c);
  return json({ recoveryCodes: result.recoveryCodes, next: next.location }, { headers });
}

export default function MfaSetup() {
  const t = useT();
  const { enrolment } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  if (data && "recoveryCodes" in data) {
    return (
      <div className="form">
        <h1>{t("mfa.enabledTitle")}</h1>
        <RecoveryCodes codes={data.recoveryCodes} />
        <p>
          <a className="button" href={data.next}>
            {t("mfa.continue")}
          </a>
        </p>
      </div>
    );
  }
  const fields: FieldErrors = data && "fields" in data ? data.fields : {};
  return (
    <div className="form">
      <h1>{t("mfa.setupTitle")}</h1>
      <p className="lead">{t("mfa.setupRequired")}</p>
      <ErrorSummary errors={fields} params={{ minutes: 15 }} />
      <MfaEnrolment enrolment={enrolment} errors={fields}>
        {(body) => (
          <Form method="post" noValidate>
            {body}
          </Form>
        )}
      </MfaEnrolment>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { assertSameOrigin } from "~/auth/auth.server.ts";
import { setFirstPassword } from "~/auth/reset.server.ts";
import { continueSignIn, readPendingSignIn, redirectWith } from "~/auth/sign-in-flow.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, type FieldErrors } from "~/components/form-fields.tsx";
import { NewPasswordFields } from "~/components/new-password-fields.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useT } from "~/i18n/use-t.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.choosePassword");

// An account an administrator created (or imported) chooses its own password before its first session.
export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await readPendingSignIn(request, "password"))) throw redirect("/login");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const pending = await readPendingSignIn(request, "password");
  if (!pending) throw redirect("/login");
  const form = await request.formData();
  const result = await setFirstPassword(pending.userId, {
    next: String(form.get("newPassword") ?? ""),
    confirm: String(form.get("confirmPassword") ?? ""),
  });
  if (!result.ok) return json({ fields: result.fields as FieldErrors }, { status: 400 });
  return redirectWith(
    await continueSignIn(pending.userId, "password", pending.redirectTo, request.headers.get("User-Agent")),
  );
}

export default function FirstPassword() {
  const t = useT();
  const data = useActionData<typeof action>();
  const fields = data?.fields ?? {};
  return (
    <div className="form">
      <h1>{t("reset.firstTitle")}</h1>
      <p className="lead">{t("reset.firstIntro")}</p>
      <ErrorSummary errors={fields} />
      <Form method="post" noValidate>
        <NewPasswordFields errors={fields} />
        <button type="submit" className="button">
          {t("reset.save")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { assertSameOrigin } from "~/auth/auth.server.ts";
import { checkResetToken, resetPasswordWithToken } from "~/auth/reset.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, type FieldErrors } from "~/components/form-fields.tsx";
import { NewPasswordFields } from "~/components/new-password-fields.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useT } from "~/i18n/use-t.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.resetPassword");

// Anyone with the link may use it once: the link is the credential. Nobody needs to be signed in.
export async function loader({ params }: LoaderFunctionArgs) {
  const state = await checkResetToken(params.token ?? "");
  return json(
    { valid: state.ok, email: state.ok ? state.email : null },
    { status: state.ok ? 200 : 410, headers: { "Referrer-Policy": "no-referrer" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await request.formData();
  const result = await resetPasswordWithToken(params.token ?? "", {
    next: String(form.get("newPassword") ?? ""),
    confirm: String(form.get("confirmPassword") ?? ""),
  });
  if (result.ok) return redirect("/login?reset=1");
  if ("reason" in result) return json({ fields: { _form: ["reset.invalid"] } as FieldErrors }, { status: 410 });
  return json({ fields: result.fields as FieldErrors }, { status: 400 });
}

export default function ResetPassword() {
  const t = useT();
  const { valid, email } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const fields = data?.fields ?? {};
  if (!valid) {
    return (
      <div className="form">
        <h1>{t("reset.title")}</h1>
        <p className="lead">{t("reset.invalid")}</p>
        <p>
          <Link to="/login">{t("identity.backToSignIn")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="form">
      <h1>{t("reset.title")}</h1>
      <p className="lead">{t("reset.intro", { email: email ?? "" })}</p>
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

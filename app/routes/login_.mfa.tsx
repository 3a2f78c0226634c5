import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { assertSameOrigin } from "~/auth/auth.server.ts";
import { verifySecondFactor } from "~/auth/mfa.server.ts";
import { continueSignIn, readPendingSignIn, redirectWith } from "~/auth/sign-in-flow.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, Field, type FieldErrors } from "~/components/form-fields.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useT } from "~/i18n/use-t.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.mfa");

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const value = actionHeaders.get("Retry-After");
  if (value) headers.set("Retry-After", value);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await readPendingSignIn(request, "mfa"))) throw redirect("/login");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const pending = await readPendingSignIn(request, "mfa");
  if (!pending) throw redirect("/login");
  const form = await request.formData();
  const code = String(form.get("code") ?? "").trim();
  if (!code) return json({ fields: { code: ["mfa.codeRequired"] } as FieldErrors }, { status: 400 });
  const user = { id: pending.userId };
  const result = await verifySecondFactor(user.id, code);
  if (result.ok) {
    return redirectWith(await continueSignIn(user.id, "mfa", pending.redirectTo, request.headers.get("User-Agent")));
  }
  if (result.reason === "throttled") {
    return json(
      { fields: { code: ["mfa.throttled"] } as FieldErrors, minutes: Math.ceil(result.retryAfterSeconds / 60) },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  return json({ fields: { code: ["mfa.codeWrong"] } as FieldErrors }, { status: 401 });
}

export default function SecondFactor() {
  const t = useT();
  const data = useActionData<typeof action>();
  const fields = data?.fields ?? {};
  const params = data && "minutes" in data ? { minutes: Number(data.minutes) } : undefined;
  return (
    <div className="form">
      <h1>{t("mfa.title")}</h1>
      <p className="lead">{t("mfa.intro")}</p>
      <ErrorSummary errors={fields} params={params} />
      <Form method="post" noValidate>
        <Field name="code" label={t("mfa.code")} hint={t("mfa.codeHint")} errors={fields}>
          {(p) => (
            <input
              type="text"
              inputMode="text"
              autoComplete="one-time-code"
              spellCheck={false}
              className="input--short"
              {...p}
            />
          )}
        </Field>
        <button type="submit" className="button">
          {t("mfa.continue")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

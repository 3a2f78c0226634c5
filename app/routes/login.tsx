import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  assertSameOrigin,
  clientAddress,
  MAX_EMAIL_LENGTH,
  redirectIfSignedIn,
  safeRedirect,
} from "~/auth/auth.server.ts";
import { getSignInOptions } from "~/auth/oidc-config.server.ts";
import { passwordSignIn } from "~/auth/sign-in-flow.server.ts";
import { ProviderOnlySignIn, SignInChoices } from "~/components/sign-in-choices.tsx";
import { ErrorSummary, type FieldErrors } from "~/components/form-fields.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { translateFromData } from "~/i18n/t.ts";
import { useT } from "~/i18n/use-t.ts";
import { HttpError, toPageResponse } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.login");

// A document POST takes its headers from here: keep the action's Retry-After on a throttled sign-in.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const value = actionHeaders.get("Retry-After");
  if (value) headers.set("Retry-After", value);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request);
  const options = getSignInOptions();
  return json({ oidc: !!options.oidc, passwordSignIn: options.passwordSignIn });
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  if (!getSignInOptions().passwordSignIn) {
    throw toPageResponse(new HttpError(403, { key: "problems.passwordSignInOff" }));
  }
  const form = await request.formData();
  // Echoed back into the form: never longer than an address can be.
  const email = String(form.get("email") ?? "")
    .trim()
    .slice(0, MAX_EMAIL_LENGTH);
  const password = String(form.get("password") ?? "");
  const fields: FieldErrors = {};
  if (!email) fields.email = ["login.emailRequired"];
  if (!password) fields.password = ["login.passwordRequired"];
  if (Object.keys(fields).length > 0) return json({ fields, email }, { status: 400 });

  const redirectTo = safeRedirect(form.get("redirectTo"));
  const ua = request.headers.get("User-Agent");
  const result = await passwordSignIn(email, password, clientAddress(context), ua, redirectTo);
  if (result.ok) return result.response;
  if (result.reason === "throttled") {
    return json(
      { fields: { _form: ["login.throttled"] }, email, retryAfterMinutes: Math.ceil(result.retryAfterSeconds / 60) },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  return json({ fields: { _form: ["login.failed"] }, email }, { status: 401 });
}

export default function LoginPage() {
  const t = useT();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const fields: FieldErrors = data?.fields ?? {};
  const params2 = data && "retryAfterMinutes" in data ? { minutes: Number(data.retryAfterMinutes ?? 15) } : undefined;
  const options = useLoaderData<typeof loader>();
  // Only an explicit "no" hides the form: the password form is the default way in.
  if (options?.passwordSignIn === false) return <ProviderOnlySignIn redirectTo={params.get("redirectTo") ?? "/"} />;
  return (
    <div className="form">
      <h1>{t("login.title")}</h1>
      {params.get("signedOut") && !data ? (
        <div className="notice notice--success" role="status">
          {t("login.signedOut")}
        </div>
      ) : null}
      {options?.oidc ? <SignInChoices redirectTo={params.get("redirectTo") ?? "/"} /> : null}
      <p className="lead">{t("login.intro")}</p>
      <ErrorSummary errors={fields} params={params2} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <div className={`field${fields.email ? " field--error" : ""}`}>
          <label htmlFor="email">{t("login.email")}</label>
          {fields.email ? (
            <span className="field-error" id="email-error">
              {translateFromData(t, fields.email[0]!)}
            </span>
          ) : null}
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            defaultValue={data?.email ?? ""}
            aria-invalid={fields.email ? true : undefined}
            aria-describedby={fields.email ? "email-error" : undefined}
            required
          />
        </div>
        <div className={`field${fields.password ? " field--error" : ""}`}>
          <label htmlFor="password">{t("login.password")}</label>
          {fields.password ? (
            <span className="field-error" id="password-error">
              {translateFromData(t, fields.password[0]!)}
            </span>
          ) : null}
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            aria-invalid={fields.password ? true : undefined}
            aria-describedby={fields.password ? "password-error" : undefined}
            required
          />
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
      <p className="hint demo-hint">{t("login.demoHint")}</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

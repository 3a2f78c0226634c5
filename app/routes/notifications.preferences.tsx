import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { readUserForm, requireUser } from "~/auth/auth.server.ts";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, fieldId, type FieldErrors } from "~/components/form-fields.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { translateFromData } from "~/i18n/t.ts";
import { useT } from "~/i18n/use-t.ts";
import { EMAIL_PREFERENCES, IN_APP_PREFERENCES } from "~/notifications/kinds.ts";
import { mailEnabled } from "~/notifications/mail-config.server.ts";
import { getPreferences, savePreferences } from "~/notifications/preferences.server.ts";
import { HttpError } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.notificationPreferences");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ preferences: await getPreferences(user.id), emailOn: mailEnabled() });
}

type ActionData = { saved?: true; fields?: FieldErrors };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readUserForm(request, user);
  try {
    await savePreferences(user.id, { email: form.get("email"), inApp: form.get("inApp") });
    return json<ActionData>({ saved: true });
  } catch (error) {
    if (error instanceof HttpError && error.status === 400) {
      return json<ActionData>({ fields: error.fields }, { status: 400 });
    }
    throw error;
  }
}

export default function PreferencesPage() {
  const { preferences, emailOn } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const errors = data?.fields ?? {};
  const group = <V extends string>(name: "email" | "inApp", values: readonly V[], current: string) => {
    const id = fieldId(name);
    const error = errors[name]?.[0];
    return (
      <fieldset className={`field${error ? " field--error" : ""}`} aria-describedby={error ? `${id}-error` : undefined}>
        <legend>{t(name === "email" ? "notifications.prefs.email" : "notifications.prefs.inApp")}</legend>
        {error ? (
          <span className="field-error" id={`${id}-error`}>
            {translateFromData(t, error)}
          </span>
        ) : null}
        {values.map((v, i) => {
          const inputId = i === 0 ? id : `${id}-${v}`;
          return (
            <div className="radio" key={v}>
              <input type="radio" id={inputId} name={name} value={v} defaultChecked={current === v} />
              <label htmlFor={inputId}>{translateFromData(t, `notifications.prefs.${name}.${v}`)}</label>
            </div>
          );
        })}
      </fieldset>
    );
  };
  return (
    <>
      <h1>{t("notifications.prefs.heading")}</h1>
      {data?.saved ? (
        <div className="notice notice--success" role="status">
          {t("notifications.prefs.saved")}
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      <p className="hint">{t("notifications.prefs.intro")}</p>
      {emailOn ? null : <p className="notice notice--warning">{t("notifications.prefs.emailOff")}</p>}
      <Form method="post" noValidate>
        <CsrfInput />
        {group("email", EMAIL_PREFERENCES, preferences.email)}
        {group("inApp", IN_APP_PREFERENCES, preferences.inApp)}
        <button type="submit" className="button">
          {t("notifications.prefs.save")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

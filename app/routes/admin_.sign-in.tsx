import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { readUserForm, requireRole } from "~/auth/auth.server.ts";
import { getSignInOptions } from "~/auth/oidc-config.server.ts";
import { AdminNav } from "~/components/admin-nav.tsx";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, Field, type FieldErrors } from "~/components/form-fields.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useT } from "~/i18n/use-t.ts";
import { getIdentitySettings, updateIdentitySettings } from "~/settings/identity-settings.server.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.signInSettings");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return json({
    settings: await getIdentitySettings(),
    oidc: !!getSignInOptions().oidc,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const form = await readUserForm(request, admin);
  const roleMap = String(form.get("roleMap") ?? "");
  const result = await forPage(() =>
    updateIdentitySettings(admin, { mfaRequired: form.get("mfaRequired") === "on", roleMap }),
  );
  if (!result.ok) return json({ fields: result.fields as FieldErrors, roleMap }, { status: 400 });
  return json({ fields: {} as FieldErrors, saved: result.changed, roleMap });
}

export default function SignInSettings() {
  const { settings, oidc } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const errors = data?.fields ?? {};
  return (
    <>
      <h1>{t("identity.settingsTitle")}</h1>
      <AdminNav />
      {data && "saved" in data ? (
        <div className="notice notice--success" role="status">
          {t(data.saved ? "settings.saved" : "settings.unchanged")}
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <div className="field checkbox">
          <input id="mfaRequired" name="mfaRequired" type="checkbox" defaultChecked={settings.mfaRequired} />
          <label htmlFor="mfaRequired">{t("identity.mfaRequired")}</label>
        </div>
        <p className="hint">{t("identity.mfaRequiredHint")}</p>
        <p className="hint">{oidc ? t("identity.oidcOn") : t("identity.oidcOff")}</p>
        <Field name="roleMap" label={t("identity.roleMap")} hint={t("identity.roleMapHint")} errors={errors}>
          {(p) => (
            <textarea
              rows={10}
              spellCheck={false}
              className="code"
              defaultValue={data?.roleMap ?? settings.roleMap}
              {...p}
            />
          )}
        </Field>
        <button type="submit" className="button">
          {t("settings.save")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { readUserForm, requireRole } from "~/auth/auth.server.ts";
import { AdminNav } from "~/components/admin-nav.tsx";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, Field, type FieldErrors } from "~/components/form-fields.tsx";
import { DataTable } from "~/components/ui/data-table.tsx";
import { formatHkd } from "~/i18n/format.ts";
import type { MessageKey } from "~/i18n/t.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { ROLES, type Division, type Role } from "~/lifecycle/divisions.ts";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { holidayDataStatus } from "~/calendar/working-days.ts";
import { forPage } from "~/utils/http.server.ts";
import { getSettingsDetail, updateSettings } from "~/settings/settings.server.ts";
import { changeRole, createUser, listOrganisation, listUsers, setUserDisabled } from "~/users/users.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.admin");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const [users, organisation, settings] = await Promise.all([listUsers(), listOrganisation(), getSettingsDetail()]);
  return json({ users, ...organisation, settings, holidays: holidayDataStatus(todayInHongKong()) });
}

type ActionData = {
  intent: string;
  fields?: FieldErrors;
  done?: { key: MessageKey; email: string };
  /** The settings form's values, shown again beside its errors. */
  values?: Record<string, string>;
};

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const form = await readUserForm(request, admin);
  const intent = String(form.get("intent") ?? "");
  const input = Object.fromEntries(
    [...form.entries()].filter(([k]) => !k.startsWith("_")).map(([k, v]) => [k, String(v)]),
  );
  if (intent === "settings") {
    const saved = await forPage(() => updateSettings(admin, input));
    if (!saved.ok) return json<ActionData>({ intent, fields: saved.fields, values: input }, { status: 400 });
    return json<ActionData>({
      intent,
      done: { key: saved.changed.length ? "settings.saved" : "settings.unchanged", email: "" },
    });
  }
  let result;
  let doneKey: MessageKey;
  switch (intent) {
    case "create":
      result = await forPage(() => createUser(admin, input));
      doneKey = "admin.created";
      break;
    case "changeRole":
      result = await forPage(() => changeRole(admin, input));
      doneKey = "admin.roleChanged";
      break;
    case "disable":
    case "enable":
      result = await forPage(() => setUserDisabled(admin, String(form.get("userId") ?? ""), intent === "disable"));
      doneKey = intent === "disable" ? "admin.userDisabled" : "admin.userEnabled";
      break;
    default:
      return json<ActionData>({ intent, fields: { _form: ["errors.badRequest.title"] } }, { status: 400 });
  }
  if (!result.ok) return json<ActionData>({ intent, fields: result.fields }, { status: 400 });
  return json<ActionData>({ intent, done: { key: doneKey, email: result.email } });
}

export default function AdminPage() {
  const { users, bureaux, divisions, settings, holidays } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const format = useFormat();
  const createErrors = data?.intent === "create" ? (data.fields ?? {}) : {};
  const settingsErrors = data?.intent === "settings" ? (data.fields ?? {}) : {};
  const settingsValues = data?.intent === "settings" ? data.values : undefined;
  const otherErrors = data && data.intent !== "create" && data.intent !== "settings" ? (data.fields ?? {}) : {};
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <AdminNav />
      {holidays.endsWithinAYear ? (
        <div className="notice notice--warning" role="status" data-testid="holidays-ending">
          <strong>{t("admin.holidays.title")}</strong>: {t("admin.holidays.ending", { year: holidays.lastYear })}
        </div>
      ) : null}
      {data?.done ? (
        <div className="notice notice--success" role="status">
          {t(data.done.key, { email: data.done.email })}
        </div>
      ) : null}
      <ErrorSummary errors={otherErrors} />
      <h2>{t("admin.users")}</h2>
      <DataTable
        caption={t("admin.users")}
        captionHidden
        rows={users}
        rowKey={(u) => u.id}
        columns={[
          { header: t("admin.name"), cell: (u) => u.name },
          { header: t("admin.email"), cell: (u) => u.email },
          {
            header: t("admin.role"),
            cell: (u) => (
              <>
                {t(`roles.${u.role as Role}`)}
                {u.bureauCode ? ` · ${u.bureauCode}` : ""}
                {u.divisionCode ? ` · ${t(`divisions.${u.divisionCode as Division}`)}` : ""}
              </>
            ),
          },
          {
            header: t("admin.status"),
            cell: (u) =>
              u.disabledAt ? (
                <strong className="tag tag--red">{t("admin.disabled")}</strong>
              ) : (
                <strong className="tag tag--green">{t("admin.active")}</strong>
              ),
          },
          {
            header: t("admin.actions"),
            cell: (u) => (
              <>
                <details>
                  <summary>{t("admin.userForRole", { email: u.email })}</summary>
                  <Form method="post" className="stacked-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="changeRole" />
                    <input type="hidden" name="userId" value={u.id} />
                    <label htmlFor={`role-${u.id}`}>{t("admin.role")}</label>
                    <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`roles.${r}`)}
                        </option>
                      ))}
                    </select>
                    <label htmlFor={`bureau-${u.id}`}>{t("admin.bureau")}</label>
                    <select id={`bureau-${u.id}`} name="bureauCode" defaultValue={u.bureauCode ?? ""}>
                      <option value="">{t("admin.none")}</option>
                      {bureaux.map((b) => (
                        <option key={b.code} value={b.code}>
                          {b.code} — {format.name(b)}
                        </option>
                      ))}
                    </select>
                    <label htmlFor={`division-${u.id}`}>{t("admin.division")}</label>
                    <select id={`division-${u.id}`} name="divisionCode" defaultValue={u.divisionCode ?? ""}>
                      <option value="">{t("admin.none")}</option>
                      {divisions.map((d) => (
                        <option key={d.code} value={d.code}>
                          {format.name(d)}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="button button--secondary">
                      {t("admin.changeRole")}
                    </button>
                  </Form>
                </details>
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="userId" value={u.id} />
                  <button
                    type="submit"
                    name="intent"
                    value={u.disabledAt ? "enable" : "disable"}
                    className={`button ${u.disabledAt ? "button--secondary" : "button--warning"} button--small`}
                    aria-label={`${t(u.disabledAt ? "admin.enable" : "admin.disable")} ${u.email}`}
                  >
                    {t(u.disabledAt ? "admin.enable" : "admin.disable")}
                  </button>
                </Form>
              </>
            ),
          },
        ]}
      />

      <h2 id="settings">{t("settings.title")}</h2>
      <p>{t("settings.intro")}</p>
      {settings.lastChange ? (
        <p className="hint">
          {t("settings.lastChange", {
            date: format.date(settings.lastChange.at),
            name: settings.lastChange.by ?? "—",
          })}
        </p>
      ) : null}
      <ErrorSummary errors={settingsErrors} />
      <Form method="post" className="form" noValidate aria-labelledby="settings">
        <CsrfInput />
        <input type="hidden" name="intent" value="settings" />
        <Field
          name="reviewSlaDays"
          label={t("settings.reviewSlaDays")}
          hint={t("settings.reviewSlaDaysHint")}
          errors={settingsErrors}
        >
          {(p) => (
            <input
              type="text"
              inputMode="numeric"
              autoComplete="off"
              className="input--short"
              defaultValue={settingsValues?.reviewSlaDays ?? String(settings.reviewSlaDays)}
              {...p}
            />
          )}
        </Field>
        <Field
          name="blockAllocationLimit"
          label={t("settings.blockAllocationLimit")}
          hint={t("settings.blockAllocationLimitHint", { current: formatHkd(settings.blockAllocationLimit) })}
          errors={settingsErrors}
        >
          {(p) => (
            <input
              type="text"
              inputMode="numeric"
              autoComplete="off"
              className="input--amount"
              defaultValue={settingsValues?.blockAllocationLimit ?? String(settings.blockAllocationLimit)}
              {...p}
            />
          )}
        </Field>
        <button type="submit" className="button">
          {t("settings.save")}
        </button>
      </Form>

      <h2 id="create-user">{t("admin.createUser")}</h2>
      <ErrorSummary errors={createErrors} />
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <Field name="name" label={t("admin.name")} errors={createErrors}>
          {(p) => <input type="text" autoComplete="off" {...p} />}
        </Field>
        <Field name="email" label={t("admin.email")} errors={createErrors}>
          {(p) => <input type="email" autoComplete="off" spellCheck={false} {...p} />}
        </Field>
        <Field name="role" label={t("admin.role")} errors={createErrors}>
          {(p) => (
            <select {...p} defaultValue="OFFICER">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="bureauCode" label={t("admin.bureau")} hint={t("admin.bureauHint")} errors={createErrors}>
          {(p) => (
            <select {...p} defaultValue="">
              <option value="">{t("admin.none")}</option>
              {bureaux.map((b) => (
                <option key={b.code} value={b.code}>
                  {b.code} — {format.name(b)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="divisionCode" label={t("admin.division")} hint={t("admin.divisionHint")} errors={createErrors}>
          {(p) => (
            <select {...p} defaultValue="">
              <option value="">{t("admin.none")}</option>
              {divisions.map((d) => (
                <option key={d.code} value={d.code}>
                  {format.name(d)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="password" label={t("admin.password")} hint={t("admin.passwordHint")} errors={createErrors}>
          {(p) => <input type="password" autoComplete="new-password" {...p} />}
        </Field>
        <button type="submit" className="button">
          {t("admin.createUser")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { readUserForm, requireRole } from "~/auth/auth.server.ts";
import { addBureau, listBureaux, renameBureau, setBureauRetired } from "~/bureaux/bureaux.server.ts";
import { AdminNav } from "~/components/admin-nav.tsx";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, Field, type FieldErrors } from "~/components/form-fields.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useLocale, useT } from "~/i18n/use-t.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.bureaux");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return json({ bureaux: await listBureaux() });
}

type Done = "add" | "rename" | "retire" | "reinstate";
type ActionData = { intent: string; fields?: FieldErrors; done?: `bureaux.done.${Done}`; code?: string };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const form = await readUserForm(request, admin);
  const intent = String(form.get("intent") ?? "");
  const input = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const code = String(form.get("code") ?? "");
  const result = await forPage(async () => {
    switch (intent) {
      case "add":
        return addBureau(admin, input);
      case "rename":
        return renameBureau(admin, input);
      case "retire":
      case "reinstate":
        return setBureauRetired(admin, code, intent === "retire");
      default:
        return { ok: false as const, fields: { _form: ["errors.badRequest.title"] } };
    }
  });
  if (!result.ok) return json<ActionData>({ intent, fields: result.fields, code }, { status: 400 });
  return json<ActionData>({ intent, done: `bureaux.done.${intent as Done}`, code: result.code });
}

export default function BureauxPage() {
  const { bureaux } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const addErrors = data?.intent === "add" ? (data.fields ?? {}) : {};
  const otherErrors = data && data.intent !== "add" ? (data.fields ?? {}) : {};
  const parents = bureaux.filter((b) => b.kind === "bureau" && b.active);
  return (
    <>
      <h1>{t("bureaux.title")}</h1>
      <AdminNav />
      {data?.done ? (
        <div className="notice notice--success" role="status">
          {t(data.done, { code: data.code ?? "" })}
        </div>
      ) : null}
      <ErrorSummary errors={otherErrors} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("bureaux.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("bureaux.code")}</th>
              <th scope="col">{t("bureaux.name")}</th>
              <th scope="col">{t("bureaux.kind")}</th>
              <th scope="col">{t("bureaux.usage")}</th>
              <th scope="col">{t("admin.status")}</th>
              <th scope="col">{t("admin.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {bureaux.map((b) => (
              <tr key={b.code}>
                <td>{b.code}</td>
                <td>
                  <span lang="en">{b.nameEn}</span>
                  <br />
                  <span lang="zh-Hant-HK">{b.nameZh}</span>
                </td>
                <td>{t(`bureaux.kind.${b.kind as "bureau" | "department"}`)}</td>
                <td>{t("bureaux.usageCount", { users: b.users, initiatives: b.initiatives })}</td>
                <td>
                  {b.active ? (
                    <strong className="tag tag--green">{t("admin.active")}</strong>
                  ) : (
                    <strong className="tag tag--grey">{t("bureaux.retired")}</strong>
                  )}
                </td>
                <td>
                  <details>
                    <summary>{t("bureaux.renameFor", { code: b.code })}</summary>
                    <Form method="post" className="stacked-form">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="rename" />
                      <input type="hidden" name="code" value={b.code} />
                      <label htmlFor={`nameEn-${b.code}`}>{t("bureaux.nameEn")}</label>
                      <input id={`nameEn-${b.code}`} name="nameEn" type="text" lang="en" defaultValue={b.nameEn} />
                      <label htmlFor={`nameZh-${b.code}`}>{t("bureaux.nameZh")}</label>
                      <input
                        id={`nameZh-${b.code}`}
                        name="nameZh"
                        type="text"
                        lang="zh-Hant-HK"
                        defaultValue={b.nameZh}
                      />
                      <button type="submit" className="button button--secondary">
                        {t("bureaux.rename")}
                      </button>
                    </Form>
                  </details>
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="code" value={b.code} />
                    <button
                      type="submit"
                      name="intent"
                      value={b.active ? "retire" : "reinstate"}
                      className={`button ${b.active ? "button--warning" : "button--secondary"} button--small`}
                      aria-label={`${t(b.active ? "bureaux.retire" : "bureaux.reinstate")} ${b.code}`}
                    >
                      {t(b.active ? "bureaux.retire" : "bureaux.reinstate")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="add-bureau">{t("bureaux.add")}</h2>
      <ErrorSummary errors={addErrors} />
      <Form method="post" className="form" noValidate aria-labelledby="add-bureau">
        <CsrfInput />
        <input type="hidden" name="intent" value="add" />
        <Field name="code" label={t("bureaux.code")} hint={t("bureaux.codeHint")} errors={addErrors}>
          {(p) => <input type="text" className="input--short" autoComplete="off" spellCheck={false} {...p} />}
        </Field>
        <Field name="kind" label={t("bureaux.kind")} errors={addErrors}>
          {(p) => (
            <select {...p} defaultValue="department">
              <option value="bureau">{t("bureaux.kind.bureau")}</option>
              <option value="department">{t("bureaux.kind.department")}</option>
            </select>
          )}
        </Field>
        <Field name="parentCode" label={t("bureaux.parent")} hint={t("bureaux.parentHint")} errors={addErrors}>
          {(p) => (
            <select {...p} defaultValue="">
              <option value="">{t("admin.none")}</option>
              {parents.map((b) => (
                <option key={b.code} value={b.code}>
                  {b.code} — {locale === "zh-Hant" ? b.nameZh : b.nameEn}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="nameEn" label={t("bureaux.nameEn")} errors={addErrors}>
          {(p) => <input type="text" lang="en" {...p} />}
        </Field>
        <Field name="nameZh" label={t("bureaux.nameZh")} errors={addErrors}>
          {(p) => <input type="text" lang="zh-Hant-HK" {...p} />}
        </Field>
        <button type="submit" className="button">
          {t("bureaux.add")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { readUserForm, requireRole } from "~/auth/auth.server.ts";
import { AdminNav } from "~/components/admin-nav.tsx";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, Field } from "~/components/form-fields.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { translateFromData } from "~/i18n/t.ts";
import { useT } from "~/i18n/use-t.ts";
import { importUsers, previewImport, type ImportRow } from "~/users/import.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.importUsers");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return json({});
}

type ActionData = { csv: string; problem?: string; rows?: ImportRow[]; bad?: number; created?: number };

// "Preview" checks every row and writes nothing; "Import" checks again and writes all rows or none.
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const form = await readUserForm(request, admin);
  const csv = String(form.get("csv") ?? "");
  if (form.get("intent") === "import") {
    const result = await importUsers(admin, csv);
    if (result.ok) return json<ActionData>({ csv: "", created: result.created });
    return json<ActionData>({ csv, ...result }, { status: 400 });
  }
  const preview = await previewImport(csv);
  if (!preview.ok) return json<ActionData>({ csv, problem: preview.problem }, { status: 400 });
  return json<ActionData>({ csv, rows: preview.rows, bad: preview.bad }, { status: preview.bad ? 400 : 200 });
}

export default function ImportUsers() {
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const formErrors = data?.problem ? { csv: [data.problem] } : data?.bad ? { _form: ["import.badRows"] } : {};
  return (
    <>
      <h1>{t("import.title")}</h1>
      <AdminNav />
      {data?.created ? (
        <div className="notice notice--success" role="status">
          {t("import.created", { count: data.created })} <Link to="/admin/users">{t("users.title")}</Link>
        </div>
      ) : null}
      <p>{t("import.intro")}</p>
      <pre className="example">
        email,name,role,unit{"\n"}officer.new@itib.gov.hk,Lee Wing Sze,OFFICER,ITIB{"\n"}reviewer.new@dpo.gov.hk,Ho Ka
        Lok,REVIEWER,DIGITAL_GOVERNMENT
      </pre>
      <ErrorSummary errors={formErrors} params={{ count: data?.bad ?? 0 }} />
      {data?.rows ? (
        <div className="table-wrap">
          <table>
            <caption>{data.bad ? t("import.previewBad", { count: data.bad }) : t("import.previewGood")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("import.line")}</th>
                <th scope="col">{t("admin.email")}</th>
                <th scope="col">{t("admin.name")}</th>
                <th scope="col">{t("admin.role")}</th>
                <th scope="col">{t("import.unit")}</th>
                <th scope="col">{t("import.check")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.line} className={r.problems.length ? "row--error" : undefined}>
                  <td>{r.line}</td>
                  <td>{r.email}</td>
                  <td>{r.name}</td>
                  <td>{r.role}</td>
                  <td>{r.unit}</td>
                  <td>
                    {r.problems.length ? (
                      <span className="field-error">
                        {t("import.rowProblem", { line: r.line })}{" "}
                        {r.problems.map((p) => translateFromData(t, p)).join(" ")}
                      </span>
                    ) : (
                      t("import.rowOk")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <Field name="csv" label={t("import.csv")} hint={t("import.csvHint")} errors={formErrors}>
          {(p) => <textarea rows={10} spellCheck={false} defaultValue={data?.csv ?? ""} {...p} />}
        </Field>
        <div className="button-group">
          <button type="submit" name="intent" value="preview" className="button button--secondary">
            {t("import.preview")}
          </button>
          <button type="submit" name="intent" value="import" className="button">
            {t("import.import")}
          </button>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

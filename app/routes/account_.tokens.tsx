import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { readUserForm, requireUser } from "~/auth/auth.server.ts";
import { createPersonalToken, listTokens, revokeToken } from "~/api/personal-tokens.server.ts";
import { TOKEN_LIFETIMES_DAYS } from "~/api/token-lifetimes.ts";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, Field, type FieldErrors } from "~/components/form-fields.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { formatDate, formatDateTime } from "~/i18n/format.ts";
import { useLocale, useT } from "~/i18n/use-t.ts";
import { HttpError, toPageResponse } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.apiTokens");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ tokens: await listTokens(user.id) });
}

type ActionData = {
  fields?: FieldErrors;
  created?: { token: string; name: string; expiresAt: string };
  revoked?: boolean;
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readUserForm(request, user);
  if (form.get("intent") === "revoke") {
    const revoked = await revokeToken(user, String(form.get("tokenId") ?? ""));
    if (!revoked) throw toPageResponse(new HttpError(404, { key: "problems.noSuchToken" }));
    return json<ActionData>({ revoked: true });
  }
  const result = await createPersonalToken(user, { name: form.get("name"), days: form.get("days") });
  if (!result.ok) return json<ActionData>({ fields: result.fields }, { status: 400 });
  return json<ActionData>({
    created: { token: result.token, name: result.name, expiresAt: result.expiresAt.toISOString() },
  });
}

export default function Tokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const errors = data?.fields ?? {};
  return (
    <>
      <h1>{t("tokens.title")}</h1>
      <p>
        <Link to="/account">{t("account.title")}</Link>
      </p>
      <p>{t("tokens.intro")}</p>
      {data?.created ? (
        <div className="notice notice--success" role="status">
          <p>{t("tokens.created", { name: data.created.name })}</p>
          <p>
            <code className="secret">{data.created.token}</code>
          </p>
        </div>
      ) : null}
      {data?.revoked ? (
        <div className="notice notice--success" role="status">
          {t("tokens.revoked")}
        </div>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("tokens.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("tokens.name")}</th>
              <th scope="col">{t("tokens.createdAt")}</th>
              <th scope="col">{t("tokens.expiresAt")}</th>
              <th scope="col">{t("tokens.lastUsed")}</th>
              <th scope="col">{t("admin.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.length === 0 ? (
              <tr>
                <td colSpan={5}>{t("tokens.none")}</td>
              </tr>
            ) : (
              tokens.map((tk) => (
                <tr key={tk.id}>
                  <td>{tk.name ?? t("tokens.signInToken")}</td>
                  <td>{formatDateTime(tk.createdAt, locale)}</td>
                  <td>{tk.name ? formatDate(tk.expiresAt, locale) : formatDateTime(tk.expiresAt, locale)}</td>
                  <td>{tk.lastUsedAt ? formatDateTime(tk.lastUsedAt, locale) : t("users.never")}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <CsrfInput />
                      <input type="hidden" name="tokenId" value={tk.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="revoke"
                        className="button button--warning button--small"
                        aria-label={`${t("tokens.revoke")} ${tk.name ?? t("tokens.signInToken")}`}
                      >
                        {t("tokens.revoke")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <h2 id="new-token">{t("tokens.new")}</h2>
      <ErrorSummary errors={errors} />
      <Form method="post" className="form" noValidate aria-labelledby="new-token">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <Field name="name" label={t("tokens.name")} hint={t("tokens.nameHint")} errors={errors}>
          {(p) => <input type="text" autoComplete="off" {...p} />}
        </Field>
        <Field name="days" label={t("tokens.expiry")} errors={errors}>
          {(p) => (
            <select {...p} defaultValue="90">
              {TOKEN_LIFETIMES_DAYS.map((d) => (
                <option key={d} value={d}>
                  {t("tokens.days", { days: d })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button">
          {t("tokens.create")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

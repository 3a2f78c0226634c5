import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server.ts";
import { NO_ROLE, type RoleOrNone } from "~/auth/roles.ts";
import { AdminNav } from "~/components/admin-nav.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { formatDateTime } from "~/i18n/format.ts";
import { useLocale, useT } from "~/i18n/use-t.ts";
import { ROLES, type Division } from "~/lifecycle/divisions.ts";
import { listBureaux } from "~/bureaux/bureaux.server.ts";
import { listUsersWithSignIn, parseUserFilters } from "~/users/users-list.server.ts";
import { USER_STATUSES } from "~/users/user-statuses.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.users");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const filters = parseUserFilters(new URL(request.url).searchParams);
  const [users, bureaux] = await Promise.all([listUsersWithSignIn(filters), listBureaux()]);
  return json({
    users,
    filters,
    bureaux: bureaux.map((b) => ({ code: b.code, nameEn: b.nameEn, nameZh: b.nameZh })),
  });
}

export default function UsersPage() {
  const { users, filters, bureaux } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t("users.title")}</h1>
      <AdminNav />
      <p>
        <Link to="/admin/users/import">{t("import.title")}</Link> ·{" "}
        <Link to="/admin#create-user">{t("admin.createUser")}</Link>
      </p>
      <Form method="get" className="filters" aria-label={t("users.filters")}>
        <div className="field">
          <label htmlFor="f-role">{t("admin.role")}</label>
          <select id="f-role" name="role" defaultValue={filters.role ?? ""}>
            <option value="">{t("users.any")}</option>
            {[...ROLES, NO_ROLE].map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-bureau">{t("admin.bureau")}</label>
          <select id="f-bureau" name="bureau" defaultValue={filters.bureau ?? ""}>
            <option value="">{t("users.any")}</option>
            {bureaux.map((b) => (
              <option key={b.code} value={b.code}>
                {b.code} — {locale === "zh-Hant" ? b.nameZh : b.nameEn}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t("admin.status")}</label>
          <select id="f-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("users.any")}</option>
            {USER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`users.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("users.filter")}
        </button>
      </Form>
      <p role="status">{t("users.count", { count: users.length })}</p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("users.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.email")}</th>
              <th scope="col">{t("admin.role")}</th>
              <th scope="col">{t("users.lastSignIn")}</th>
              <th scope="col">{t("users.mfa")}</th>
              <th scope="col">{t("admin.status")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                </td>
                <td>{u.email}</td>
                <td>
                  {t(`roles.${u.role as RoleOrNone}`)}
                  {u.bureauCode ? ` · ${u.bureauCode}` : ""}
                  {u.divisionCode ? ` · ${t(`divisions.${u.divisionCode as Division}`)}` : ""}
                </td>
                <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt, locale) : t("users.never")}</td>
                <td>{u.singleSignOn ? t("users.mfaProvider") : u.mfa ? t("users.mfaOn") : t("users.mfaOff")}</td>
                <td>
                  {u.disabledAt ? (
                    <strong className="tag tag--red">{t("admin.disabled")}</strong>
                  ) : u.role === NO_ROLE ? (
                    <strong className="tag tag--amber">{t("users.status.awaiting")}</strong>
                  ) : (
                    <strong className="tag tag--green">{t("admin.active")}</strong>
                  )}
                  {u.mustChangePassword ? <span className="hint"> {t("users.mustChange")}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { readUserForm, requireUser } from "~/auth/auth.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { Notices } from "~/components/notices.tsx";
import { StageTag } from "~/components/stage-tag.tsx";
import { getHome } from "~/home/home.queries.server.ts";
import { getNotices, markNoticesRead } from "~/home/notices.server.ts";
import { formatDate, formatHkd } from "~/i18n/t.ts";
import { useLocale, useT } from "~/i18n/use-t.ts";

export const meta: MetaFunction = () => [{ title: "Home — Initiative Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const hasNotices = user.role === "REVIEWER" || user.role === "OFFICER";
  const [home, notices] = await Promise.all([getHome(user), hasNotices ? getNotices(user) : null]);
  return json({ name: user.name, role: user.role, home, notices });
}

/** "Mark as read": notices are marked up to the newest one the page showed (see notices.server.ts). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readUserForm(request, user);
  if (form.get("intent") !== "markNoticesRead") throw new Response("Unknown action", { status: 400 });
  await markNoticesRead(user, form.get("upTo"));
  return redirect("/?notices=read");
}

export default function Home() {
  const { name, role, home, notices } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t("home.welcome", { name })}</h1>
      {params.get("notices") === "read" ? (
        <div className="notice notice--success" role="status">
          {t("notices.marked")}
        </div>
      ) : null}
      {notices ? <Notices notices={notices} role={role} t={t} locale={locale} /> : null}
      {home.role === "OFFICER" ? (
        <section aria-labelledby="register-heading">
          <p className="lead" id="register-heading">
            {t("home.officer.intro", {
              bureau: home.bureau ? (locale === "zh-Hant" ? home.bureau.nameZh : home.bureau.nameEn) : "—",
            })}
          </p>
          {home.initiatives.length === 0 ? (
            <p>{t("home.officer.empty")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("table.ref")}</th>
                    <th scope="col">{t("table.title")}</th>
                    <th scope="col">{t("table.stage")}</th>
                    <th scope="col" className="num">
                      {t("table.cost")}
                    </th>
                    <th scope="col">{t("table.updated")}</th>
                  </tr>
                </thead>
                <tbody>
                  {home.initiatives.map((i) => (
                    <tr key={i.ref}>
                      <td>
                        <Link to={`/initiatives/${i.ref}`}>{i.ref}</Link>
                      </td>
                      <td>{(locale === "zh-Hant" ? i.titleZh || i.titleEn : i.titleEn || i.titleZh) ?? "—"}</td>
                      <td>
                        <StageTag stage={i.stage} />
                      </td>
                      <td className="num">{formatHkd(i.nonRecurrentCost)}</td>
                      <td>{formatDate(i.updatedAt, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p>
            <Link to="/initiatives">{t("home.officer.viewAll")}</Link>
          </p>
        </section>
      ) : null}
      {home.role === "REVIEWER" ? (
        <section className="panel">
          <p>{t("home.reviewer.intro", { division: t(`divisions.${home.division}`) })}</p>
          <p className="lead">{t("home.reviewer.queue", { count: home.queueSize })}</p>
          <Link className="button" to="/reviews">
            {t("home.reviewer.openQueue")}
          </Link>
        </section>
      ) : null}
      {home.role === "LEADERSHIP" ? (
        <section className="panel">
          <p>{t("home.leadership.intro")}</p>
          <p className="lead">{t("home.leadership.inFlight", { count: home.inFlight })}</p>
          <Link className="button" to="/dashboard">
            {t("home.leadership.openDashboard")}
          </Link>
        </section>
      ) : null}
      {home.role === "ADMIN" ? (
        <section className="panel">
          <p>{t("home.admin.intro")}</p>
          <p className="lead">{t("home.admin.users", { count: home.users.count, active: home.users.active })}</p>
          <Link className="button" to="/admin">
            {t("home.admin.open")}
          </Link>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

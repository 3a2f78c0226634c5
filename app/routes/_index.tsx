import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { StageTag } from "~/components/stage-tag.tsx";
import { getHome } from "~/home/home.queries.server.ts";
import { DataTable } from "~/components/ui/data-table.tsx";
import { formatHkd } from "~/i18n/format.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Division } from "~/lifecycle/divisions.ts";
import type { Stage } from "~/lifecycle/initiative.machine.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.home");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ name: user.name, role: user.role, home: await getHome(user) });
}

export default function Home() {
  const { name, home } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  return (
    <>
      <h1>{t("home.welcome", { name })}</h1>
      {home.role === "OFFICER" ? (
        <section aria-labelledby="register-heading">
          <p className="lead" id="register-heading">
            {t("home.officer.intro", {
              bureau: home.bureau ? format.name(home.bureau) : "—",
            })}
          </p>
          {home.initiatives.length === 0 ? (
            <p>{t("home.officer.empty")}</p>
          ) : (
            <DataTable
              caption={t("register.title")}
              captionHidden
              rows={home.initiatives}
              rowKey={(i) => i.ref}
              columns={[
                { header: t("table.ref"), cell: (i) => <Link to={`/initiatives/${i.ref}`}>{i.ref}</Link> },
                { header: t("table.title"), cell: (i) => format.title(i) ?? "—" },
                { header: t("table.stage"), cell: (i) => <StageTag stage={i.stage as Stage} /> },
                { header: t("table.cost"), numeric: true, cell: (i) => formatHkd(i.nonRecurrentCost) },
                { header: t("table.updated"), cell: (i) => format.date(i.updatedAt) },
              ]}
            />
          )}
          <p>
            <Link to="/initiatives">{t("home.officer.viewAll")}</Link>
          </p>
        </section>
      ) : null}
      {home.role === "REVIEWER" ? (
        <section className="panel">
          <p>{t("home.reviewer.intro", { division: t(`divisions.${home.division as Division}`) })}</p>
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

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { DataTable } from "~/components/ui/data-table.tsx";
import { BureauCode } from "~/components/working-days.tsx";
import { formatHkd } from "~/i18n/format.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Division } from "~/lifecycle/divisions.ts";
import { listAwaitingFinanceCommittee } from "~/reviews/finance-committee.server.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.financeCommittee");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "LEADERSHIP");
  return forPage(async () => {
    return json(await listAwaitingFinanceCommittee(user));
  });
}

export default function FinanceCommitteePage() {
  const { items, totalReferred } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  return (
    <>
      <h1>{t("fc.title")}</h1>
      <p className="lead">{t("fc.intro")}</p>
      {items.length === 0 ? (
        <p>{t("fc.empty")}</p>
      ) : (
        <>
          <p>{t("fc.total", { count: items.length, amount: formatHkd(totalReferred) })}</p>
          <DataTable
            caption={t("fc.caption")}
            className="review-table"
            rows={items}
            rowKey={(i) => i.ref}
            columns={[
              {
                header: t("reviews.col.ref"),
                className: "nowrap",
                cell: (i) => <Link to={`/initiatives/${i.ref}`}>{i.ref}</Link>,
              },
              { header: t("reviews.col.title"), cell: (i) => format.title(i) ?? i.ref },
              { header: t("reviews.col.bureau"), cell: (i) => <BureauCode bureau={i.bureau} /> },
              {
                header: t("table.lead"),
                cell: (i) => (i.leadDivision ? t(`divisions.${i.leadDivision as Division}`) : "—"),
              },
              {
                header: t("fc.col.referred"),
                numeric: true,
                className: "nowrap",
                cell: (i) => formatHkd(i.referredAmount),
              },
              { header: t("fc.col.referredOn"), className: "nowrap", cell: (i) => format.date(i.referredAt) },
              {
                header: t("fc.col.waiting"),
                numeric: true,
                className: "nowrap",
                cell: (i) => format.workingDays(i.waitingWorkingDays),
              },
              {
                header: t("fc.col.action"),
                cell: (i) => (
                  <Link to={`/initiatives/${i.ref}#actions-heading`}>
                    {t("fc.record")}
                    <span className="visually-hidden"> {i.ref}</span>
                  </Link>
                ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

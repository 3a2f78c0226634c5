import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { BureauCode, workingDaysText } from "~/components/working-days.tsx";
import { formatDate, formatHkd } from "~/i18n/t.ts";
import { useLocale, useT } from "~/i18n/use-t.ts";
import { listAwaitingFinanceCommittee } from "~/reviews/finance-committee.server.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = () => [{ title: "Finance Committee — Initiative Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "LEADERSHIP");
  return forPage(async () => {
    return json(await listAwaitingFinanceCommittee(user));
  });
}

export default function FinanceCommitteePage() {
  const { items, totalReferred } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t("fc.title")}</h1>
      <p className="lead">{t("fc.intro")}</p>
      {items.length === 0 ? (
        <p>{t("fc.empty")}</p>
      ) : (
        <>
          <p>{t("fc.total", { count: items.length, amount: formatHkd(totalReferred) })}</p>
          <div className="table-wrap">
            <table className="review-table">
              <caption>{t("fc.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reviews.col.ref")}</th>
                  <th scope="col">{t("reviews.col.title")}</th>
                  <th scope="col">{t("reviews.col.bureau")}</th>
                  <th scope="col">{t("table.lead")}</th>
                  <th scope="col" className="num">
                    {t("fc.col.referred")}
                  </th>
                  <th scope="col">{t("fc.col.referredOn")}</th>
                  <th scope="col" className="num">
                    {t("fc.col.waiting")}
                  </th>
                  <th scope="col">{t("fc.col.action")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => {
                  const title = (locale === "zh-Hant" ? i.titleZh || i.titleEn : i.titleEn || i.titleZh) ?? i.ref;
                  return (
                    <tr key={i.ref}>
                      <td className="nowrap">
                        <Link to={`/initiatives/${i.ref}`}>{i.ref}</Link>
                      </td>
                      <td>{title}</td>
                      <td>
                        <BureauCode bureau={i.bureau} locale={locale} />
                      </td>
                      <td>{i.leadDivision ? t(`divisions.${i.leadDivision}`) : "—"}</td>
                      <td className="num nowrap">{formatHkd(i.referredAmount)}</td>
                      <td className="nowrap">{formatDate(i.referredAt, locale)}</td>
                      <td className="num nowrap">{workingDaysText(t, i.waitingWorkingDays)}</td>
                      <td>
                        <Link to={`/initiatives/${i.ref}#actions-heading`}>
                          {t("fc.record")}
                          <span className="visually-hidden"> {i.ref}</span>
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

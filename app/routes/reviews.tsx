import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { BureauCode, workingDaysText } from "~/components/working-days.tsx";
import { StageTag } from "~/components/stage-tag.tsx";
import { formatDate, formatHkd, type TFunction } from "~/i18n/t.ts";
import type { Locale } from "~/i18n/locales.ts";
import { useLocale, useT } from "~/i18n/use-t.ts";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { getFundingQueue, getRecentDecisions, getReviewCounts, getReviewQueue } from "~/reviews/review-queue.server.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = () => [{ title: "Review queue — Initiative Tracker" }];

const TABS = ["queue", "funding", "decided"] as const;
type Tab = (typeof TABS)[number];

function tabOf(url: URL): Tab {
  const tab = url.searchParams.get("tab");
  return (TABS as readonly string[]).includes(tab ?? "") ? (tab as Tab) : "queue";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "REVIEWER");
  const tab = tabOf(new URL(request.url));
  return forPage(async () => {
    const [counts, queue, funding, decided] = await Promise.all([
      getReviewCounts(user),
      tab === "queue" ? getReviewQueue(user) : null,
      tab === "funding" ? getFundingQueue(user) : null,
      tab === "decided" ? getRecentDecisions(user) : null,
    ]);
    return json({
      tab,
      division: user.divisionCode!,
      today: todayInHongKong(),
      counts,
      queue,
      funding,
      decided,
    });
  });
}

const titleOf = (row: { titleEn: string | null; titleZh: string | null; ref: string }, locale: Locale) =>
  (locale === "zh-Hant" ? row.titleZh || row.titleEn : row.titleEn || row.titleZh) ?? row.ref;

/** Overdue is said in words, not by colour alone; "due today" too. */
function SlaStatus({
  overdue,
  dueOn,
  today,
  t,
}: {
  overdue: boolean;
  dueOn: string | null;
  today: string;
  t: TFunction;
}) {
  if (overdue) return <strong className="tag tag--red cell-tag">{t("reviews.overdue")}</strong>;
  if (dueOn && dueOn === today) return <strong className="tag tag--amber cell-tag">{t("reviews.dueToday")}</strong>;
  return null;
}

export default function ReviewsPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const division = t(`divisions.${data.division}`);
  const slaDays = data.queue?.slaDays ?? data.funding?.slaDays;
  const tabLabel: Record<Tab, string> = {
    queue: t("reviews.tab.queue", { count: data.counts.queue }),
    funding: t("reviews.tab.funding", { count: data.counts.funding }),
    decided: t("reviews.tab.decided"),
  };

  return (
    <>
      <h1>{t("reviews.title")}</h1>
      <p className="lead">{t("reviews.intro", { division })}</p>

      <nav aria-label={t("reviews.tabs")} className="tabs">
        <ul>
          {TABS.map((tab) => (
            <li key={tab}>
              <Link
                to={`/reviews?tab=${tab}`}
                className={`tabs__tab${data.tab === tab ? " tabs__tab--active" : ""}`}
                aria-current={data.tab === tab ? "page" : undefined}
              >
                {tabLabel[tab]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {slaDays !== undefined ? <p className="hint">{t("reviews.slaNote", { days: slaDays })}</p> : null}

      {data.queue ? (
        data.queue.items.length === 0 ? (
          <p>{t("reviews.queue.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="review-table">
              <caption>{t("reviews.queue.caption", { division })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reviews.col.ref")}</th>
                  <th scope="col">{t("reviews.col.title")}</th>
                  <th scope="col">{t("reviews.col.bureau")}</th>
                  <th scope="col" className="num">
                    {t("reviews.col.round")}
                  </th>
                  <th scope="col">{t("reviews.col.submitted")}</th>
                  <th scope="col" className="num">
                    {t("reviews.col.age")}
                  </th>
                  <th scope="col">{t("reviews.col.due")}</th>
                </tr>
              </thead>
              <tbody>
                {data.queue.items.map((i) => (
                  <tr key={i.ref} className={i.overdue ? "row--overdue" : undefined}>
                    <td className="nowrap">
                      <Link to={`/initiatives/${i.ref}`}>{i.ref}</Link>
                    </td>
                    <td>
                      {titleOf(i, locale)}
                      {i.otherPending.length > 0 ? (
                        <span className="cell-note">
                          {t("reviews.alsoPending", {
                            divisions: i.otherPending.map((d) => t(`divisions.${d}`)).join(t("reviews.listSeparator")),
                          })}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <BureauCode bureau={i.bureau} locale={locale} />
                    </td>
                    <td className="num">{i.round}</td>
                    <td className="nowrap">{formatDate(i.enteredOn, locale)}</td>
                    <td className="num nowrap">{workingDaysText(t, i.ageWorkingDays)}</td>
                    <td className="nowrap">
                      {formatDate(i.dueOn, locale)}
                      <SlaStatus overdue={i.overdue} dueOn={i.dueOn} today={data.today} t={t} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}

      {data.funding ? (
        <>
          <p className="hint">{t("reviews.limitNote", { amount: formatHkd(data.funding.blockAllocationLimit) })}</p>
          {data.funding.items.length === 0 ? (
            <p>{t("reviews.funding.empty")}</p>
          ) : (
            <div className="table-wrap">
              <table className="review-table">
                <caption>{t("reviews.funding.caption", { division })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("reviews.col.ref")}</th>
                    <th scope="col">{t("reviews.col.title")}</th>
                    <th scope="col">{t("reviews.col.bureau")}</th>
                    <th scope="col" className="num">
                      {t("reviews.col.requested")}
                    </th>
                    <th scope="col">{t("reviews.col.stage")}</th>
                    <th scope="col">{t("reviews.col.since")}</th>
                    <th scope="col" className="num">
                      {t("reviews.col.age")}
                    </th>
                    <th scope="col">{t("reviews.col.due")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.funding.items.map((i) => (
                    <tr key={i.ref}>
                      <td className="nowrap">
                        <Link to={`/initiatives/${i.ref}`}>{i.ref}</Link>
                      </td>
                      <td>{titleOf(i, locale)}</td>
                      <td>
                        <BureauCode bureau={i.bureau} locale={locale} />
                      </td>
                      <td className="num nowrap">
                        {formatHkd(i.requested)}
                        <span className="cell-note">{t(`reviews.routeNote.${i.route}`)}</span>
                      </td>
                      <td>
                        <StageTag stage={i.stage} />
                        {i.deferralReasonCode ? (
                          <span className="cell-note">{t(`reasonCodes.${i.deferralReasonCode}`)}</span>
                        ) : null}
                      </td>
                      <td className="nowrap">{formatDate(i.enteredOn, locale)}</td>
                      <td className="num nowrap">{workingDaysText(t, i.ageWorkingDays)}</td>
                      <td className="nowrap">
                        {i.dueOn ? formatDate(i.dueOn, locale) : "—"}
                        <SlaStatus overdue={i.overdue} dueOn={i.dueOn} today={data.today} t={t} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}

      {data.decided ? (
        data.decided.items.length === 0 ? (
          <p>{t("reviews.decided.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="review-table">
              <caption>{t("reviews.decided.caption", { division, count: data.decided.items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reviews.col.decided")}</th>
                  <th scope="col">{t("reviews.col.ref")}</th>
                  <th scope="col">{t("reviews.col.title")}</th>
                  <th scope="col">{t("reviews.col.bureau")}</th>
                  <th scope="col">{t("reviews.col.decision")}</th>
                  <th scope="col">{t("reviews.col.by")}</th>
                </tr>
              </thead>
              <tbody>
                {data.decided.items.map((d, i) => (
                  <tr key={`${d.ref}-${d.at}-${i}`}>
                    <td className="nowrap">{formatDate(d.at, locale)}</td>
                    <td className="nowrap">
                      <Link to={`/initiatives/${d.ref}`}>{d.ref}</Link>
                    </td>
                    <td>{titleOf(d, locale)}</td>
                    <td>{d.bureauCode}</td>
                    <td>
                      {d.kind === "signoff"
                        ? t("reviews.signoffDecision", {
                            decision: t(`initiative.decision.${d.decision}`),
                            n: d.round ?? 0,
                          })
                        : t(`initiative.fundingDecision.${d.decision}`)}
                      {d.amount !== null ? <span className="cell-note">{formatHkd(d.amount)}</span> : null}
                      {d.reasonCode ? <span className="cell-note">{t(`reasonCodes.${d.reasonCode}`)}</span> : null}
                    </td>
                    <td>{d.by ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

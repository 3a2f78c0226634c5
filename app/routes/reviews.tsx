import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { StageTag } from "~/components/stage-tag.tsx";
import { DataTable, type Column } from "~/components/ui/data-table.tsx";
import { BureauCode } from "~/components/working-days.tsx";
import { formatHkd } from "~/i18n/format.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Division, ReasonCode } from "~/lifecycle/divisions.ts";
import type { Stage } from "~/lifecycle/initiative.machine.ts";
import type { FundingOutcome, SignoffDecision } from "~/reviews/recorded-decisions.ts";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { getReviewWorkspace, reviewPageOf } from "~/reviews/review-desks.server.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.reviews");

const TABS = ["queue", "funding", "decided"] as const;
type Tab = (typeof TABS)[number];

function tabOf(url: URL): Tab {
  const tab = url.searchParams.get("tab");
  return (TABS as readonly string[]).includes(tab ?? "") ? (tab as Tab) : "queue";
}

export async function loader({ request }: LoaderFunctionArgs) {
  // Leaders too: one acting for a reviewer works that reviewer's queue here (the workspace checks it).
  const user = await requireRole(request, "REVIEWER", "LEADERSHIP");
  const url = new URL(request.url);
  const tab = tabOf(url);
  return forPage(async () => {
    const workspace = await getReviewWorkspace(user, tab, new Date(), { page: reviewPageOf(url.searchParams) });
    // `division`: the first desk's, the reader's own for a reviewer.
    return json({ tab, today: todayInHongKong(), division: workspace.divisions[0]!, ...workspace });
  });
}

type Data = SerializeFrom<typeof loader>;
type QueueRow = NonNullable<Data["queue"]>["items"][number];
type FundingRow = NonNullable<Data["funding"]>["items"][number];
type DecidedRow = NonNullable<Data["decided"]>["items"][number];

/** Overdue is said in words, not by colour alone; "due today" too. */
function SlaStatus({ overdue, dueOn, today }: { overdue: boolean; dueOn: string | null; today: string }) {
  const t = useT();
  if (overdue) return <strong className="tag tag--red cell-tag">{t("reviews.overdue")}</strong>;
  if (dueOn && dueOn === today) return <strong className="tag tag--amber cell-tag">{t("reviews.dueToday")}</strong>;
  return null;
}

/** Plain links to the tab's previous and next pages: they work without JavaScript. */
function Pager({ tab, paging }: { tab: Tab; paging: NonNullable<Data["paging"]> }) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(paging.total / paging.pageSize));
  if (pages <= 1) return null;
  const to = (page: number) => `/reviews?tab=${tab}&page=${page}`;
  return (
    <nav className="pagination" aria-label={t("reviews.pagination")}>
      {paging.page > 1 ? (
        <Link to={to(Math.min(paging.page - 1, pages))} rel="prev">
          {t("reviews.previous")}
        </Link>
      ) : null}
      <span>{t("reviews.page", { page: paging.page, pages })}</span>
      {paging.page < pages ? (
        <Link to={to(paging.page + 1)} rel="next">
          {t("reviews.next")}
        </Link>
      ) : null}
    </nav>
  );
}

export default function ReviewsPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  const division = data.divisions.map((d) => t(`divisions.${d as Division}`)).join(t("reviews.listSeparator"));
  const slaDays = data.queue?.slaDays ?? data.funding?.slaDays;
  const tabLabel: Record<Tab, string> = {
    queue: t("reviews.tab.queue", { count: data.counts.queue }),
    funding: t("reviews.tab.funding", { count: data.counts.funding }),
    decided: t("reviews.tab.decided"),
  };
  type Behalf = { onBehalfOf: { name: string; email: string } | null };
  // An item of a delegator's queue opens with the delegator's decisions, and says on whose behalf it is.
  const refCell = (i: { ref: string } & Behalf) => (
    <Link to={`/initiatives/${i.ref}${i.onBehalfOf ? `?as=${encodeURIComponent(i.onBehalfOf.email)}` : ""}`}>
      {i.ref}
    </Link>
  );
  const behalfNote = (i: Behalf) =>
    i.onBehalfOf ? (
      <span className="cell-note tag tag--grey">{t("delegations.onBehalfOf", { name: i.onBehalfOf.name })}</span>
    ) : null;
  const titleOf = (i: { ref: string; titleEn: string | null; titleZh: string | null } & Behalf) => (
    <>
      {format.title(i) ?? i.ref}
      {behalfNote(i)}
    </>
  );
  const rowKeyOf = (i: { ref: string } & Behalf) => `${i.ref}-${i.onBehalfOf?.email ?? ""}`;

  const queueColumns: Column<QueueRow>[] = [
    { header: t("reviews.col.ref"), className: "nowrap", cell: refCell },
    {
      header: t("reviews.col.title"),
      cell: (i) => (
        <>
          {titleOf(i)}
          {i.otherPending.length > 0 ? (
            <span className="cell-note">
              {t("reviews.alsoPending", {
                divisions: i.otherPending.map((d) => t(`divisions.${d as Division}`)).join(t("reviews.listSeparator")),
              })}
            </span>
          ) : null}
        </>
      ),
    },
    { header: t("reviews.col.bureau"), cell: (i) => <BureauCode bureau={i.bureau} /> },
    { header: t("reviews.col.round"), numeric: true, cell: (i) => i.round },
    { header: t("reviews.col.submitted"), className: "nowrap", cell: (i) => format.date(i.enteredOn) },
    {
      header: t("reviews.col.age"),
      numeric: true,
      className: "nowrap",
      cell: (i) => format.workingDays(i.ageWorkingDays),
    },
    {
      header: t("reviews.col.due"),
      className: "nowrap",
      cell: (i) => (
        <>
          {format.date(i.dueOn)}
          <SlaStatus overdue={i.overdue} dueOn={i.dueOn} today={data.today} />
        </>
      ),
    },
  ];

  const fundingColumns: Column<FundingRow>[] = [
    { header: t("reviews.col.ref"), className: "nowrap", cell: refCell },
    { header: t("reviews.col.title"), cell: titleOf },
    { header: t("reviews.col.bureau"), cell: (i) => <BureauCode bureau={i.bureau} /> },
    {
      header: t("reviews.col.requested"),
      numeric: true,
      className: "nowrap",
      cell: (i) => (
        <>
          {formatHkd(i.requested)}
          <span className="cell-note">{t(`reviews.routeNote.${i.route}`)}</span>
        </>
      ),
    },
    {
      header: t("reviews.col.stage"),
      cell: (i) => (
        <>
          <StageTag stage={i.stage as Stage} />
          {i.deferralReasonCode ? (
            <span className="cell-note">{t(`reasonCodes.${i.deferralReasonCode as ReasonCode}`)}</span>
          ) : null}
        </>
      ),
    },
    { header: t("reviews.col.since"), className: "nowrap", cell: (i) => format.date(i.enteredOn) },
    {
      header: t("reviews.col.age"),
      numeric: true,
      className: "nowrap",
      cell: (i) => format.workingDays(i.ageWorkingDays),
    },
    {
      header: t("reviews.col.due"),
      className: "nowrap",
      cell: (i) => (
        <>
          {i.dueOn ? format.date(i.dueOn) : "—"}
          <SlaStatus overdue={i.overdue} dueOn={i.dueOn} today={data.today} />
        </>
      ),
    },
  ];

  const decidedColumns: Column<DecidedRow>[] = [
    { header: t("reviews.col.decided"), className: "nowrap", cell: (d) => format.date(d.at) },
    { header: t("reviews.col.ref"), className: "nowrap", cell: refCell },
    { header: t("reviews.col.title"), cell: titleOf },
    { header: t("reviews.col.bureau"), cell: (d) => d.bureauCode },
    {
      header: t("reviews.col.decision"),
      cell: (d) => (
        <>
          {d.kind === "signoff"
            ? t("reviews.signoffDecision", {
                decision: t(`initiative.decision.${d.decision as SignoffDecision}`),
                n: d.round ?? 0,
              })
            : t(`initiative.fundingDecision.${d.decision as FundingOutcome}`)}
          {d.amount !== null ? <span className="cell-note">{formatHkd(d.amount)}</span> : null}
          {d.reasonCode ? <span className="cell-note">{t(`reasonCodes.${d.reasonCode as ReasonCode}`)}</span> : null}
        </>
      ),
    },
    { header: t("reviews.col.by"), cell: (d) => d.by ?? "—" },
  ];

  return (
    <>
      <h1>{t("reviews.title")}</h1>
      <p className="lead">{t("reviews.intro", { division })}</p>
      {data.actingFor.map((a) => (
        <p key={a.email} className="notice">
          {t("delegations.queueNote", { name: a.name, division: t(`divisions.${a.division as Division}`) })}
        </p>
      ))}

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
          <DataTable
            caption={t("reviews.queue.caption", { division })}
            className="review-table"
            rows={data.queue.items}
            rowKey={rowKeyOf}
            rowClassName={(i) => (i.overdue ? "row--overdue" : undefined)}
            columns={queueColumns}
          />
        )
      ) : null}

      {data.funding ? (
        <>
          <p className="hint">{t("reviews.limitNote", { amount: formatHkd(data.funding.blockAllocationLimit) })}</p>
          {data.funding.items.length === 0 ? (
            <p>{t("reviews.funding.empty")}</p>
          ) : (
            <DataTable
              caption={t("reviews.funding.caption", { division })}
              className="review-table"
              rows={data.funding.items}
              rowKey={rowKeyOf}
              columns={fundingColumns}
            />
          )}
        </>
      ) : null}
      {data.paging ? <Pager tab={data.tab} paging={data.paging} /> : null}

      {data.decided ? (
        data.decided.items.length === 0 ? (
          <p>{t("reviews.decided.empty")}</p>
        ) : (
          <DataTable
            caption={t("reviews.decided.caption", { division, count: data.decided.items.length })}
            className="review-table"
            rows={data.decided.items}
            rowKey={(d, i) => `${d.ref}-${d.at}-${i}`}
            columns={decidedColumns}
          />
        )
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

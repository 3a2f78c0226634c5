import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server.ts";
import { CHART_COLOURS, DashboardBarChart, formatHkdShort } from "~/components/dashboard-charts.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { FilterSelect } from "~/components/form-fields.tsx";
import { LifecycleDiagram } from "~/components/lifecycle-diagram.tsx";
import { StageTag } from "~/components/stage-tag.tsx";
import { getDashboard } from "~/dashboard/dashboard.queries.server.ts";
import { formatDate, formatHkd } from "~/i18n/t.ts";
import { useLocale, useT } from "~/i18n/use-t.ts";
import { registerChoices } from "~/initiatives/initiatives.queries.server.ts";
import { CATEGORIES, DIVISIONS } from "~/lifecycle/divisions.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = () => [{ title: "Dashboard — Initiative Tracker" }];

/** The leadership dashboard (reviewers see their division's); officers and administrators get 403. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "LEADERSHIP", "REVIEWER");
  return forPage(async () => {
    const [dashboard, choices] = await Promise.all([
      getDashboard(user, new URL(request.url).searchParams),
      registerChoices(user),
    ]);
    return json({ dashboard, choices });
  });
}

const number = (n: number) => n.toLocaleString("en-HK");
const days = (n: number | null | undefined) =>
  n === null || n === undefined
    ? "—"
    : n.toLocaleString("en-HK", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export default function Dashboard() {
  const { dashboard: d, choices } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const hkd = (n: number) => formatHkdShort(n, locale);
  const title = (i: { titleEn: string | null; titleZh: string | null }) =>
    (locale === "zh-Hant" ? i.titleZh || i.titleEn : i.titleEn || i.titleZh) || "—";
  const name = (b: { nameEn: string; nameZh: string }) => (locale === "zh-Hant" ? b.nameZh : b.nameEn);

  // The filters as query parameters: for the CSV export and the register links (same names there).
  const filterParams = new URLSearchParams();
  for (const [k, v] of Object.entries(d.filters)) if (v) filterParams.set(k, String(v));
  const withFilters = (path: string, extra: Record<string, string> = {}) => {
    const p = new URLSearchParams(filterParams);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return p.size ? `${path}?${p}` : path;
  };

  const stages = Object.entries(d.byStage) as [string, number][];
  const cycle = Object.entries(d.cycleTimeDays) as [string, { median: number; p90: number; count: number }][];
  const heat = Object.fromEntries(cycle.map(([s, c]) => [s, t("dashboard.daysShort", { days: days(c.median) })]));
  const refusals = d.refusals.filter((r) => r.total > 0);

  return (
    <div className="dashboard">
      {/* Without JavaScript there are no charts: give the tables the whole width. */}
      <noscript>
        <style>{".dashboard-chart{display:none}.dashboard-pair{display:block}"}</style>
      </noscript>
      <h1>{t("dashboard.title")}</h1>
      <p className="lead">
        {d.scope.division
          ? t("dashboard.intro.division", { division: t(`divisions.${d.scope.division}`) })
          : t("dashboard.intro.all")}
      </p>
      <p className="hint">{t("dashboard.asOf", { date: formatDate(d.today, locale) })}</p>

      <Form method="get" className="filters dashboard-filters" role="search" aria-label={t("dashboard.filters")}>
        <div className="filters__row">
          <div className="field field--compact">
            <label htmlFor="fy">{t("dashboard.fy")}</label>
            <select id="fy" name="fy" defaultValue={d.filters.fy ?? ""} aria-describedby="fy-hint">
              <option value="">{t("dashboard.anyYear")}</option>
              {choices.financialYears.map((fy) => (
                <option key={fy} value={fy}>
                  {fy}
                </option>
              ))}
            </select>
            <p className="hint dashboard-hint" id="fy-hint">
              {t("dashboard.fyHint")}
            </p>
          </div>
          <div className="field field--compact">
            <label htmlFor="bureau">{t("dashboard.bureau")}</label>
            <select id="bureau" name="bureau" defaultValue={d.filters.bureau ?? ""}>
              <option value="">{t("dashboard.anyBureau")}</option>
              {choices.bureaux.map((b) => (
                <option key={b.code} value={b.code}>
                  {b.code} — {name(b)}
                </option>
              ))}
            </select>
          </div>
          <FilterSelect
            name="division"
            label={t("dashboard.division")}
            anyLabel={t("dashboard.anyDivision")}
            value={d.filters.division}
            options={DIVISIONS.map((v) => ({ value: v, label: t(`divisions.${v}`) }))}
          />
          <FilterSelect
            name="category"
            label={t("dashboard.category")}
            anyLabel={t("dashboard.anyCategory")}
            value={d.filters.category}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
          />
        </div>
        <div className="button-group">
          <button type="submit" className="button">
            {t("dashboard.apply")}
          </button>
          <Link to="/dashboard">{t("dashboard.clear")}</Link>
          <a href={withFilters("/initiatives/export.csv")} download>
            {t("dashboard.export")}
          </a>
        </div>
      </Form>

      <nav aria-label={t("dashboard.skipToTables")} className="dashboard-toc">
        <ul>
          {(
            [
              ["headline", "dashboard.headline"],
              ["pipeline", "dashboard.pipeline"],
              ["bureaux", "dashboard.byBureau"],
              ["divisions", "dashboard.byDivision"],
              ["cycle", "dashboard.cycle"],
              ["oldest", "dashboard.oldest"],
              ["health", "dashboard.health"],
              ["benefits", "dashboard.benefits"],
              ["refusals", "dashboard.refusals"],
            ] as const
          ).map(([id, key]) => (
            <li key={id}>
              <a href={`#${id}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="headline" className="dashboard-section">
        <h2 id="headline">{t("dashboard.headline")}</h2>
        <dl className="dashboard-figures">
          <Figure
            label={t("dashboard.total")}
            value={number(d.total)}
            note={`${t("dashboard.inFlight")}${t("initiative.colon")}${number(d.inFlight)}`}
          />
          <Figure label={t("dashboard.requested")} value={formatHkd(d.funding.requested)} />
          <Figure
            label={t("dashboard.approved")}
            value={formatHkd(d.funding.approved)}
            note={t("dashboard.approvedCount", { count: number(d.funding.approvedCount) })}
          />
          <Figure
            label={t("dashboard.referred")}
            value={formatHkd(d.funding.referred)}
            note={t("dashboard.fcApproved", { amount: formatHkd(d.funding.financeCommitteeApproved) })}
          />
          <Figure
            label={t("dashboard.expectedSavings")}
            value={formatHkd(d.benefits.expectedAnnualSavings)}
            note={t("dashboard.fundedNote", { count: number(d.benefits.funded) })}
          />
          <Figure
            label={t("dashboard.realisedSavings")}
            value={formatHkd(d.benefits.realisedAnnualSavings)}
            note={t("dashboard.reportedNote", { count: number(d.benefits.reported) })}
          />
          <Figure
            label={t("dashboard.expectedHours")}
            value={number(d.benefits.expectedStaffHoursSaved)}
            note={t("dashboard.fundedNote", { count: number(d.benefits.funded) })}
          />
          <Figure
            label={t("dashboard.realisedHours")}
            value={number(d.benefits.realisedStaffHoursSaved)}
            note={t("dashboard.reportedNote", { count: number(d.benefits.reported) })}
          />
        </dl>
      </section>

      <section aria-labelledby="pipeline" className="dashboard-section">
        <h2 id="pipeline">{t("dashboard.pipeline")}</h2>
        <div className="dashboard-pair">
          <DashboardBarChart
            label={t("dashboard.chartLabel", { title: t("dashboard.pipeline") })}
            horizontal
            data={stages.map(([s, n]) => ({ name: t(`stages.${s}`), count: n }))}
            series={[{ key: "count", name: t("dashboard.count"), colour: CHART_COLOURS.blue }]}
          />
          <div className="table-wrap">
            <table>
              <caption>{t("dashboard.pipeline.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.stage")}</th>
                  <th scope="col" className="num">
                    {t("dashboard.count")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {stages.map(([s, n]) => (
                  <tr key={s}>
                    <th scope="row">
                      <Link to={withFilters("/initiatives", { stage: s })} title={t("dashboard.openRegister")}>
                        {t(`stages.${s}`)}
                      </Link>
                    </th>
                    <td className="num">{number(n)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("dashboard.totalCol")}</th>
                  <td className="num">{number(d.total)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </div>
        <h3>{t("dashboard.diagram")}</h3>
        <p className="hint">{t("dashboard.diagramHint")}</p>
        <LifecycleDiagram t={t} heat={heat} className="dashboard-diagram" title={t("dashboard.diagram")} />
      </section>

      <section aria-labelledby="bureaux" className="dashboard-section">
        <h2 id="bureaux">{t("dashboard.byBureau")}</h2>
        {d.byBureau.length === 0 ? (
          <p>{t("dashboard.noData")}</p>
        ) : (
          // Wider than the page on most screens: a focusable region, so that keyboard users can scroll it.
          <div className="table-wrap" role="region" aria-labelledby="bureaux-caption" tabIndex={0}>
            <table className="dashboard-wide">
              <caption id="bureaux-caption">{t("dashboard.byBureau.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.bureauCol")}</th>
                  {stages.map(([s]) => (
                    <th scope="col" className="num" key={s}>
                      {t(`stages.${s}`)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t("dashboard.totalCol")}
                  </th>
                  <th scope="col" className="num">
                    {t("dashboard.requestedCol")}
                  </th>
                  <th scope="col" className="num">
                    {t("dashboard.approvedCol")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.byBureau.map((b) => (
                  <tr key={b.bureau}>
                    <th scope="row">
                      <abbr title={name(b)}>{b.bureau}</abbr> <span className="dashboard-bureau-name">{name(b)}</span>
                    </th>
                    {stages.map(([s]) => (
                      <td className="num" key={s}>
                        {b.stages[s] ? number(b.stages[s]) : <span className="dashboard-zero">0</span>}
                      </td>
                    ))}
                    <td className="num">{number(b.total)}</td>
                    <td className="num">{formatHkd(b.requested)}</td>
                    <td className="num">{formatHkd(b.approved)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="divisions" className="dashboard-section">
        <h2 id="divisions">{t("dashboard.byDivision")}</h2>
        <p className="hint">{t("dashboard.reviewHint")}</p>
        <div className="table-wrap">
          <table>
            <caption>{t("dashboard.byDivision.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.divisionCol")}</th>
                <th scope="col" className="num">
                  {t("dashboard.pendingCol")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.overdueCol", { days: d.reviewSlaDays })}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.decisionsCol")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.medianReviewCol")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.p90ReviewCol")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.byDivision.map((v) => (
                <tr key={v.division}>
                  <th scope="row">{t(`divisions.${v.division}`)}</th>
                  <td className="num">{number(v.pending)}</td>
                  <td className="num">
                    {v.overdue > 0 ? <strong className="tag tag--red">{number(v.overdue)}</strong> : "0"}
                  </td>
                  <td className="num">{number(v.decisions)}</td>
                  <td className="num">{days(v.medianReviewDays)}</td>
                  <td className="num">{days(v.p90ReviewDays)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="cycle" className="dashboard-section">
        <h2 id="cycle">{t("dashboard.cycle")}</h2>
        <p className="hint">{t("dashboard.cycleHint")}</p>
        {cycle.length === 0 ? (
          <p>{t("dashboard.noData")}</p>
        ) : (
          <div className="dashboard-pair">
            <DashboardBarChart
              label={t("dashboard.chartLabel", { title: t("dashboard.cycle") })}
              horizontal
              data={cycle.map(([s, c]) => ({ name: t(`stages.${s}`), median: c.median, p90: c.p90 }))}
              series={[
                { key: "median", name: t("dashboard.median"), colour: CHART_COLOURS.blue },
                { key: "p90", name: t("dashboard.p90"), colour: CHART_COLOURS.navy },
              ]}
              format={(v) =>
                t("dashboard.daysShort", { days: v.toLocaleString("en-HK", { maximumFractionDigits: 1 }) })
              }
            />
            <div className="table-wrap">
              <table>
                <caption>{t("dashboard.cycle.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.stage")}</th>
                    <th scope="col" className="num">
                      {t("dashboard.medianCol")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.p90Col")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.visitsCol")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {cycle.map(([s, c]) => (
                    <tr key={s}>
                      <th scope="row">{t(`stages.${s}`)}</th>
                      <td className="num">{days(c.median)}</td>
                      <td className="num">{days(c.p90)}</td>
                      <td className="num">{number(c.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </section>

      <section aria-labelledby="oldest" className="dashboard-section">
        <h2 id="oldest">{t("dashboard.oldest")}</h2>
        {d.oldestPending.length === 0 ? (
          <p>{t("dashboard.oldestEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t("dashboard.oldest.caption", { count: d.oldestPending.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.refCol")}</th>
                  <th scope="col">{t("dashboard.titleCol")}</th>
                  <th scope="col">{t("dashboard.bureauCol")}</th>
                  <th scope="col">{t("dashboard.divisionCol")}</th>
                  <th scope="col">{t("dashboard.waitingSinceCol")}</th>
                  <th scope="col" className="num">
                    {t("dashboard.ageCol")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.oldestPending.map((p) => (
                  <tr key={`${p.ref}-${p.division}`}>
                    <td className="dashboard-ref">
                      <Link to={`/initiatives/${p.ref}`}>{p.ref}</Link>
                    </td>
                    <td>{title(p)}</td>
                    <td>{p.bureauCode}</td>
                    <td>{t(`divisions.${p.division}`)}</td>
                    <td>{formatDate(p.since, locale)}</td>
                    <td className="num">
                      {number(p.ageWorkingDays)}
                      {p.overdue ? (
                        <>
                          {" "}
                          <strong className="tag tag--red">{t("dashboard.overdue")}</strong>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="health" className="dashboard-section">
        <h2 id="health">{t("dashboard.health")}</h2>
        <p className="hint">{t("dashboard.healthHint")}</p>
        <div className="dashboard-pair">
          <DashboardBarChart
            label={t("dashboard.chartLabel", { title: t("dashboard.health") })}
            horizontal
            height={170}
            data={(["red", "amber", "green"] as const).map((h) => ({
              name: t(`health.${h}`),
              count: d.deliveryHealth[h],
            }))}
            series={[{ key: "count", name: t("dashboard.count"), colour: CHART_COLOURS.grey }]}
            categoryColours={[CHART_COLOURS.red, CHART_COLOURS.amber, CHART_COLOURS.green]}
          />
          <div className="table-wrap">
            <table>
              <caption>{t("dashboard.health.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.healthCol")}</th>
                  <th scope="col" className="num">
                    {t("dashboard.count")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {(["red", "amber", "green"] as const).map((h) => (
                  <tr key={h}>
                    <th scope="row">
                      <strong className={`tag tag--${h}`}>{t(`health.${h}`)}</strong>
                    </th>
                    <td className="num">{number(d.deliveryHealth[h])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <h3>{t("dashboard.redList")}</h3>
        {d.deliveryHealth.redList.length === 0 ? (
          <p>{t("dashboard.redEmpty")}</p>
        ) : (
          <>
            {d.deliveryHealth.red > d.deliveryHealth.redList.length ? (
              <p className="hint">
                {t("dashboard.redMore", {
                  shown: d.deliveryHealth.redList.length,
                  total: number(d.deliveryHealth.red),
                })}
              </p>
            ) : null}
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t("dashboard.redList.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.refCol")}</th>
                    <th scope="col">{t("dashboard.titleCol")}</th>
                    <th scope="col">{t("dashboard.bureauCol")}</th>
                    <th scope="col">{t("dashboard.stage")}</th>
                    <th scope="col">{t("dashboard.plannedEndCol")}</th>
                    <th scope="col">{t("dashboard.overdueSinceCol")}</th>
                    <th scope="col" className="num">
                      {t("dashboard.daysOverdueCol")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.deliveryHealth.redList.map((r) => (
                    <tr key={r.ref}>
                      <td className="dashboard-ref">
                        <Link to={`/initiatives/${r.ref}`}>{r.ref}</Link>
                      </td>
                      <td>{title(r)}</td>
                      <td>{r.bureauCode}</td>
                      <td>
                        <StageTag stage={r.stage} />
                      </td>
                      <td>{formatDate(r.plannedEnd, locale)}</td>
                      <td>{formatDate(r.overdueSince, locale)}</td>
                      <td className="num">{number(r.daysOverdue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="benefits" className="dashboard-section">
        <h2 id="benefits">{t("dashboard.benefits")}</h2>
        <p className="hint">{t("dashboard.benefitsHint")}</p>
        {d.benefits.byFinancialYear.length === 0 ? (
          <p>{t("dashboard.benefitsEmpty")}</p>
        ) : (
          <>
            <DashboardBarChart
              label={t("dashboard.chartLabel", { title: t("dashboard.benefits") })}
              data={d.benefits.byFinancialYear.map((y) => ({
                name: y.financialYear,
                expected: y.expectedAnnualSavings,
                realised: y.realisedAnnualSavings,
              }))}
              series={[
                { key: "expected", name: t("dashboard.expected"), colour: CHART_COLOURS.blue },
                { key: "realised", name: t("dashboard.realised"), colour: CHART_COLOURS.green },
              ]}
              format={hkd}
            />
            <div className="table-wrap">
              <table>
                <caption>{t("dashboard.benefits.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.fyCol")}</th>
                    <th scope="col" className="num">
                      {t("dashboard.fundedCol")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.reportedCol")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.expectedSavingsCol")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.realisedSavingsCol")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.expectedHoursCol")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.realisedHoursCol")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.benefits.byFinancialYear.map((y) => (
                    <tr key={y.financialYear}>
                      <th scope="row">{y.financialYear}</th>
                      <td className="num">{number(y.funded)}</td>
                      <td className="num">{number(y.reported)}</td>
                      <td className="num">{formatHkd(y.expectedAnnualSavings)}</td>
                      <td className="num">{formatHkd(y.realisedAnnualSavings)}</td>
                      <td className="num">{number(y.expectedStaffHoursSaved)}</td>
                      <td className="num">{number(y.realisedStaffHoursSaved)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="refusals" className="dashboard-section">
        <h2 id="refusals">{t("dashboard.refusals")}</h2>
        {refusals.length === 0 ? (
          <p>{t("dashboard.noData")}</p>
        ) : (
          <>
            <DashboardBarChart
              label={t("dashboard.chartLabel", { title: t("dashboard.refusals") })}
              horizontal
              stacked
              data={refusals.map((r) => ({
                name: t(`reasonCodes.${r.reasonCode}`),
                returned: r.returned,
                rejected: r.rejected,
                deferred: r.deferred,
              }))}
              series={[
                { key: "returned", name: t("dashboard.returned"), colour: CHART_COLOURS.amber },
                { key: "rejected", name: t("dashboard.rejected"), colour: CHART_COLOURS.red },
                { key: "deferred", name: t("dashboard.deferred"), colour: CHART_COLOURS.purple },
              ]}
            />
            <div className="table-wrap">
              <table>
                <caption>{t("dashboard.refusals.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.reasonCol")}</th>
                    <th scope="col" className="num">
                      {t("dashboard.returned")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.rejected")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.deferred")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.totalCol")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {refusals.map((r) => (
                    <tr key={r.reasonCode}>
                      <th scope="row">{t(`reasonCodes.${r.reasonCode}`)}</th>
                      <td className="num">{number(r.returned)}</td>
                      <td className="num">{number(r.rejected)}</td>
                      <td className="num">{number(r.deferred)}</td>
                      <td className="num">{number(r.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}

/** One headline figure: label, value and an optional line of context. */
function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="dashboard-figure">
      <dt>{label}</dt>
      <dd
        className={
          value.length > 13 ? "dashboard-figure__value dashboard-figure__value--long" : "dashboard-figure__value"
        }
      >
        {value}
      </dd>
      {note ? <dd className="dashboard-figure__note">{note}</dd> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

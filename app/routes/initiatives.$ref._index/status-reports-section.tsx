import { EventForm } from "~/components/event-forms.tsx";
import { StatusReportChart } from "~/components/status-report-chart.tsx";
import { DataTable } from "~/components/ui/data-table.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { InitiativeActionData } from "~/initiatives/initiative-actions.server.ts";
import type { Rag } from "~/lifecycle/events.ts";
import { formatQuarter, type QuarterStatus } from "~/status-reports/quarters.ts";
import type { InitiativeView } from "./types.ts";

type Reports = NonNullable<InitiativeView["statusReports"]>;
type Report = Reports["reports"][number];

const RAG_TAG: Record<Rag, string> = { green: "tag--green", amber: "tag--amber", red: "tag--red" };
const STATUS_TAG: Record<QuarterStatus, string> = {
  reported: "tag--green",
  late: "tag--amber",
  due: "",
  overdue: "tag--red",
  missed: "tag--grey",
};

/**
 * The quarterly status reports of an initiative in delivery (or after it): the officer's form, the overdue
 * quarters, spend against funding with overspends flagged, a chart of the history and a table of every
 * quarter owed.
 */
export function StatusReportsSection({
  view,
  today,
  data,
}: {
  view: InitiativeView;
  today: string;
  data: InitiativeActionData | undefined;
}) {
  const t = useT();
  const format = useFormat();
  const sr = view.statusReports;
  if (!sr) return null;
  const quarter = (q: string) => formatQuarter(q, format.locale);
  const byQuarter = new Map(sr.reports.map((r) => [r.quarter, r]));
  const rows = [...sr.quarters, ...(sr.current ? [{ ...sr.current, inProgress: true }] : [])].map((q) => ({
    ...q,
    inProgress: "inProgress" in q,
    report: byQuarter.get(q.quarter) ?? null,
  }));
  const latest = sr.reports.at(-1) ?? null;
  const funded = view.funding.approved;
  const canReport = view.availableEvents.includes("REPORT_STATUS");
  const over = (r: Report) => r.spendToDate - r.fundedAmount;
  const chartRows = rows.filter((r) => r.report || !r.inProgress);

  return (
    <section aria-labelledby="status-reports-heading" id="status-reports">
      <h2 id="status-reports-heading">{t("statusReports.heading")}</h2>
      <p className="hint">{t("statusReports.rule", { days: sr.dueWorkingDays })}</p>
      {view.statusReportsOverdue.length > 0 ? (
        <div className="notice notice--warning">
          <strong>
            {t("statusReports.overdueNotice", {
              quarters: view.statusReportsOverdue.map((q) => quarter(q.quarter)).join(", "),
            })}
          </strong>
        </div>
      ) : null}
      <dl className="status-summary">
        <div>
          <dt>{t("statusReports.funded")}</dt>
          <dd>{format.hkd(funded)}</dd>
        </div>
        {latest ? (
          <div>
            <dt>{t("statusReports.latestSpend")}</dt>
            <dd>
              {format.hkd(latest.spendToDate)} ({quarter(latest.quarter)})
              {latest.overspent ? (
                <>
                  {" "}
                  <strong className="tag tag--red">
                    {t("statusReports.overspentFlag", { amount: format.hkd(over(latest)) })}
                  </strong>
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {rows.length === 0 ? <p>{t("statusReports.none")}</p> : null}
      {sr.reports.length > 0 ? (
        <StatusReportChart
          label={t("statusReports.chart")}
          points={chartRows.map((r) => ({
            label: quarter(r.quarter),
            percent: r.report?.percentComplete ?? null,
            spendShare:
              r.report && r.report.fundedAmount > 0
                ? Math.round((r.report.spendToDate / r.report.fundedAmount) * 1000) / 10
                : null,
          }))}
          legend={{
            percent: t("statusReports.chartPercent"),
            spend: t("statusReports.chartSpend"),
            funded: t("statusReports.chartFunded"),
          }}
        />
      ) : null}
      {rows.length > 0 ? (
        <DataTable
          caption={t("statusReports.table")}
          wide
          rows={rows}
          rowKey={(r) => r.quarter}
          columns={[
            {
              header: t("statusReports.quarter"),
              rowHeader: true,
              cell: (r) => (
                <>
                  {quarter(r.quarter)}
                  {r.inProgress ? <span className="cell-note">{t("statusReports.inProgress")}</span> : null}
                </>
              ),
            },
            { header: t("statusReports.due"), cell: (r) => format.date(r.dueDate), className: "nowrap" },
            {
              header: t("statusReports.status"),
              cell: (r) => (
                <strong className={`tag ${STATUS_TAG[r.status]}`}>{t(`statusReports.state.${r.status}`)}</strong>
              ),
            },
            {
              header: t("statusReports.rag"),
              cell: (r) =>
                r.report ? (
                  <strong className={`tag ${RAG_TAG[r.report.rag as Rag] ?? ""}`}>
                    {t(`rag.${r.report.rag as Rag}`)}
                  </strong>
                ) : (
                  "—"
                ),
            },
            {
              header: t("statusReports.percent"),
              numeric: true,
              cell: (r) => (r.report ? `${r.report.percentComplete}%` : "—"),
            },
            {
              header: t("statusReports.spend"),
              numeric: true,
              cell: (r) =>
                r.report ? (
                  <>
                    {format.hkd(r.report.spendToDate)}
                    {r.report.overspent ? (
                      <span className="cell-note cell-note--warning">
                        {t("statusReports.overspentFlag", { amount: format.hkd(over(r.report)) })}
                      </span>
                    ) : null}
                  </>
                ) : (
                  "—"
                ),
            },
            {
              header: t("statusReports.reported"),
              cell: (r) =>
                r.report ? (
                  <>
                    {t("statusReports.byOn", {
                      actor: r.report.reportedBy ?? t("roles.OFFICER"),
                      date: format.date(r.report.reportedAt),
                    })}
                    <span className="cell-note quote">{r.report.note}</span>
                    {r.report.risks ? (
                      <span className="cell-note">
                        {t("statusReports.risks")}: {r.report.risks}
                      </span>
                    ) : null}
                  </>
                ) : (
                  "—"
                ),
            },
          ]}
        />
      ) : null}
      {canReport ? (
        <div className="action-forms action-forms--single">
          {sr.reportingQuarter ? (
            <p className="hint">{t("statusReports.formFor", { quarter: quarter(sr.reportingQuarter) })}</p>
          ) : null}
          <EventForm
            key={`REPORT_STATUS-${view.version}`}
            type="REPORT_STATUS"
            view={view}
            today={today}
            errors={data?.intent === "REPORT_STATUS" && !data.form ? data.fields : undefined}
          />
        </div>
      ) : null}
    </section>
  );
}

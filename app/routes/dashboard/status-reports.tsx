import { Link } from "@remix-run/react";
import { DataTable } from "~/components/ui/data-table.tsx";
import { formatNumber as number } from "~/i18n/format.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { formatQuarter } from "~/status-reports/quarters.ts";
import { DashboardSection, type DashboardData } from "./section.tsx";

const share = (spent: number, funded: number) => (funded > 0 ? `${Math.round((spent / funded) * 100)}%` : "—");

/**
 * Spend to date against funding for the initiatives in delivery (from each one's latest status report), in
 * total and by B/D; the status reports now overdue; and the initiatives reporting spend above funding.
 */
export function StatusReportsSection({ d }: { d: DashboardData }) {
  const t = useT();
  const format = useFormat();
  const s = d.statusReports;
  const quarter = (q: string) => formatQuarter(q, format.locale);
  const ref = (r: { ref: string }) => <Link to={`/initiatives/${r.ref}`}>{r.ref}</Link>;
  return (
    <DashboardSection id="status-reports" title={t("dashboard.status.heading")}>
      <DataTable
        caption={t("dashboard.status.spendCaption")}
        rows={s.spend.byBureau}
        rowKey={(b) => b.bureau}
        columns={[
          {
            header: t("dashboard.bureauCol"),
            rowHeader: true,
            cell: (b) => format.name({ code: b.bureau, ...b }) ?? b.bureau,
          },
          {
            header: t("dashboard.status.reporting"),
            numeric: true,
            cell: (b) => `${number(b.reporting)} / ${number(b.initiatives)}`,
          },
          { header: t("dashboard.status.funded"), numeric: true, cell: (b) => format.hkd(b.funded) },
          { header: t("dashboard.status.spent"), numeric: true, cell: (b) => format.hkd(b.spent) },
          { header: t("dashboard.status.share"), numeric: true, cell: (b) => share(b.spent, b.fundedReporting) },
        ]}
        footer={[
          t("dashboard.status.total"),
          `${number(s.spend.reporting)} / ${number(s.spend.initiatives)}`,
          format.hkd(s.spend.funded),
          format.hkd(s.spend.spent),
          share(s.spend.spent, s.spend.fundedReporting),
        ]}
      />

      <h3 id="status-overdue">{t("dashboard.status.overdueCaption")}</h3>
      {s.overdue.count === 0 ? (
        <p>{t("dashboard.status.noOverdue")}</p>
      ) : (
        <>
          <p>
            <strong className="tag tag--red">
              {t("dashboard.status.overdueCount", { count: number(s.overdue.count) })}
            </strong>
          </p>
          <DataTable
            caption={t("dashboard.status.overdueCaption")}
            captionHidden
            rows={s.overdue.items}
            rowKey={(r) => `${r.ref}-${r.quarter}`}
            columns={[
              { header: t("dashboard.refCol"), className: "dashboard-ref", cell: ref },
              { header: t("dashboard.titleCol"), cell: (r) => format.title(r) ?? "—" },
              { header: t("dashboard.bureauCol"), cell: (r) => r.bureauCode },
              { header: t("dashboard.status.quarter"), cell: (r) => quarter(r.quarter) },
              { header: t("dashboard.status.dueDate"), cell: (r) => format.date(r.dueDate) },
              { header: t("dashboard.daysOverdueCol"), numeric: true, cell: (r) => number(r.daysOverdue) },
            ]}
          />
        </>
      )}

      <h3 id="status-overspends">{t("dashboard.status.overspendCaption")}</h3>
      {s.overspends.count === 0 ? (
        <p>{t("dashboard.status.noOverspend")}</p>
      ) : (
        <DataTable
          caption={t("dashboard.status.overspendCaption")}
          captionHidden
          rows={s.overspends.items}
          rowKey={(r) => r.ref}
          columns={[
            { header: t("dashboard.refCol"), className: "dashboard-ref", cell: ref },
            { header: t("dashboard.titleCol"), cell: (r) => format.title(r) ?? "—" },
            { header: t("dashboard.bureauCol"), cell: (r) => r.bureauCode },
            { header: t("dashboard.status.quarter"), cell: (r) => quarter(r.quarter) },
            { header: t("dashboard.status.funded"), numeric: true, cell: (r) => format.hkd(r.fundedAmount) },
            { header: t("dashboard.status.spent"), numeric: true, cell: (r) => format.hkd(r.spendToDate) },
            {
              header: t("dashboard.status.over"),
              numeric: true,
              cell: (r) => <strong className="cell-note--warning">{format.hkd(r.over)}</strong>,
            },
          ]}
        />
      )}
    </DashboardSection>
  );
}

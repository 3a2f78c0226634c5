import { DataTable } from "~/components/ui/data-table.tsx";
import { formatDays, formatNumber as number } from "~/i18n/format.ts";
import { useT } from "~/i18n/use-t.ts";
import type { Division } from "~/lifecycle/divisions.ts";
import { DashboardSection, type DashboardData } from "./section.tsx";

/** Each review division's queue: pending, overdue against the SLA, decisions and how long they took. */
export function DivisionsSection({ d }: { d: DashboardData }) {
  const t = useT();
  return (
    <DashboardSection id="divisions" title={t("dashboard.byDivision")} hint={t("dashboard.reviewHint")}>
      <DataTable
        caption={t("dashboard.byDivision.caption")}
        rows={d.byDivision}
        rowKey={(v) => v.division}
        columns={[
          {
            header: t("dashboard.divisionCol"),
            rowHeader: true,
            cell: (v) => t(`divisions.${v.division as Division}`),
          },
          { header: t("dashboard.pendingCol"), numeric: true, cell: (v) => number(v.pending) },
          {
            header: t("dashboard.overdueCol", { days: d.reviewSlaDays }),
            numeric: true,
            cell: (v) => (v.overdue > 0 ? <strong className="tag tag--red">{number(v.overdue)}</strong> : "0"),
          },
          { header: t("dashboard.decisionsCol"), numeric: true, cell: (v) => number(v.decisions) },
          { header: t("dashboard.medianReviewCol"), numeric: true, cell: (v) => formatDays(v.medianReviewDays) },
          { header: t("dashboard.p90ReviewCol"), numeric: true, cell: (v) => formatDays(v.p90ReviewDays) },
        ]}
      />
    </DashboardSection>
  );
}

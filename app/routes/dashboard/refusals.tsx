import { CHART_COLOURS, DashboardBarChart } from "~/components/dashboard-charts.tsx";
import { DataTable } from "~/components/ui/data-table.tsx";
import { formatNumber as number } from "~/i18n/format.ts";
import { useT } from "~/i18n/use-t.ts";
import type { ReasonCode } from "~/lifecycle/divisions.ts";
import { DashboardSection, type DashboardData } from "./section.tsx";

/** Why proposals were returned, rejected or deferred, by reason category. */
export function RefusalsSection({ d }: { d: DashboardData }) {
  const t = useT();
  const refusals = d.refusals.filter((r) => r.total > 0);
  const reason = (r: (typeof refusals)[number]) => t(`reasonCodes.${r.reasonCode as ReasonCode}`);
  return (
    <DashboardSection id="refusals" title={t("dashboard.refusals")}>
      {refusals.length === 0 ? (
        <p>{t("dashboard.noData")}</p>
      ) : (
        <>
          <DashboardBarChart
            label={t("dashboard.chartLabel", { title: t("dashboard.refusals") })}
            horizontal
            stacked
            data={refusals.map((r) => ({
              name: reason(r),
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
          <DataTable
            caption={t("dashboard.refusals.caption")}
            rows={refusals}
            rowKey={(r) => r.reasonCode}
            columns={[
              { header: t("dashboard.reasonCol"), rowHeader: true, cell: reason },
              { header: t("dashboard.returned"), numeric: true, cell: (r) => number(r.returned) },
              { header: t("dashboard.rejected"), numeric: true, cell: (r) => number(r.rejected) },
              { header: t("dashboard.deferred"), numeric: true, cell: (r) => number(r.deferred) },
              { header: t("dashboard.totalCol"), numeric: true, cell: (r) => number(r.total) },
            ]}
          />
        </>
      )}
    </DashboardSection>
  );
}

import { CHART_COLOURS, DashboardBarChart } from "~/components/dashboard-charts.tsx";
import { DataTable } from "~/components/ui/data-table.tsx";
import { formatDays, formatNumber as number } from "~/i18n/format.ts";
import { useT } from "~/i18n/use-t.ts";
import type { Stage } from "~/lifecycle/initiative.machine.ts";
import { DashboardSection, type DashboardData } from "./section.tsx";

/** How long initiatives stay in each stage: median and 90th percentile, in working days. */
export function CycleSection({ d }: { d: DashboardData }) {
  const t = useT();
  const cycle = Object.entries(d.cycleTimeDays) as [Stage, { median: number; p90: number; count: number }][];
  return (
    <DashboardSection id="cycle" title={t("dashboard.cycle")} hint={t("dashboard.cycleHint")}>
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
            format={(v) => t("dashboard.daysShort", { days: v.toLocaleString("en-HK", { maximumFractionDigits: 1 }) })}
          />
          <DataTable
            caption={t("dashboard.cycle.caption")}
            rows={cycle}
            rowKey={([s]) => s}
            columns={[
              { header: t("dashboard.stage"), rowHeader: true, cell: ([s]) => t(`stages.${s}`) },
              { header: t("dashboard.medianCol"), numeric: true, cell: ([, c]) => formatDays(c.median) },
              { header: t("dashboard.p90Col"), numeric: true, cell: ([, c]) => formatDays(c.p90) },
              { header: t("dashboard.visitsCol"), numeric: true, cell: ([, c]) => number(c.count) },
            ]}
          />
        </div>
      )}
    </DashboardSection>
  );
}

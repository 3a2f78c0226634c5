import { Link } from "@remix-run/react";
import { CHART_COLOURS, DashboardBarChart } from "~/components/dashboard-charts.tsx";
import { LifecycleDiagram } from "~/components/lifecycle-diagram.tsx";
import { DataTable } from "~/components/ui/data-table.tsx";
import { formatDays, formatNumber as number } from "~/i18n/format.ts";
import { useT } from "~/i18n/use-t.ts";
import type { Stage } from "~/lifecycle/initiative.machine.ts";
import { DashboardSection, filteredLink, type DashboardData } from "./section.tsx";

/** How many initiatives are in each stage, as a chart, a table linking to the register, and the diagram. */
export function PipelineSection({ d }: { d: DashboardData }) {
  const t = useT();
  const stages = Object.entries(d.byStage) as [Stage, number][];
  const cycle = Object.entries(d.cycleTimeDays) as [Stage, { median: number }][];
  const heat = Object.fromEntries(cycle.map(([s, c]) => [s, t("dashboard.daysShort", { days: formatDays(c.median) })]));
  return (
    <DashboardSection id="pipeline" title={t("dashboard.pipeline")}>
      <div className="dashboard-pair">
        <DashboardBarChart
          label={t("dashboard.chartLabel", { title: t("dashboard.pipeline") })}
          horizontal
          data={stages.map(([s, n]) => ({ name: t(`stages.${s}`), count: n }))}
          series={[{ key: "count", name: t("dashboard.count"), colour: CHART_COLOURS.blue }]}
        />
        <DataTable
          caption={t("dashboard.pipeline.caption")}
          rows={stages}
          rowKey={([s]) => s}
          columns={[
            {
              header: t("dashboard.stage"),
              rowHeader: true,
              cell: ([s]) => (
                <Link to={filteredLink(d.filters, "/initiatives", { stage: s })} title={t("dashboard.openRegister")}>
                  {t(`stages.${s}`)}
                </Link>
              ),
            },
            { header: t("dashboard.count"), numeric: true, cell: ([, n]) => number(n) },
          ]}
          footer={[t("dashboard.totalCol"), number(d.total)]}
        />
      </div>
      <h3>{t("dashboard.diagram")}</h3>
      <p className="hint">{t("dashboard.diagramHint")}</p>
      <LifecycleDiagram heat={heat} className="dashboard-diagram" title={t("dashboard.diagram")} />
    </DashboardSection>
  );
}

import { DataTable } from "~/components/ui/data-table.tsx";
import { formatHkd, formatNumber as number } from "~/i18n/format.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Stage } from "~/lifecycle/initiative.machine.ts";
import { DashboardSection, type DashboardData } from "./section.tsx";

/** One row per bureau or department: its initiatives in each stage, and the money asked and approved. */
export function BureauxSection({ d }: { d: DashboardData }) {
  const t = useT();
  const format = useFormat();
  const stages = Object.keys(d.byStage) as Stage[];
  type Row = DashboardData["byBureau"][number];
  return (
    <DashboardSection id="bureaux" title={t("dashboard.byBureau")}>
      {d.byBureau.length === 0 ? (
        <p>{t("dashboard.noData")}</p>
      ) : (
        <DataTable<Row>
          caption={t("dashboard.byBureau.caption")}
          className="dashboard-wide"
          wide
          rows={d.byBureau}
          rowKey={(b) => b.bureau}
          columns={[
            {
              header: t("dashboard.bureauCol"),
              rowHeader: true,
              cell: (b) => (
                <>
                  <abbr title={format.name(b)}>{b.bureau}</abbr>{" "}
                  <span className="dashboard-bureau-name">{format.name(b)}</span>
                </>
              ),
            },
            ...stages.map((s) => ({
              header: t(`stages.${s}`),
              key: s,
              numeric: true,
              cell: (b: Row) => (b.stages[s] ? number(b.stages[s]) : <span className="dashboard-zero">0</span>),
            })),
            { header: t("dashboard.totalCol"), numeric: true, cell: (b) => number(b.total) },
            { header: t("dashboard.requestedCol"), numeric: true, cell: (b) => formatHkd(b.requested) },
            { header: t("dashboard.approvedCol"), numeric: true, cell: (b) => formatHkd(b.approved) },
          ]}
        />
      )}
    </DashboardSection>
  );
}

import { Link } from "@remix-run/react";
import { CHART_COLOURS, DashboardBarChart } from "~/components/dashboard-charts.tsx";
import { StageTag } from "~/components/stage-tag.tsx";
import { DataTable } from "~/components/ui/data-table.tsx";
import { formatNumber as number } from "~/i18n/format.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Stage } from "~/lifecycle/initiative.machine.ts";
import { DashboardSection, type DashboardData } from "./section.tsx";

const HEALTH = ["red", "amber", "green"] as const;

/** Delivery health counts, and the red ones by name: past their planned end or a milestone. */
export function HealthSection({ d }: { d: DashboardData }) {
  const t = useT();
  const format = useFormat();
  const h = d.deliveryHealth;
  return (
    <DashboardSection id="health" title={t("dashboard.health")} hint={t("dashboard.healthHint")}>
      <div className="dashboard-pair">
        <DashboardBarChart
          label={t("dashboard.chartLabel", { title: t("dashboard.health") })}
          horizontal
          height={170}
          data={HEALTH.map((c) => ({ name: t(`health.${c}`), count: h[c] }))}
          series={[{ key: "count", name: t("dashboard.count"), colour: CHART_COLOURS.grey }]}
          categoryColours={[CHART_COLOURS.red, CHART_COLOURS.amber, CHART_COLOURS.green]}
        />
        <DataTable
          caption={t("dashboard.health.caption")}
          rows={HEALTH}
          rowKey={(c) => c}
          columns={[
            {
              header: t("dashboard.healthCol"),
              rowHeader: true,
              cell: (c) => <strong className={`tag tag--${c}`}>{t(`health.${c}`)}</strong>,
            },
            { header: t("dashboard.count"), numeric: true, cell: (c) => number(h[c]) },
          ]}
        />
      </div>
      <h3>{t("dashboard.redList")}</h3>
      {h.redList.length === 0 ? (
        <p>{t("dashboard.redEmpty")}</p>
      ) : (
        <>
          {h.red > h.redList.length ? (
            <p className="hint">{t("dashboard.redMore", { shown: h.redList.length, total: number(h.red) })}</p>
          ) : null}
          <DataTable
            caption={t("dashboard.redList.caption")}
            captionHidden
            rows={h.redList}
            rowKey={(r) => r.ref}
            columns={[
              {
                header: t("dashboard.refCol"),
                className: "dashboard-ref",
                cell: (r) => <Link to={`/initiatives/${r.ref}`}>{r.ref}</Link>,
              },
              { header: t("dashboard.titleCol"), cell: (r) => format.title(r) ?? "—" },
              { header: t("dashboard.bureauCol"), cell: (r) => r.bureauCode },
              { header: t("dashboard.stage"), cell: (r) => <StageTag stage={r.stage as Stage} /> },
              { header: t("dashboard.plannedEndCol"), cell: (r) => format.date(r.plannedEnd) },
              { header: t("dashboard.overdueSinceCol"), cell: (r) => format.date(r.overdueSince) },
              { header: t("dashboard.daysOverdueCol"), numeric: true, cell: (r) => number(r.daysOverdue) },
            ]}
          />
        </>
      )}
    </DashboardSection>
  );
}

import { Link } from "@remix-run/react";
import { DataTable } from "~/components/ui/data-table.tsx";
import { formatNumber as number } from "~/i18n/format.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { ReasonCode } from "~/lifecycle/divisions.ts";
import { DashboardSection, type DashboardData } from "./section.tsx";

type Status = "REQUESTED" | "AWAITING_FC" | "APPROVED" | "REJECTED" | "WITHDRAWN";

/**
 * Re-planning (issue 15): delivery health by baseline, the initiatives that slipped most against baseline
 * 1, cost growth by B/D, and change requests by outcome and reason code.
 */
export function ReplanningSection({ d }: { d: DashboardData }) {
  const t = useT();
  const format = useFormat();
  const r = d.replanning;
  const percent = (n: number | null) => (n === null ? "—" : `${n.toLocaleString("en", { maximumFractionDigits: 1 })}%`);
  return (
    <DashboardSection id="replanning" title={t("dashboard.changes.heading")}>
      <DataTable
        caption={t("dashboard.changes.byBaseline")}
        rows={r.byBaseline}
        rowKey={(b) => String(b.baseline)}
        columns={[
          {
            header: t("dashboard.changes.colBaseline"),
            rowHeader: true,
            cell: (b) => t("dashboard.changes.baselineN", { n: b.baseline }),
          },
          { header: t("health.red"), numeric: true, cell: (b) => number(b.red) },
          { header: t("health.amber"), numeric: true, cell: (b) => number(b.amber) },
          { header: t("health.green"), numeric: true, cell: (b) => number(b.green) },
          { header: t("dashboard.count"), numeric: true, cell: (b) => number(b.total) },
        ]}
      />
      <h3>{t("dashboard.changes.slipped")}</h3>
      {r.slippedMost.length === 0 ? (
        <p>{t("dashboard.changes.noSlippage")}</p>
      ) : (
        <DataTable
          caption={t("dashboard.changes.slipped")}
          captionHidden
          rows={r.slippedMost}
          rowKey={(s) => s.ref}
          columns={[
            {
              header: t("dashboard.refCol"),
              className: "dashboard-ref",
              cell: (s) => <Link to={`/initiatives/${s.ref}`}>{s.ref}</Link>,
            },
            { header: t("dashboard.changes.colInitiative"), cell: (s) => format.title(s) ?? "—" },
            { header: t("dashboard.bureauCol"), cell: (s) => s.bureauCode },
            { header: t("dashboard.changes.colBaselineCost"), cell: (s) => format.date(s.firstPlannedEnd) },
            { header: t("dashboard.changes.colCurrentCost"), cell: (s) => format.date(s.plannedEnd) },
            {
              header: t("dashboard.changes.colDays"),
              numeric: true,
              cell: (s) => <span data-testid={`slippage-${s.ref}`}>{number(s.slippageDays)}</span>,
            },
          ]}
        />
      )}
      <h3>{t("dashboard.changes.costGrowth")}</h3>
      {r.costGrowthByBureau.length === 0 ? (
        <p>{t("dashboard.changes.noCostGrowth")}</p>
      ) : (
        <DataTable
          caption={t("dashboard.changes.costGrowth")}
          captionHidden
          rows={r.costGrowthByBureau}
          rowKey={(g) => g.bureauCode}
          columns={[
            { header: t("dashboard.changes.colBureau"), rowHeader: true, cell: (g) => g.bureauCode },
            { header: t("dashboard.changes.colBaselineCost"), numeric: true, cell: (g) => format.hkd(g.firstBudget) },
            { header: t("dashboard.changes.colCurrentCost"), numeric: true, cell: (g) => format.hkd(g.budget) },
            {
              header: t("dashboard.changes.colGrowth"),
              numeric: true,
              cell: (g) => `${format.hkd(g.growth)} (${percent(g.growthPercent)})`,
            },
          ]}
        />
      )}
      <h3>{t("dashboard.changes.byReason")}</h3>
      {r.changeRequests.length === 0 ? (
        <p>{t("dashboard.changes.noRequests")}</p>
      ) : (
        <DataTable
          caption={t("dashboard.changes.byReason")}
          captionHidden
          rows={r.changeRequests}
          rowKey={(c) => `${c.status}-${c.reasonCode ?? ""}`}
          columns={[
            {
              header: t("dashboard.changes.colStatus"),
              rowHeader: true,
              cell: (c) => t(`changes.status.${c.status as Status}`),
            },
            {
              header: t("dashboard.changes.colReasonCode"),
              cell: (c) => (c.reasonCode ? t(`reasonCodes.${c.reasonCode as ReasonCode}`) : "—"),
            },
            { header: t("dashboard.changes.colCount"), numeric: true, cell: (c) => number(c.count) },
          ]}
        />
      )}
    </DashboardSection>
  );
}

import { CHART_COLOURS, DashboardBarChart, formatHkdShort } from "~/components/dashboard-charts.tsx";
import { DataTable } from "~/components/ui/data-table.tsx";
import { formatHkd, formatNumber as number } from "~/i18n/format.ts";
import { useLocale, useT } from "~/i18n/use-t.ts";
import { DashboardSection, type DashboardData } from "./section.tsx";

/** Savings and staff hours by financial year: what the funded initiatives expected and what they reported. */
export function BenefitsSection({ d }: { d: DashboardData }) {
  const t = useT();
  const locale = useLocale();
  const years = d.benefits.byFinancialYear;
  return (
    <DashboardSection id="benefits" title={t("dashboard.benefits")} hint={t("dashboard.benefitsHint")}>
      {years.length === 0 ? (
        <p>{t("dashboard.benefitsEmpty")}</p>
      ) : (
        <>
          <DashboardBarChart
            label={t("dashboard.chartLabel", { title: t("dashboard.benefits") })}
            data={years.map((y) => ({
              name: y.financialYear,
              expected: y.expectedAnnualSavings,
              realised: y.realisedAnnualSavings,
            }))}
            series={[
              { key: "expected", name: t("dashboard.expected"), colour: CHART_COLOURS.blue },
              { key: "realised", name: t("dashboard.realised"), colour: CHART_COLOURS.green },
            ]}
            format={(n) => formatHkdShort(n, locale)}
          />
          <DataTable
            caption={t("dashboard.benefits.caption")}
            rows={years}
            rowKey={(y) => y.financialYear}
            columns={[
              { header: t("dashboard.fyCol"), rowHeader: true, cell: (y) => y.financialYear },
              { header: t("dashboard.fundedCol"), numeric: true, cell: (y) => number(y.funded) },
              { header: t("dashboard.reportedCol"), numeric: true, cell: (y) => number(y.reported) },
              {
                header: t("dashboard.expectedSavingsCol"),
                numeric: true,
                cell: (y) => formatHkd(y.expectedAnnualSavings),
              },
              {
                header: t("dashboard.realisedSavingsCol"),
                numeric: true,
                cell: (y) => formatHkd(y.realisedAnnualSavings),
              },
              {
                header: t("dashboard.expectedHoursCol"),
                numeric: true,
                cell: (y) => number(y.expectedStaffHoursSaved),
              },
              {
                header: t("dashboard.realisedHoursCol"),
                numeric: true,
                cell: (y) => number(y.realisedStaffHoursSaved),
              },
            ]}
          />
        </>
      )}
    </DashboardSection>
  );
}

import { Form, Link } from "@remix-run/react";
import { FilterSelect } from "~/components/form-fields.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { CATEGORIES, DIVISIONS } from "~/lifecycle/divisions.ts";
import { filteredLink, type DashboardChoices, type DashboardData } from "./section.tsx";

/** The filters (a GET form, so that a filtered dashboard has its own address) and the CSV export. */
export function DashboardFilters({
  filters,
  choices,
}: {
  filters: DashboardData["filters"];
  choices: DashboardChoices;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <Form method="get" className="filters dashboard-filters" role="search" aria-label={t("dashboard.filters")}>
      <div className="filters__row">
        <FilterSelect
          name="fy"
          label={t("dashboard.fy")}
          anyLabel={t("dashboard.anyYear")}
          value={filters.fy}
          options={choices.financialYears.map((fy) => ({ value: fy, label: fy }))}
          hint={t("dashboard.fyHint")}
        />
        <FilterSelect
          name="bureau"
          label={t("dashboard.bureau")}
          anyLabel={t("dashboard.anyBureau")}
          value={filters.bureau}
          options={choices.bureaux.map((b) => ({ value: b.code, label: `${b.code} — ${format.name(b)}` }))}
        />
        <FilterSelect
          name="division"
          label={t("dashboard.division")}
          anyLabel={t("dashboard.anyDivision")}
          value={filters.division}
          options={DIVISIONS.map((v) => ({ value: v, label: t(`divisions.${v}`) }))}
        />
        <FilterSelect
          name="category"
          label={t("dashboard.category")}
          anyLabel={t("dashboard.anyCategory")}
          value={filters.category}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
        />
      </div>
      <div className="button-group">
        <button type="submit" className="button">
          {t("dashboard.apply")}
        </button>
        <Link to="/dashboard">{t("dashboard.clear")}</Link>
        <a href={filteredLink(filters, "/initiatives/export.csv")} download>
          {t("dashboard.export")}
        </a>
      </div>
    </Form>
  );
}

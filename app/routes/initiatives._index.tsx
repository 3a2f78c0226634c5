import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { FilterSelect } from "~/components/form-fields.tsx";
import { HealthTag } from "~/components/health-tag.tsx";
import { StageTag } from "~/components/stage-tag.tsx";
import { DataTable, type Column } from "~/components/ui/data-table.tsx";
import { formatHkd } from "~/i18n/format.ts";
import type { Division } from "~/lifecycle/divisions.ts";
import type { Stage } from "~/lifecycle/initiative.machine.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { listInitiatives, parseRegisterFilters } from "~/initiatives/initiatives.queries.server.ts";
import { registerChoices } from "~/initiatives/register-totals.server.ts";
import { readDataStamp } from "~/utils/db/data-stamp.server.ts";
import { CATEGORIES } from "~/lifecycle/divisions.ts";
import { STAGES } from "~/lifecycle/initiative.machine.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.initiatives");

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "OFFICER", "REVIEWER", "LEADERSHIP");
  const params = new URL(request.url).searchParams;
  if (!params.has("pageSize")) params.set("pageSize", String(PAGE_SIZE));
  return forPage(async () => {
    const filters = parseRegisterFilters(params);
    // One stamp for both: the page's totals and choices are kept under it until the next write.
    const stamp = readDataStamp();
    const [page, choices] = await Promise.all([
      listInitiatives(user, filters, todayInHongKong(), stamp),
      registerChoices(user, stamp),
    ]);
    return json({ page, choices, filters, role: user.role });
  });
}

export default function Register() {
  const { page, choices, filters, role } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const withPage = (n: number) => {
    const p = new URLSearchParams(location.search);
    p.set("page", String(n));
    return `?${p}`;
  };
  const exportParams = new URLSearchParams(location.search);
  exportParams.delete("page");
  exportParams.delete("pageSize");
  type Row = (typeof page.items)[number];
  const columns: Column<Row>[] = [
    { header: t("table.ref"), cell: (i) => <Link to={`/initiatives/${i.ref}`}>{i.ref}</Link> },
    { header: t("table.title"), cell: (i) => format.title(i) ?? t("register.untitled") },
    // An officer sees only their own bureau's initiatives: the column would say the same on every row.
    ...(role !== "OFFICER" ? [{ header: t("register.bureauCol"), cell: (i: Row) => i.bureauCode }] : []),
    { header: t("table.stage"), cell: (i) => <StageTag stage={i.stage as Stage} /> },
    { header: t("table.lead"), cell: (i) => (i.leadDivision ? t(`divisions.${i.leadDivision as Division}`) : "—") },
    { header: t("table.cost"), numeric: true, cell: (i) => formatHkd(i.nonRecurrentCost) },
    { header: t("register.health"), cell: (i) => <HealthTag health={i.health} /> },
    { header: t("table.updated"), cell: (i) => format.date(i.updatedAt) },
  ];

  return (
    <>
      <h1>{t("register.title")}</h1>
      <p className="lead">
        {role === "OFFICER" && choices.ownBureau
          ? t("register.intro.officer", { bureau: format.name(choices.ownBureau) })
          : t("register.intro.all")}
      </p>

      <Form method="get" className="filters" role="search" aria-label={t("register.filters")}>
        <div className="filters__row">
          <div className="field field--compact">
            <label htmlFor="q">{t("register.search")}</label>
            <input type="search" id="q" name="q" defaultValue={filters.q ?? ""} />
          </div>
          <FilterSelect
            name="stage"
            label={t("register.stage")}
            anyLabel={t("register.anyStage")}
            value={filters.stage}
            options={STAGES.map((s) => ({ value: s, label: t(`stages.${s}`) }))}
          />
          <FilterSelect
            name="category"
            label={t("register.category")}
            anyLabel={t("register.anyCategory")}
            value={filters.category}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
          />
          <FilterSelect
            name="fy"
            label={t("register.financialYear")}
            anyLabel={t("register.anyYear")}
            value={filters.fy}
            options={choices.financialYears.map((fy) => ({ value: fy, label: fy }))}
          />
          {choices.bureaux.length > 0 ? (
            <FilterSelect
              name="bureau"
              label={t("register.bureau")}
              anyLabel={t("register.anyBureau")}
              value={filters.bureau}
              options={choices.bureaux.map((b) => ({ value: b.code, label: `${b.code} — ${format.name(b)}` }))}
            />
          ) : null}
          <div className="field field--compact">
            <label htmlFor="sort">{t("register.sort")}</label>
            <select id="sort" name="sort" defaultValue={filters.sort}>
              <option value="updated">{t("register.sortUpdated")}</option>
              <option value="ref">{t("register.sortRef")}</option>
              <option value="title">{t("register.sortTitle")}</option>
              <option value="cost">{t("register.sortCost")}</option>
              <option value="stage">{t("register.sortStage")}</option>
            </select>
          </div>
          <div className="field field--compact">
            <label htmlFor="dir">{t("register.direction")}</label>
            <select id="dir" name="dir" defaultValue={filters.dir}>
              <option value="desc">{t("register.dirDesc")}</option>
              <option value="asc">{t("register.dirAsc")}</option>
            </select>
          </div>
        </div>
        <div className="button-group">
          <button type="submit" className="button">
            {t("register.apply")}
          </button>
          <Link to="/initiatives">{t("register.clear")}</Link>
          <a href={`/initiatives/export.csv${exportParams.size ? `?${exportParams}` : ""}`} download>
            {t("register.export")}
          </a>
        </div>
      </Form>

      <p role="status">{t("register.count", { total: page.total })}</p>
      {page.items.length === 0 ? (
        <p>{t("register.empty")}</p>
      ) : (
        <DataTable
          caption={t("register.title")}
          captionHidden
          className="register"
          rows={page.items}
          rowKey={(i) => i.ref}
          columns={columns}
        />
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("register.pagination")}>
          {page.page > 1 ? (
            <Link to={withPage(page.page - 1)} rel="prev">
              {t("register.previous")}
            </Link>
          ) : null}
          <span>{t("register.page", { page: page.page, pages })}</span>
          {page.page < pages ? (
            <Link to={withPage(page.page + 1)} rel="next">
              {t("register.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

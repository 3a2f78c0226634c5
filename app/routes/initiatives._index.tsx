import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { FilterSelect } from "~/components/form-fields.tsx";
import { HealthTag } from "~/components/health-tag.tsx";
import { StageTag } from "~/components/stage-tag.tsx";
import { formatDate, formatHkd } from "~/i18n/t.ts";
import { useLocale, useT } from "~/i18n/use-t.ts";
import { listInitiatives, parseRegisterFilters, registerChoices } from "~/initiatives/initiatives.queries.server.ts";
import { CATEGORIES } from "~/lifecycle/divisions.ts";
import { STAGES } from "~/lifecycle/initiative.machine.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = () => [{ title: "Initiatives — Initiative Tracker" }];

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "OFFICER", "REVIEWER", "LEADERSHIP");
  const params = new URL(request.url).searchParams;
  if (!params.has("pageSize")) params.set("pageSize", String(PAGE_SIZE));
  return forPage(async () => {
    const filters = parseRegisterFilters(params);
    const [page, choices] = await Promise.all([listInitiatives(user, filters), registerChoices(user)]);
    return json({ page, choices, filters, role: user.role });
  });
}

export default function Register() {
  const { page, choices, filters, role } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const name = (b: { nameEn: string; nameZh: string }) => (locale === "zh-Hant" ? b.nameZh : b.nameEn);
  const withPage = (n: number) => {
    const p = new URLSearchParams(location.search);
    p.set("page", String(n));
    return `?${p}`;
  };
  const exportParams = new URLSearchParams(location.search);
  exportParams.delete("page");
  exportParams.delete("pageSize");
  const title = (i: { titleEn: string | null; titleZh: string | null }) =>
    (locale === "zh-Hant" ? i.titleZh || i.titleEn : i.titleEn || i.titleZh) || t("register.untitled");

  return (
    <>
      <h1>{t("register.title")}</h1>
      <p className="lead">
        {role === "OFFICER" && choices.ownBureau
          ? t("register.intro.officer", { bureau: name(choices.ownBureau) })
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
            <div className="field field--compact">
              <label htmlFor="bureau">{t("register.bureau")}</label>
              <select id="bureau" name="bureau" defaultValue={filters.bureau ?? ""}>
                <option value="">{t("register.anyBureau")}</option>
                {choices.bureaux.map((b) => (
                  <option key={b.code} value={b.code}>
                    {b.code} — {name(b)}
                  </option>
                ))}
              </select>
            </div>
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
        <div className="table-wrap">
          <table className="register">
            <caption className="visually-hidden">{t("register.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("table.ref")}</th>
                <th scope="col">{t("table.title")}</th>
                {role !== "OFFICER" ? <th scope="col">{t("register.bureauCol")}</th> : null}
                <th scope="col">{t("table.stage")}</th>
                <th scope="col">{t("table.lead")}</th>
                <th scope="col" className="num">
                  {t("table.cost")}
                </th>
                <th scope="col">{t("register.health")}</th>
                <th scope="col">{t("table.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((i) => (
                <tr key={i.ref}>
                  <td>
                    <Link to={`/initiatives/${i.ref}`}>{i.ref}</Link>
                  </td>
                  <td>{title(i)}</td>
                  {role !== "OFFICER" ? <td>{i.bureauCode}</td> : null}
                  <td>
                    <StageTag stage={i.stage} />
                  </td>
                  <td>{i.leadDivision ? t(`divisions.${i.leadDivision}`) : "—"}</td>
                  <td className="num">{formatHkd(i.nonRecurrentCost)}</td>
                  <td>
                    <HealthTag health={i.health} />
                  </td>
                  <td>{formatDate(i.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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

import { Link } from "@remix-run/react";
import { DataTable } from "~/components/ui/data-table.tsx";
import { formatNumber as number } from "~/i18n/format.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Division } from "~/lifecycle/divisions.ts";
import { DashboardSection, type DashboardData } from "./section.tsx";

/** The reviews that have waited longest, oldest first, with the overdue ones marked in words. */
export function OldestSection({ d }: { d: DashboardData }) {
  const t = useT();
  const format = useFormat();
  return (
    <DashboardSection id="oldest" title={t("dashboard.oldest")}>
      {d.oldestPending.length === 0 ? (
        <p>{t("dashboard.oldestEmpty")}</p>
      ) : (
        <DataTable
          caption={t("dashboard.oldest.caption", { count: d.oldestPending.length })}
          rows={d.oldestPending}
          rowKey={(p) => `${p.ref}-${p.division}`}
          columns={[
            {
              header: t("dashboard.refCol"),
              className: "dashboard-ref",
              cell: (p) => <Link to={`/initiatives/${p.ref}`}>{p.ref}</Link>,
            },
            { header: t("dashboard.titleCol"), cell: (p) => format.title(p) ?? "—" },
            { header: t("dashboard.bureauCol"), cell: (p) => p.bureauCode },
            { header: t("dashboard.divisionCol"), cell: (p) => t(`divisions.${p.division as Division}`) },
            { header: t("dashboard.waitingSinceCol"), cell: (p) => format.date(p.since) },
            {
              header: t("dashboard.ageCol"),
              numeric: true,
              cell: (p) => (
                <>
                  {number(p.ageWorkingDays)}
                  {p.overdue ? (
                    <>
                      {" "}
                      <strong className="tag tag--red">{t("dashboard.overdue")}</strong>
                    </>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      )}
    </DashboardSection>
  );
}

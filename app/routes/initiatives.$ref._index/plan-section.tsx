import { DataTable } from "~/components/ui/data-table.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { ReasonCode } from "~/lifecycle/divisions.ts";
import type { InitiativeView } from "./types.ts";

type ChangeRow = InitiativeView["changeRequests"][number];
type BaselineRow = InitiativeView["baselines"][number];

/**
 * The plan over time (issue 15): the baselines side by side, the variance of the current plan against
 * baseline 1, and every change request with its decision.
 */
export function PlanSection({ view }: { view: InitiativeView }) {
  const t = useT();
  const format = useFormat();
  if (view.baselines.length === 0 && view.changeRequests.length === 0) return null;
  const current = view.baselines.length;
  const percent = (n: number | null) => (n === null ? "—" : `${n.toLocaleString("en", { maximumFractionDigits: 1 })}%`);
  const baselineHeader = (b: BaselineRow) =>
    b.number === current ? t("changes.baselineCurrent", { n: b.number }) : t("changes.baseline", { n: b.number });
  // Every milestone any baseline named, in the order first seen, so that re-dated ones line up.
  const milestoneNames = new Map<string, string>();
  for (const b of view.baselines)
    for (const m of b.milestones) if (!milestoneNames.has(m.id)) milestoneNames.set(m.id, m.name);

  type PlanRow = { key: string; label: string; cell: (b: BaselineRow) => string };
  const rows: PlanRow[] = [
    { key: "from", label: t("changes.setOn"), cell: (b) => format.date(b.createdAt) },
    { key: "end", label: t("changes.plannedEnd"), cell: (b) => format.date(b.plannedEnd) },
    { key: "budget", label: t("changes.budget"), cell: (b) => format.hkd(b.budget) },
    ...[...milestoneNames].map(([id, name]) => ({
      key: `m-${id}`,
      label: name,
      cell: (b: BaselineRow) => {
        const m = b.milestones.find((x) => x.id === id);
        return m ? format.date(m.due) : "—";
      },
    })),
  ];

  const summary = (r: ChangeRow) =>
    [
      r.plannedEnd ? t("changes.summary.plannedEnd", { date: format.date(r.plannedEnd) }) : null,
      r.milestones ? t("changes.summary.milestones", { count: r.milestones.length }) : null,
      r.additionalFunding > 0 ? t("changes.summary.funding", { amount: format.hkd(r.additionalFunding) }) : null,
    ]
      .filter(Boolean)
      .join("; ");

  return (
    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t("changes.heading")}</h2>
      {view.baselines.length > 0 ? (
        <>
          <p>{t("changes.healthAgainst", { n: current })}</p>
          <DataTable
            caption={t("changes.baselines")}
            rows={rows}
            rowKey={(r) => r.key}
            wide={view.baselines.length > 2}
            columns={[
              { header: t("changes.milestoneDates"), cell: (r) => r.label, rowHeader: true },
              ...view.baselines.map((b) => ({
                key: `b${b.number}`,
                header: baselineHeader(b),
                cell: (r: PlanRow) => r.cell(b),
                className: "nowrap",
              })),
            ]}
          />
        </>
      ) : null}
      {view.variance ? (
        <dl className="variance-list" aria-label={t("changes.variance")}>
          <div>
            <dt>{t("changes.slippage")}</dt>
            <dd data-testid="slippage">
              {view.variance.slippageDays === null
                ? "—"
                : t("changes.slippageDays", { days: view.variance.slippageDays })}
            </dd>
          </div>
          <div>
            <dt>{t("changes.costGrowth")}</dt>
            <dd data-testid="cost-growth">
              {t("changes.costGrowthValue", {
                amount: format.hkd(view.variance.costGrowth),
                percent: percent(view.variance.costGrowthPercent),
              })}
            </dd>
          </div>
        </dl>
      ) : null}
      <h3>{t("changes.requests")}</h3>
      {view.changeRequests.length === 0 ? (
        <p>{t("changes.noRequests")}</p>
      ) : (
        <DataTable
          caption={t("changes.requests")}
          captionHidden
          rows={view.changeRequests}
          rowKey={(r) => String(r.number)}
          wide
          columns={[
            {
              header: t("changes.col.requested"),
              cell: (r) => t("changes.requestedOn", { date: format.date(r.requestedAt), name: r.requestedBy ?? "—" }),
            },
            { header: t("changes.col.change"), cell: summary },
            { header: t("changes.col.reason"), cell: (r) => r.reason },
            { header: t("changes.col.status"), cell: (r) => t(`changes.status.${r.status}`) },
            {
              header: t("changes.col.decision"),
              cell: (r) =>
                r.decidedAt ? (
                  <>
                    {r.reasonCode ? <>{t(`reasonCodes.${r.reasonCode as ReasonCode}`)}: </> : null}
                    {r.decisionReason ?? ""}
                    {r.paperRef ? ` (${r.paperRef})` : ""}
                    <br />
                    <span className="hint">
                      {t("changes.decidedBy", { name: r.decidedBy ?? "—", date: format.date(r.decidedAt) })}
                    </span>
                  </>
                ) : (
                  "—"
                ),
            },
          ]}
        />
      )}
    </section>
  );
}

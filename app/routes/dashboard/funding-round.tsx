import { Link } from "@remix-run/react";
import { DataTable } from "~/components/ui/data-table.tsx";
import type { RoundFigures } from "~/funding-rounds/round-figures.server.ts";
import { formatHkd } from "~/i18n/format.ts";
import type { MessageKey } from "~/i18n/t.ts";
import { useT } from "~/i18n/use-t.ts";
import { DashboardSection } from "./section.tsx";

type Figures = RoundFigures;
type Group = Figures["byBureau"][number];
const OUTCOMES = ["APPROVED", "SHELVED", "REFERRED"] as const;

/** The funding round of the year: the envelope against what was funded, shelved and referred. */
export function FundingRoundSection({ f }: { f: Figures | null }) {
  const t = useT();
  if (!f) {
    return (
      <DashboardSection id="funding-round" title={t("fundingRound.dashboard.heading")}>
        <p>{t("fundingRound.dashboard.none")}</p>
      </DashboardSection>
    );
  }
  const pct = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
  const groups = (caption: string, rows: Group[], label: (key: string) => string) => (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(g) => g.key}
      columns={[
        { header: t("fundingRound.dashboard.group"), rowHeader: true, cell: (g) => label(g.key) },
        { header: t("fundingRound.dashboard.bids"), numeric: true, cell: (g) => g.bids },
        { header: t("fundingRound.dashboard.funded"), numeric: true, cell: (g) => g.funded },
        {
          header: t("fundingRound.col.requested"),
          numeric: true,
          className: "nowrap",
          cell: (g) => formatHkd(g.requested),
        },
        {
          header: t("fundingRound.dashboard.approved"),
          numeric: true,
          className: "nowrap",
          cell: (g) => formatHkd(g.approved),
        },
      ]}
    />
  );
  return (
    <DashboardSection
      id="funding-round"
      title={t("fundingRound.dashboard.heading")}
      hint={t(f.status === "OPEN" ? "fundingRound.dashboard.open" : "fundingRound.dashboard.finalised", { fy: f.fy })}
    >
      <p>
        <Link to={`/funding-rounds/${f.fy}`}>{t("title.fundingRound", { fy: f.fy })}</Link>
      </p>
      <DataTable
        caption={t("fundingRound.dashboard.summary", { fy: f.fy, envelope: formatHkd(f.envelope) })}
        rows={OUTCOMES.map((o) => ({ o, ...f.totals[o] }))}
        rowKey={(r) => r.o}
        columns={[
          {
            header: t("fundingRound.col.outcome"),
            rowHeader: true,
            cell: (r) => t(`fundingRound.outcome.${r.o}` as MessageKey),
          },
          { header: t("fundingRound.dashboard.bids"), numeric: true, cell: (r) => r.count },
          {
            header: t("fundingRound.dashboard.amount"),
            numeric: true,
            className: "nowrap",
            cell: (r) => formatHkd(r.amount),
          },
        ]}
      />
      <p>{t("fundingRound.dashboard.share", { share: pct(f.shareFunded), bids: f.bids })}</p>
      {groups(t("fundingRound.dashboard.byBureau"), f.byBureau, (k) => k)}
      {groups(t("fundingRound.dashboard.byCategory"), f.byCategory, (k) => t(`categories.${k}` as MessageKey))}
      <DataTable
        caption={t("fundingRound.dashboard.scores")}
        rows={f.scores}
        rowKey={(s) => s.band}
        columns={[
          {
            header: t("fundingRound.col.score"),
            rowHeader: true,
            cell: (s) => (s.band === "none" ? t("fundingRound.notScored") : s.band),
          },
          { header: t("fundingRound.dashboard.bids"), numeric: true, cell: (s) => s.bids },
        ]}
      />
      {f.rebids.length === 0 ? (
        <p>{t("fundingRound.dashboard.noRebids")}</p>
      ) : (
        <DataTable
          caption={t("fundingRound.dashboard.rebids")}
          rows={f.rebids}
          rowKey={(r) => r.ref}
          columns={[
            {
              header: t("fundingRound.col.ref"),
              rowHeader: true,
              cell: (r) => <Link to={`/initiatives/${r.ref}`}>{r.ref}</Link>,
            },
            { header: t("fundingRound.col.round"), numeric: true, cell: (r) => r.round },
            { header: t("fundingRound.col.requested"), numeric: true, cell: (r) => formatHkd(r.requested) },
            { header: t("fundingRound.col.outcome"), cell: (r) => t(`fundingRound.outcome.${r.outcome}`) },
          ]}
        />
      )}
    </DashboardSection>
  );
}

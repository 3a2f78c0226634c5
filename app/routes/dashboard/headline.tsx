import { Figure, Figures } from "~/components/ui/figure.tsx";
import { formatHkd, formatNumber as number } from "~/i18n/format.ts";
import { useT } from "~/i18n/use-t.ts";
import { DashboardSection, type DashboardData } from "./section.tsx";

/** The headline figures: how many, how much requested and approved, what was expected and realised. */
export function HeadlineSection({ d }: { d: DashboardData }) {
  const t = useT();
  const funded = t("dashboard.fundedNote", { count: number(d.benefits.funded) });
  const reported = t("dashboard.reportedNote", { count: number(d.benefits.reported) });
  return (
    <DashboardSection id="headline" title={t("dashboard.headline")}>
      <Figures>
        <Figure
          label={t("dashboard.total")}
          value={number(d.total)}
          note={`${t("dashboard.inFlight")}${t("initiative.colon")}${number(d.inFlight)}`}
        />
        <Figure label={t("dashboard.requested")} value={formatHkd(d.funding.requested)} />
        <Figure
          label={t("dashboard.approved")}
          value={formatHkd(d.funding.approved)}
          note={t("dashboard.approvedCount", { count: number(d.funding.approvedCount) })}
        />
        <Figure
          label={t("dashboard.referred")}
          value={formatHkd(d.funding.referred)}
          note={t("dashboard.fcApproved", { amount: formatHkd(d.funding.financeCommitteeApproved) })}
        />
        <Figure
          label={t("dashboard.expectedSavings")}
          value={formatHkd(d.benefits.expectedAnnualSavings)}
          note={funded}
        />
        <Figure
          label={t("dashboard.realisedSavings")}
          value={formatHkd(d.benefits.realisedAnnualSavings)}
          note={reported}
        />
        <Figure label={t("dashboard.expectedHours")} value={number(d.benefits.expectedStaffHoursSaved)} note={funded} />
        <Figure
          label={t("dashboard.realisedHours")}
          value={number(d.benefits.realisedStaffHoursSaved)}
          note={reported}
        />
      </Figures>
    </DashboardSection>
  );
}

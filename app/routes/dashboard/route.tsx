import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { dashboardPage } from "~/dashboard/dashboard-page.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import type { MessageKey } from "~/i18n/t.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { forPage } from "~/utils/http.server.ts";
import { BenefitsSection } from "./benefits.tsx";
import { BureauxSection } from "./bureaux.tsx";
import { CycleSection } from "./cycle.tsx";
import { DivisionsSection } from "./divisions.tsx";
import { DashboardFilters } from "./filters.tsx";
import { HeadlineSection } from "./headline.tsx";
import { HealthSection } from "./health.tsx";
import { OldestSection } from "./oldest.tsx";
import { PipelineSection } from "./pipeline.tsx";
import { RefusalsSection } from "./refusals.tsx";
import { ReplanningSection } from "./replanning.tsx";
import { FundingRoundSection } from "./funding-round.tsx";
import { StatusReportsSection } from "./status-reports.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.dashboard");

/** The leadership dashboard (reviewers see their division's); officers and administrators get 403. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "LEADERSHIP", "REVIEWER");
  return forPage(async () => {
    return json(await dashboardPage(user, new URL(request.url).searchParams));
  });
}

/** The sections in page order: the table of contents links to each heading's id. */
const CONTENTS: [id: string, title: MessageKey][] = [
  ["headline", "dashboard.headline"],
  ["pipeline", "dashboard.pipeline"],
  ["bureaux", "dashboard.byBureau"],
  ["divisions", "dashboard.byDivision"],
  ["cycle", "dashboard.cycle"],
  ["oldest", "dashboard.oldest"],
  ["health", "dashboard.health"],
  ["status-reports", "dashboard.status.heading"],
  ["replanning", "dashboard.changes.heading"],
  ["benefits", "dashboard.benefits"],
  ["refusals", "dashboard.refusals"],
  ["funding-round", "fundingRound.dashboard.heading"],
];

export default function Dashboard() {
  const { dashboard: d, choices, fundingRound } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  return (
    <div className="dashboard">
      {/* Without JavaScript there are no charts: give the tables the whole width. */}
      <noscript>
        <style>{".dashboard-chart{display:none}.dashboard-pair{display:block}"}</style>
      </noscript>
      <h1>{t("dashboard.title")}</h1>
      <p className="lead">
        {d.scope.division
          ? t("dashboard.intro.division", { division: t(`divisions.${d.scope.division}`) })
          : t("dashboard.intro.all")}
      </p>
      <p className="hint">{t("dashboard.asOf", { date: format.date(d.today) })}</p>

      <DashboardFilters filters={d.filters} choices={choices} />

      <nav aria-label={t("dashboard.skipToTables")} className="dashboard-toc">
        <ul>
          {CONTENTS.map(([id, key]) => (
            <li key={id}>
              <a href={`#${id}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <HeadlineSection d={d} />
      <PipelineSection d={d} />
      <BureauxSection d={d} />
      <DivisionsSection d={d} />
      <CycleSection d={d} />
      <OldestSection d={d} />
      <HealthSection d={d} />
      <StatusReportsSection d={d} />
      <ReplanningSection d={d} />
      <BenefitsSection d={d} />
      <RefusalsSection d={d} />
      <FundingRoundSection f={fundingRound} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

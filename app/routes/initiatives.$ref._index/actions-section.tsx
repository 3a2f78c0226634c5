import { Link } from "@remix-run/react";
import { EventForm } from "~/components/event-forms.tsx";
import { ErrorSummary } from "~/components/form-fields.tsx";
import { FundingDecisionPanel } from "~/components/funding-decision-panel.tsx";
import { ReviewDecisionForm } from "~/components/review-decision-form.tsx";
import type { ClockView } from "~/components/working-days.tsx";
import { useT } from "~/i18n/use-t.ts";
import type { InitiativeActionData } from "~/initiatives/initiative-actions.server.ts";
import { isDivision } from "~/lifecycle/divisions.ts";
import type { EventType } from "~/lifecycle/events.ts";
import { FUNDING_DECISIONS, REVIEW_DECISIONS, type ReviewDecision } from "~/reviews/decision-forms.ts";
import type { InitiativeView } from "./types.ts";

/** The reviewer's own decision forms take these events; everything else keeps its plain EventForm. */
const FUNDING_EVENTS = new Set<EventType>([...FUNDING_DECISIONS, "REOPEN"]);

/**
 * What the reader may do now: edit a draft, a reviewer's decision or funding form, and one small form per
 * other event the machine allows, each with the errors of its last submission.
 */
export function ActionsSection({
  view,
  role,
  division,
  clock,
  today,
  data,
  onBehalfOf,
}: {
  view: InitiativeView;
  role: string;
  division: string | null;
  clock: ClockView | null;
  today: string;
  data: InitiativeActionData | undefined;
  /** The delegator's name when the reader acts for them. */
  onBehalfOf?: string;
}) {
  const t = useT();
  const reviewer = role === "REVIEWER" && isDivision(division) ? division : null;
  const reviewEvents =
    reviewer && view.stage === "efficiencyReview"
      ? view.availableEvents.filter((e): e is ReviewDecision => (REVIEW_DECISIONS as readonly string[]).includes(e))
      : [];
  const fundingEvents =
    reviewer && (view.stage === "fundingReview" || view.stage === "deferred")
      ? view.availableEvents.filter((e) => FUNDING_EVENTS.has(e))
      : [];
  // The status report's form lives in its own section, beside the quarters it reports on.
  const plainEvents = view.availableEvents.filter(
    (e) => !(reviewEvents as EventType[]).includes(e) && !fundingEvents.includes(e) && e !== "REPORT_STATUS",
  );
  const formData = (name: string) => (data?.form === name ? data : undefined);

  return (
    <section aria-labelledby="actions-heading" className="actions-panel">
      <h2 id="actions-heading">
        {onBehalfOf ? t("delegations.actionsFor", { name: onBehalfOf }) : t("initiative.actions")}
      </h2>
      {onBehalfOf ? <p className="hint">{t("delegations.actionsForHint", { name: onBehalfOf })}</p> : null}
      {view.availableEvents.length === 0 ? <p>{t("initiative.noActions")}</p> : null}
      {view.stage === "draft" || view.stage === "returned" ? (
        view.availableEvents.includes("SUBMIT") || view.availableEvents.includes("RESUBMIT") ? (
          <p>
            <Link className="button button--secondary" to={`/initiatives/${view.ref}/edit`}>
              {t("initiative.edit")}
            </Link>
          </p>
        ) : null
      ) : null}
      {data && !data.form && data.intent !== "comment" && !data.conflict && Object.keys(data.fields).length > 0 ? (
        <ErrorSummary
          errors={Object.fromEntries(Object.entries(data.fields).map(([k, v]) => [`${data.intent}-${k}`, v]))}
        />
      ) : null}
      {reviewer && reviewEvents.length > 0 ? (
        <ReviewDecisionForm
          key={`review-${view.version}`}
          view={view}
          division={reviewer}
          available={reviewEvents}
          clock={clock}
          serverErrors={formData("review")?.fields}
          serverValues={formData("review")?.values}
        />
      ) : null}
      {reviewer && fundingEvents.length > 0 ? (
        <FundingDecisionPanel
          key={`funding-${view.version}`}
          view={view}
          division={reviewer}
          available={fundingEvents}
          clock={clock}
          serverErrors={formData("funding")?.fields}
          serverValues={formData("funding")?.values}
        />
      ) : null}
      {view.availableEvents.includes("REPORT_STATUS") ? (
        <p>
          <a className="button button--secondary" href="#status-reports">
            {t("actions.REPORT_STATUS")}
          </a>
        </p>
      ) : null}
      {plainEvents.length > 0 ? (
        <div className="action-forms">
          {plainEvents.map((type) => (
            <EventForm
              key={type}
              type={type}
              view={view}
              today={today}
              errors={data?.intent === type && !data.form ? data.fields : undefined}
            />
          ))}
        </div>
      ) : null}
    </section>
  );
}

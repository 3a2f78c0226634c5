import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { attachmentsSection } from "~/attachments/attachments.server.ts";
import { requireRole } from "~/auth/auth.server.ts";
import { AttachmentsSection } from "~/components/attachments-section.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { LifecycleDiagram } from "~/components/lifecycle-diagram.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useT } from "~/i18n/use-t.ts";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { deliveryHealth } from "~/initiatives/delivery-health.ts";
import { handleInitiativeAction, type InitiativeActionData } from "~/initiatives/initiative-actions.server.ts";
import { loadInitiative } from "~/initiatives/initiatives.queries.server.ts";
import { initiativeClock } from "~/reviews/review-queue.server.ts";
import { forPage } from "~/utils/http.server.ts";
import { ActingAsContext } from "~/components/acting-as.tsx";
import { ActionsSection } from "./actions-section.tsx";
import { ActingSwitch, actingChoice } from "./acting-switch.tsx";
import { AuditSection } from "./audit-section.tsx";
import { CommentsSection } from "./comments-section.tsx";
import { ConditionsSection } from "./conditions-section.tsx";
import { DetailsSection } from "./details-section.tsx";
import { FundingRoundNote } from "./funding-round-note.tsx";
import { FundingSection } from "./funding-section.tsx";
import { MilestonesSection } from "./milestones-section.tsx";
import { PlanSection } from "./plan-section.tsx";
import { ActionOutcome, InitiativeHeader } from "./page-header.tsx";
import { CurrentReason, ReasonsSection } from "./reasons-section.tsx";
import { SignoffsSection } from "./signoffs-section.tsx";
import { StatusReportsSection } from "./status-reports-section.tsx";

export const meta: MetaFunction = ({ matches, params }) => pageTitle(matches, "title.initiative", { ref: params.ref! });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "OFFICER", "REVIEWER", "LEADERSHIP");
  return forPage(async () => {
    const { view, target, settings, attachments } = await loadInitiative(user, params.ref!, {
      comments: true,
      audit: true,
      rounds: true,
      attachments: true,
    });
    const today = todayInHongKong();
    const health = deliveryHealth(
      { stage: view.stage, plannedEnd: view.plannedEnd, milestones: view.milestones, conditions: view.conditions },
      today,
    );
    const acting = actingChoice(view, new URL(request.url).searchParams.get("as"));
    // A reviewer sees how long the initiative has waited on a review or funding decision, against the SLA.
    const reviewing = user.role === "REVIEWER" || acting?.delegator.divisionCode != null;
    const clock = reviewing ? initiativeClock(view, settings) : null;
    return json({
      view,
      health,
      today,
      role: user.role,
      division: user.divisionCode,
      clock,
      attachments: attachmentsSection(user, target, attachments!),
      acting,
    });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "OFFICER", "REVIEWER", "LEADERSHIP");
  return handleInitiativeAction(request, user, params.ref!);
}

/** One initiative: what may be done now, where it is in its lifecycle, its proposal, decisions and history. */
export default function InitiativePage() {
  const { view, health, today, role, division, clock, attachments, acting } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as InitiativeActionData | undefined;
  const t = useT();
  return (
    <>
      <InitiativeHeader view={view} health={health} />
      <CurrentReason view={view} />
      <FundingRoundNote view={view} />
      <ActionOutcome data={data} />
      <ActingSwitch view={view} acting={acting} />
      {acting ? (
        // Acting for a delegator: the same forms, with the delegator's events, each sending onBehalfOf.
        <ActingAsContext.Provider value={acting.delegator.email}>
          <ActionsSection
            view={{ ...view, availableEvents: acting.availableEvents }}
            role={acting.role}
            division={acting.delegator.divisionCode}
            clock={clock}
            today={today}
            data={data}
            onBehalfOf={acting.delegator.name}
          />
        </ActingAsContext.Provider>
      ) : (
        <ActionsSection view={view} role={role} division={division} clock={clock} today={today} data={data} />
      )}
      <section aria-labelledby="lifecycle-heading">
        <h2 id="lifecycle-heading">{t("initiative.lifecycle")}</h2>
        <LifecycleDiagram value={view.state as never} signoffs={view.signoffs} />
      </section>
      <DetailsSection view={view} />
      <SignoffsSection view={view} />
      <ConditionsSection view={view} />
      <MilestonesSection view={view} />
      <StatusReportsSection view={view} today={today} data={data} />
      <PlanSection view={view} />
      <FundingSection view={view} />
      <ReasonsSection view={view} />
      <AttachmentsSection
        refId={view.ref}
        data={attachments}
        conditions={view.conditions.filter((c) => c.status === "open").map((c) => ({ id: c.id, text: c.text }))}
      />
      <CommentsSection view={view} data={data} />
      <AuditSection view={view} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

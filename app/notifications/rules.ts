/**
 * Who is told what (issue 13), as one pure function per cause: given what just happened to an initiative,
 * the audiences to tell and what kind of notification each gets. Resolving an audience to users (and leaving
 * out whoever caused it) is outbox.server.ts's job; this module knows no database.
 */
import type { Division } from "~/lifecycle/divisions.ts";
import type { EventType } from "~/lifecycle/events.ts";
import type { Stage } from "~/lifecycle/initiative.machine.ts";
import type { NotificationKind } from "./kinds.ts";

export type Audience =
  /** The reviewers of one division (and whoever acts for them). */
  | { reviewersOf: Division }
  /** The officers of the owning B/D. */
  | { officersOf: string }
  /** Every leadership user. */
  | { leadership: true }
  /** The head of a division (a leadership user heading it), or all leadership when it has none. */
  | { headOf: Division }
  /** Everyone who took part in the initiative (commented, decided, submitted), but not the actor. */
  | { participants: true };

export type Tell = { kind: NotificationKind; to: Audience; division?: Division };

/** What the rules need to know about a transition. */
export type TransitionFacts = {
  type: EventType;
  stageBefore: Stage;
  stageAfter: Stage;
  bureauCode: string;
  leadDivision: Division | null;
  /** Divisions whose sign-off is pending after the event (efficiency review), in division order. */
  pendingAfter: Division[];
};

/**
 * The notifications one accepted lifecycle event causes. Events absent here (progress reports, pauses,
 * withdrawal, closure, …) tell no one: the people who would be told are the ones who sent them.
 */
export function tellsForTransition(f: TransitionFacts): Tell[] {
  const officers: Audience = { officersOf: f.bureauCode };
  switch (f.type) {
    case "SUBMIT":
    case "RESUBMIT":
      return f.pendingAfter.map((division) => ({ kind: "REVIEW_REQUESTED", to: { reviewersOf: division }, division }));
    case "APPROVE":
    case "APPROVE_WITH_CONDITIONS": {
      const tells: Tell[] =
        f.type === "APPROVE_WITH_CONDITIONS" ? [{ kind: "APPROVED_WITH_CONDITIONS", to: officers }] : [];
      // The last sign-off moves the initiative on: funding review now waits on the lead division.
      if (f.stageBefore === "efficiencyReview" && f.stageAfter === "fundingReview" && f.leadDivision) {
        tells.push({
          kind: "FUNDING_REVIEW_OPEN",
          to: { reviewersOf: f.leadDivision },
          division: f.leadDivision,
        });
      }
      return tells;
    }
    case "REQUEST_CHANGES":
      return [{ kind: "RETURNED", to: officers }];
    case "REJECT":
      return [{ kind: "REJECTED", to: officers }];
    case "APPROVE_FUNDING":
      return [{ kind: "FUNDING_APPROVED", to: officers }];
    case "REFER_TO_FINANCE_COMMITTEE":
      return [
        { kind: "FC_REFERRAL", to: { leadership: true } },
        { kind: "FUNDING_REFERRED", to: officers },
      ];
    case "DEFER":
      return [{ kind: "DEFERRED", to: officers }];
    case "RECORD_FC_APPROVAL":
      return [{ kind: "FC_APPROVED", to: officers }];
    case "RECORD_FC_REJECTION":
      return [{ kind: "FC_REJECTED", to: officers }];
    default:
      return [];
  }
}

/** A comment tells the others who took part in the initiative. */
export function tellsForComment(): Tell[] {
  return [{ kind: "COMMENTED", to: { participants: true } }];
}

/**
 * An initiative's plan over time, as its page and the API show it: the baselines side by side, the
 * variance of the current plan against baseline 1, and the change requests with their decisions.
 */
import { varianceOf, type BaselineMilestone, type BaselineView, type Variance } from "./baselines.ts";
import type { ChangeStatus } from "./change-requests.server.ts";

export type ChangeRequestView = {
  number: number;
  status: ChangeStatus;
  route: "LEAD_DIVISION" | "FINANCE_COMMITTEE";
  reason: string;
  plannedEnd: string | null;
  milestones: { id: string; name: string; due: string; added: boolean }[] | null;
  additionalFunding: number;
  grantedFunding: number | null;
  requestedBy: string | null;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  reasonCode: string | null;
  paperRef: string | null;
  decisionDate: string | null;
  baseline: number | null;
};

export type PlanView = {
  baselines: BaselineView[];
  variance: Variance | null;
  changeRequests: ChangeRequestView[];
};

/** A change request as stored, its people not yet named: the view's fields, with ids for the names. */
export type ChangeRequestRow = Omit<
  ChangeRequestView,
  "status" | "route" | "milestones" | "requestedBy" | "requestedAt" | "decidedBy"
> & {
  status: string;
  route: string;
  milestones: string | null;
  requestedById: string;
  createdAt: Date;
  decidedById: string | null;
};

type BaselineRow = { number: number; plannedEnd: string | null; milestones: string; budget: number; createdAt: Date };

/**
 * The plan of one initiative from its baselines and change requests (each by number), people not yet named
 * ({@link namedPlan}). A funded initiative without baseline rows (funded before baselines were kept, and
 * never re-planned) shows baseline 1 as its current plan: nothing could have changed it.
 */
export function planOf(
  initiative: {
    plannedEnd: string | null;
    fundedAmount: number | null;
    stageEnteredAt: Date;
    milestones: { id: string; name: string; due: string; status: string }[];
  },
  rows: readonly BaselineRow[],
  requests: ChangeRequestRow[],
) {
  const funded = initiative.fundedAmount;
  let baselines: BaselineView[] = rows.map((b) => ({
    ...b,
    milestones: JSON.parse(b.milestones) as BaselineMilestone[],
  }));
  if (baselines.length === 0 && funded !== null) {
    baselines = [
      {
        number: 1,
        plannedEnd: initiative.plannedEnd,
        budget: funded,
        milestones: initiative.milestones.map(({ id, name, due, status }) => ({ id, name, due, status })),
        createdAt: initiative.stageEnteredAt,
      },
    ];
  }
  const variance =
    baselines[0] && funded !== null
      ? varianceOf(baselines[0], { plannedEnd: initiative.plannedEnd, budget: funded })
      : null;

  return { baselines, variance, requests };
}

export type PlanRows = ReturnType<typeof planOf>;

/** Who asked for and who decided each change request: the people {@link namedPlan} names. */
export function planPeople(plan: PlanRows): string[] {
  return plan.requests.flatMap((r) => [r.requestedById, r.decidedById].filter((x): x is string => !!x));
}

/** The plan as shown, with people's names (looked up by the caller with everyone else it names). */
export function namedPlan({ baselines, variance, requests }: PlanRows, names: Map<string, string>): PlanView {
  const changeRequests = requests.map(({ requestedById, decidedById, createdAt, milestones, ...r }) => ({
    ...r,
    status: r.status as ChangeStatus,
    route: r.route as ChangeRequestView["route"],
    milestones: milestones ? (JSON.parse(milestones) as ChangeRequestView["milestones"]) : null,
    requestedBy: names.get(requestedById) ?? null,
    requestedAt: createdAt,
    decidedBy: decidedById ? (names.get(decidedById) ?? null) : null,
  }));
  return { baselines, variance, changeRequests };
}

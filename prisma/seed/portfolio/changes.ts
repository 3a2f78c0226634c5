/**
 * Change requests in the demo portfolio (issue 15): for a few projects in delivery, the owning officer asks
 * to re-plan what is not yet done — later dates, sometimes more money — and the lead division approves or
 * rejects it, or the officer withdraws it, or it still waits. Sent through the lifecycle service like
 * every other step. No pseudo-random numbers are drawn here, so the rest of the portfolio is the same
 * with or without these stories.
 */
import { sendEvent } from "../../../app/initiatives/initiatives.server.ts";
import type { ReasonCode } from "../../../app/lifecycle/divisions.ts";
import type { ChangeStory } from "./catalogue.ts";
import { addDays, isoOf, LIMIT, PORTFOLIO_TODAY, workingDayOnOrAfter, workingDayOnOrBefore } from "./clock.ts";
import { milestoneId } from "./delivery.ts";
import type { Callers, Plan, Step } from "./plan.ts";
import type { Caller } from "../../../app/initiatives/access.server.ts";

/** A fixed office time on a working day (no random minutes, see above). */
const at = (iso: string, minutes: number) => Date.parse(`${iso}T10:00:00+08:00`) + minutes * 60_000;

const REASONS = [
  "The supplier's key subsystem failed acceptance testing and must be rebuilt; the later milestones move with it.",
  "The data migration from the legacy system proved larger than surveyed; more time and effort are needed.",
  "A change in the governing ordinance added requirements that the current plan does not cover.",
  "The pilot showed that the citizen-facing screens need a redesign before the full launch.",
];

/**
 * The steps of a project's change stories, after funding (`after`). `doneAt` is when each milestone is
 * reported done (absent: not done by today): a change re-plans those still open when it is requested.
 */
export function changeSteps(p: Plan, c: Callers, lead: Caller, doneAt: (number | undefined)[], after: number): Step[] {
  const steps: Step[] = [];
  let last = after;
  let shift = 0;
  (p.options.changes ?? []).forEach((story: ChangeStory, k) => {
    const target = workingDayOnOrBefore(addDays(PORTFOLIO_TODAY, -story.daysAgo));
    let requestAt = at(target, 30 + k);
    if (requestAt <= last) requestAt = at(workingDayOnOrAfter(addDays(isoOf(last), 2)), 30 + k);
    const decideAt = at(workingDayOnOrAfter(addDays(isoOf(requestAt), 7)), 240 + k);
    if (requestAt > LIMIT || (story.outcome !== "open" && decideAt > LIMIT)) {
      throw new Error(`${p.titleEn}: change request ${k + 1} after today`);
    }
    const slip = shift + story.slip;
    const open = p.milestones.map((_, i) => i).filter((i) => doneAt[i] === undefined || doneAt[i]! > requestAt);
    steps.push({
      at: requestAt,
      act: async (plan, now) =>
        sendEvent(
          plan.owner,
          plan.ref,
          {
            type: "REQUEST_CHANGE",
            reason: REASONS[(plan.index + k) % REASONS.length],
            plannedEnd: addDays(plan.plannedEnd, slip),
            milestones: await Promise.all(
              open.map(async (i) => ({
                id: await milestoneId(plan, i),
                name: plan.milestones[i]!.name,
                due: addDays(plan.milestones[i]!.due, slip),
              })),
            ),
            ...(story.money ? { additionalFunding: story.money } : {}),
          },
          { now },
        ),
    });
    const decide = (who: Caller, body: Record<string, unknown>): Step => ({
      at: decideAt,
      act: (plan, now) => sendEvent(who, plan.ref, body, { now }),
    });
    const code: ReasonCode = story.code ?? "COST_NOT_JUSTIFIED";
    switch (story.outcome) {
      case "approved":
        steps.push(decide(lead, { type: "APPROVE_CHANGE", comment: "The revised plan is realistic; approved." }));
        shift = slip;
        break;
      case "rejected":
        steps.push(
          decide(lead, {
            type: "REJECT_CHANGE",
            reason: "Recover the delay within the agreed plan; the case for more time and money is not made.",
            reasonCode: code,
          }),
        );
        break;
      case "fcRejected":
        steps.push(
          decide(c.leader, {
            type: "RECORD_FC_REJECTION",
            paperRef: `FCR(2026-27)${70 + p.index}`,
            date: isoOf(decideAt),
            reason: "Members asked for the project to be delivered within its approved funding.",
          }),
        );
        break;
      case "withdrawn":
        steps.push(
          decide(p.owner, { type: "WITHDRAW_CHANGE", reason: "The supplier recovered the delay; no change needed." }),
        );
        break;
      case "open":
        break;
    }
    last = story.outcome === "open" ? requestAt : decideAt;
  });
  return steps;
}

/**
 * Phase B of a plan, for funded initiatives: the delivery timeline and milestones, progress reports,
 * conditions met, pauses, completion, benefits and closure, on concrete dates up to today.
 */
import { sendEvent } from "../../../app/initiatives/initiatives.server.ts";
import type { ReasonCode } from "../../../app/lifecycle/divisions.ts";
import { db } from "../../../app/utils/db.server.ts";
import {
  addDays,
  addMonths,
  DAY,
  dayBefore,
  daysBetween,
  earlier,
  eventOn,
  firstOfNextMonth,
  isoOf,
  later,
  LIMIT,
  MINUTE,
  officeTime,
  PORTFOLIO_TODAY,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from "./clock.ts";
import {
  pauseReason,
  projectMonths,
  reviewerOf,
  roundTo,
  spreadMilestones,
  type Callers,
  type Plan,
  type Step,
} from "./plan.ts";
import { changeSteps } from "./changes.ts";
import { random } from "./random.ts";
import { send } from "./review-steps.ts";
import { BENEFIT_NOTES, CONDITION_EVIDENCE, MILESTONE_FIRST, MILESTONE_LAST, MILESTONE_MIDDLE } from "./texts.ts";

export function planDelivery(p: Plan, c: Callers, fundedAt: number) {
  const t = p.target;
  const o = p.options;
  const lead = reviewerOf(c, p.lead);
  const fundedDay = isoOf(fundedAt);
  const today = PORTFOLIO_TODAY;
  const ongoing = t === "inProgress" || t === "onHold";

  // The planned timeline starts the month after funding (the proposal said so; it is written before replay).
  p.plannedStart = firstOfNextMonth(fundedDay);
  const health = t === "inProgress" ? (o.health ?? "green") : "green";
  /** Index of the first milestone not done while delivery goes on. */
  let doneCount: number;
  if (!ongoing) {
    p.plannedEnd = dayBefore(firstOfNextMonth(addMonths(p.plannedStart, projectMonths(p) - 1)));
    p.milestones = spreadMilestones(p.plannedStart, p.plannedEnd);
    doneCount = p.milestones.length;
  } else {
    // Milestones spread over the plan: those due before a cut-off date are done, except an overdue one
    // (amber: up to 25 days, red: over 30 days); the rest lie ahead.
    const overdueBy = health === "amber" ? random.int(5, 25) : health === "red" ? random.int(40, 100) : 0;
    // A project on hold has reported nothing for a while.
    const lastPast = addDays(today, -(overdueBy || (t === "onHold" ? random.int(90, 150) : random.int(10, 40))));
    const firstPast = addDays(p.plannedStart, random.int(30, 60));
    if (overdueBy && lastPast < firstPast)
      throw new Error(`${p.titleEn}: funded too recently to have an overdue milestone`);
    const pastSpan = daysBetween(firstPast, lastPast);
    const past = pastSpan < 0 ? 0 : Math.min(3, 1 + Math.floor(pastSpan / 150));
    p.plannedEnd = dayBefore(firstOfNextMonth(addDays(today, random.int(90, 400))));
    const futureStart = addDays(today > p.plannedStart ? today : p.plannedStart, random.int(15, 45));
    const futureSpan = daysBetween(futureStart, p.plannedEnd);
    const future = Math.max(2 - past, Math.min(5 - past, 1 + Math.floor(futureSpan / 120)));
    const dues: string[] = [];
    for (let i = 0; i < past; i++)
      dues.push(past === 1 ? lastPast : addDays(firstPast, Math.round((i * pastSpan) / (past - 1))));
    for (let i = 0; i < future; i++)
      dues.push(future === 1 ? p.plannedEnd : addDays(futureStart, Math.round((i * futureSpan) / (future - 1))));
    const names = [
      random.pick(MILESTONE_FIRST),
      ...random.shuffle(MILESTONE_MIDDLE).slice(0, dues.length - 2),
      random.pick(MILESTONE_LAST),
    ];
    p.milestones = dues.map((due, i) => ({ name: names[i]!, due }));
    doneCount = overdueBy ? past - 1 : past;
  }

  const events: Step[] = [];
  const doneAt: (number | undefined)[] = [];
  let last = fundedAt;
  // Milestone reports at about their due dates (done ones only), with pauses in between where planned.
  const pauseAfter = o.pauseResume ? 0 : -1;
  for (let i = 0; i < doneCount; i++) {
    const m = p.milestones[i]!;
    let actual = addDays(m.due, random.int(-6, 12));
    if (ongoing && actual >= today) actual = addDays(today, -random.int(1, 5));
    const at = eventOn(actual, last);
    if (at > LIMIT) throw new Error(`${p.titleEn}: milestone report after today`);
    const index = i;
    doneAt[i] = at;
    events.push({
      at,
      act: async (plan, now) =>
        sendEvent(
          plan.owner,
          plan.ref,
          { type: "REPORT_PROGRESS", milestoneId: await milestoneId(plan, index), date: isoOf(now.getTime()) },
          { now },
        ),
    });
    last = at;
    if (i === pauseAfter) {
      const code: ReasonCode = "OTHER";
      const pauseAt = later(last, random.int(2, 6));
      const resumeAt = later(pauseAt, random.int(15, 35));
      events.push({ at: pauseAt, act: send(p.owner, { type: "PAUSE", reason: pauseReason(code), reasonCode: code }) });
      events.push({
        at: resumeAt,
        act: send(p.owner, { type: "RESUME", reason: "The re-run tender has been awarded; work resumes." }),
      });
      last = resumeAt;
    }
  }

  // Change requests (issue 15), after the last progress report: they re-plan the milestones not done.
  if (t === "inProgress" && o.changes?.length) events.push(...changeSteps(p, c, lead, doneAt, fundedAt));

  // Conditions: all met before completion; while delivery goes on, those falling due are met and others may be.
  const completeBy = ongoing ? LIMIT - DAY : last;
  for (const condition of p.conditions) {
    const mustMeet = !ongoing || (condition.due !== undefined && condition.due < today);
    if (!mustMeet && random.chance(0.5)) continue;
    let at = fundedAt + Math.floor(random.next() * Math.max(DAY, completeBy - fundedAt));
    at = officeTime(workingDayOnOrAfter(isoOf(Math.max(at, fundedAt + DAY))));
    if (at <= fundedAt) at = later(fundedAt, 1);
    if (at >= completeBy && !ongoing) at = completeBy - random.int(60, 300) * MINUTE;
    if (at > LIMIT) at = LIMIT - random.int(60, 600) * MINUTE;
    events.push({
      at,
      act: send(p.owner, { type: "MEET_CONDITION", conditionId: condition.id, note: random.pick(CONDITION_EVIDENCE) }),
    });
  }

  if (t === "onHold") {
    const code = o.code ?? "OTHER";
    const who = o.pausedByLead ? lead : p.owner;
    if (o.resumed) {
      const firstPause = later(last, random.int(3, 8));
      const resume = later(firstPause, random.int(10, 20));
      events.push({
        at: firstPause,
        act: send(who, { type: "PAUSE", reason: pauseReason("SECURITY_RISK"), reasonCode: "SECURITY_RISK" }),
      });
      events.push({
        at: resume,
        act: send(who, { type: "RESUME", reason: "The audit findings have been fixed and verified." }),
      });
      last = resume;
    }
    const target = officeTime(workingDayOnOrBefore(addDays(today, -random.int(15, 60))));
    const pauseAt = Math.max(later(last, random.int(3, 8)), target);
    if (pauseAt > LIMIT) throw new Error(`${p.titleEn}: pause after today`);
    // Conditions met after the pause are still allowed (delivery accepts them on hold), so nothing to move.
    events.push({ at: pauseAt, act: send(who, { type: "PAUSE", reason: pauseReason(code), reasonCode: code }) });
  }

  if (!ongoing) {
    const completeAt = later(Math.max(last, ...events.map((e) => e.at)), random.int(5, 15));
    if (completeAt > LIMIT) throw new Error(`${p.titleEn}: completion after today`);
    events.push({ at: completeAt, act: send(p.owner, { type: "COMPLETE" }) });
    if (t !== "benefitsReview") {
      let benefitsAt = officeTime(workingDayOnOrAfter(addDays(isoOf(completeAt), random.int(90, 200))));
      const closeGap = random.int(5, 20);
      const latestBenefits = t === "closed" ? earlier(LIMIT, closeGap + 1) : LIMIT - 60 * MINUTE;
      if (benefitsAt > latestBenefits) benefitsAt = Math.max(later(completeAt, 1), latestBenefits);
      const factor = 0.55 + random.next() * 0.6;
      const hours = 0.6 + random.next() * 0.6;
      events.push({
        at: benefitsAt,
        act: send(p.owner, {
          type: "REPORT_BENEFITS",
          realisedAnnualSavings: roundTo(p.expectedAnnualSavings * factor, 1000),
          realisedStaffHoursSaved: roundTo(p.expectedStaffHoursSaved * hours, 10),
          note: random.pick(BENEFIT_NOTES),
        }),
      });
      if (t === "closed") {
        let closeAt = later(benefitsAt, closeGap);
        if (closeAt > LIMIT) closeAt = later(benefitsAt, 0);
        events.push({
          at: closeAt,
          act: send(lead, { type: "CLOSE", note: "Benefits realised as reported; project closed." }),
        });
      }
    }
  }
  events.sort((a, b) => a.at - b.at);
  p.steps.push(...events);
}

export async function milestoneId(plan: Plan, index: number): Promise<string> {
  plan.milestoneIds ??= (
    await db.milestone.findMany({
      where: { initiative: { ref: plan.ref } },
      orderBy: { position: "asc" },
      select: { id: true },
    })
  ).map((m) => m.id);
  const id = plan.milestoneIds[index];
  if (!id) throw new Error(`${plan.ref} has no milestone #${index + 1}`);
  return id;
}

/**
 * Plans the whole demo portfolio without touching the database: each catalogue entry becomes a plan
 * whose abstract steps are placed in time (forward from a start date, or back from the age of the
 * state it waits in today), then funded initiatives get their delivery. Finance Committee papers are
 * numbered once every meeting date is known.
 */
import { financialYearOf } from "../../../app/utils/financial-year.ts";
import { CATALOGUE } from "./catalogue.ts";
import {
  addDays,
  earlier,
  isoOf,
  later,
  LIMIT,
  MINUTE,
  officeTime,
  PORTFOLIO_TODAY,
  START,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBetween,
} from "./clock.ts";
import { planDelivery } from "./delivery.ts";
import { planPhaseA } from "./journey.ts";
import { makePlan, setTimelineFrom, type Callers, type FcItem, type Plan } from "./plan.ts";
import { random } from "./random.ts";

/** Sets the time of every abstract step: forward from the start date, or around the anchor's age. */
function place(p: Plan) {
  const steps = p.abstract;
  if (p.anchor === null) {
    const start = p.options.start;
    if (!start) throw new Error(`${p.titleEn}: needs a start date or an age`);
    steps[0]!.at = officeTime(workingDayOnOrAfter(start));
    for (let i = 1; i < steps.length; i++) steps[i]!.at = later(steps[i - 1]!.at!, steps[i]!.gap);
  } else {
    const age = p.options.age ?? 10;
    const anchorDay = workingDayOnOrBefore(addDays(PORTFOLIO_TODAY, -age));
    const a = p.anchor;
    steps[a]!.at = Math.min(officeTime(anchorDay), LIMIT - 30 * MINUTE);
    for (let i = a - 1; i >= 0; i--) steps[i]!.at = earlier(steps[i + 1]!.at!, steps[i + 1]!.gap);
    // After the anchor, squeeze the gaps into the time left before today.
    const after = steps.slice(a + 1);
    const room = workingDaysBetween(anchorDay, isoOf(LIMIT)) - 1;
    const total = after.reduce((n, s) => n + s.gap, 0);
    const scale = total > room ? Math.max(0, room) / total : 1;
    for (let i = a + 1; i < steps.length; i++) {
      const gap = Math.floor(steps[i]!.gap * scale);
      steps[i]!.at = later(steps[i - 1]!.at!, gap);
      // What would fall after today has not happened yet (comments, further sign-offs): leave it out.
      if (steps[i]!.at! > LIMIT) {
        steps.length = i;
        break;
      }
    }
  }
  for (const s of steps) s.onPlaced?.(s.at!);
  p.steps.push(...steps.map((s) => ({ at: s.at!, act: s.act })));
}

function planInitiative(p: Plan, c: Callers, fc: FcItem[]) {
  const { fundedAt } = planPhaseA(p, c, fc);
  place(p);
  const created = p.steps[0]!.at;
  if (fundedAt) {
    planDelivery(p, c, fundedAt());
  } else {
    // Not delivered here: a timeline starting a few months after submission (or creation, for drafts).
    setTimelineFrom(p, isoOf(p.steps[Math.min(2, p.steps.length - 1)]!.at));
  }
  // Steps of one initiative are strictly ordered in time, inside the portfolio's period.
  for (let i = 1; i < p.steps.length; i++) {
    if (p.steps[i]!.at <= p.steps[i - 1]!.at) p.steps[i]!.at = p.steps[i - 1]!.at + random.int(5, 30) * MINUTE;
  }
  if (created < START || p.steps[p.steps.length - 1]!.at > LIMIT) {
    throw new Error(
      `${p.titleEn}: events from ${new Date(created).toISOString()} to ${new Date(p.steps[p.steps.length - 1]!.at).toISOString()} fall outside the portfolio's period`,
    );
  }
}

/** Finance Committee papers are numbered per financial year in the order of their meetings. */
function numberFcPapers(items: FcItem[]) {
  const byYear = new Map<string, number>();
  for (const item of [...items].sort((a, b) => a.date.localeCompare(b.date))) {
    const fy = financialYearOf(item.date);
    const next = (byYear.get(fy) ?? random.int(3, 8)) + random.int(1, 4);
    byYear.set(fy, next);
    item.paperRef = `FCR(${fy})${next}`;
  }
}

/** Every initiative's plan, with its steps dated; the same on every run. */
export function planPortfolio(c: Callers): Plan[] {
  random.restart();
  const fc: FcItem[] = [];
  const plans = CATALOGUE.map((entry, i) => makePlan(entry, i, c));
  for (const p of plans) planInitiative(p, c, fc);
  numberFcPapers(fc);
  return plans;
}

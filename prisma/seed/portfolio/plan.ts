/**
 * An initiative's plan: what the catalogue entry becomes before anything is sent — its costs, flags and
 * timeline, the abstract steps of its journey (working-day gaps, not yet dates) and, once placed, its
 * dated steps. Each step is a call to the lifecycle service.
 */
import type { Caller } from "../../../app/initiatives/access.server.ts";
import {
  defaultLeadDivision,
  requiredDivisions,
  type Category,
  type Division,
  type ReasonCode,
} from "../../../app/lifecycle/divisions.ts";
import { DEFAULT_BLOCK_ALLOCATION_LIMIT as BLOCK_LIMIT } from "../../../app/lifecycle/initiative.machine.ts";
import type { Entry, Options, Target } from "./catalogue.ts";
import { addDays, addMonths, dayBefore, daysBetween, firstOfNextMonth } from "./clock.ts";
import { random } from "./random.ts";
import {
  CATEGORY_SENTENCE,
  MILESTONE_FIRST,
  MILESTONE_LAST,
  MILESTONE_MIDDLE,
  PAUSE_REASONS,
  REASONS,
} from "./texts.ts";

export type Callers = {
  dg: Caller;
  dgov: Caller;
  di: Caller;
  leader: Caller;
  officerOf: (bureau: string) => Caller;
};

export type Act = (plan: Plan, now: Date) => Promise<unknown>;
/** A step before times are set: `gap` working days after the previous one (0: later the same day). */
export type Abstract = { gap: number; act: Act; onPlaced?: (at: number) => void; at?: number };
export type Step = { at: number; act: Act };

export interface Plan {
  index: number;
  bureau: string;
  category: Category;
  target: Target;
  options: Options;
  owner: Caller;
  lead: Division;
  required: Division[];
  flags: {
    handlesPersonalData: boolean;
    sharesDataAcrossBureaux: boolean;
    needsNewInfrastructure: boolean;
    citizenFacing: boolean;
  };
  titleEn: string;
  titleZh: string;
  summary: string;
  /** The non-recurrent cost first proposed, and the one the final proposal asks for. */
  initialCost: number;
  cost: number;
  recurrentCost: number;
  expectedAnnualSavings: number;
  expectedStaffHoursSaved: number;
  plannedStart: string;
  plannedEnd: string;
  milestones: { name: string; due: string }[];
  /** Conditions attached so far, in order (ids C1, C2, …). */
  conditions: { id: string; text: string; due?: string; division: Division }[];
  abstract: Abstract[];
  anchor: number | null;
  steps: Step[];
  ref: string;
  milestoneIds: string[] | null;
}

export type FcItem = { date: string; paperRef: string };

export const reviewerOf = (c: Callers, d: Division) =>
  d === "DIGITAL_GOVERNMENT" ? c.dg : d === "DATA_GOVERNANCE" ? c.dgov : c.di;

export function money(millions: number): number {
  return Math.round(millions * 1000 + random.int(-30, 30)) * 1000;
}

export function roundTo(n: number, unit: number) {
  return Math.max(unit, Math.round(n / unit) * unit);
}

export function pauseReason(code: ReasonCode): string {
  return random.pick(PAUSE_REASONS[code] ?? REASONS[code]);
}

export function reason(code: ReasonCode): string {
  return random.pick(REASONS[code]);
}

export function makePlan(entry: Entry, index: number, callers: Callers): Plan {
  const [bureau, category, flagText, costM, target, titleEn, titleZh, sumEn, sumZh, options = {}] = entry;
  const flags = {
    handlesPersonalData: flagText.includes("P"),
    sharesDataAcrossBureaux: flagText.includes("S"),
    needsNewInfrastructure: flagText.includes("I"),
    citizenFacing: flagText.includes("C"),
  };
  const lead = options.lead ?? defaultLeadDivision(category);
  let cost = money(costM);
  // Keep every cost on its intended side of the block-allocation limit.
  if (costM > 20 && cost <= BLOCK_LIMIT) cost = BLOCK_LIMIT + 250_000;
  if (costM <= 20 && cost > BLOCK_LIMIT) cost = BLOCK_LIMIT - 250_000;
  const [catEn, catZh] = CATEGORY_SENTENCE[category];
  const savings = roundTo(cost * (0.12 + random.next() * 0.3), 10_000);
  return {
    index,
    bureau,
    category,
    target,
    options,
    owner: callers.officerOf(bureau),
    lead,
    required: requiredDivisions({ leadDivision: lead, ...flags }),
    flags,
    titleEn,
    titleZh,
    summary: `${sumEn} ${catEn}\n\n${sumZh}${catZh}`,
    initialCost: cost,
    cost,
    recurrentCost: roundTo(cost * (0.06 + random.next() * 0.12), 10_000),
    expectedAnnualSavings: savings,
    expectedStaffHoursSaved: roundTo((savings / 420) * (0.8 + random.next() * 0.6), 100),
    plannedStart: "",
    plannedEnd: "",
    milestones: [],
    conditions: [],
    abstract: [],
    anchor: null,
    steps: [],
    ref: "",
    milestoneIds: null,
  };
}

export function fullProposal(p: Plan) {
  return {
    titleEn: p.titleEn,
    titleZh: p.titleZh,
    category: p.category,
    leadDivision: p.lead,
    summary: p.summary,
    ...p.flags,
    nonRecurrentCost: p.initialCost,
    recurrentCost: p.recurrentCost,
    expectedAnnualSavings: p.expectedAnnualSavings,
    expectedStaffHoursSaved: p.expectedStaffHoursSaved,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    milestones: p.milestones,
  };
}

/** The first half of a proposal: what an officer types before the costs and the timeline. */
export function outline(p: Plan) {
  return {
    titleEn: p.titleEn,
    titleZh: p.titleZh,
    category: p.category,
    leadDivision: p.lead,
    summary: p.summary,
    ...p.flags,
  };
}

export function costAndTimeline(p: Plan) {
  return {
    nonRecurrentCost: p.initialCost,
    recurrentCost: p.recurrentCost,
    expectedAnnualSavings: p.expectedAnnualSavings,
    expectedStaffHoursSaved: p.expectedStaffHoursSaved,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    milestones: p.milestones,
  };
}

/** Evenly spread milestones between a start and an end date (the last one on or near the end). */
export function spreadMilestones(start: string, end: string): { name: string; due: string }[] {
  const span = daysBetween(start, end);
  const n = span < 200 ? random.int(2, 3) : random.int(3, 5);
  const names = [
    random.pick(MILESTONE_FIRST),
    ...random.shuffle(MILESTONE_MIDDLE).slice(0, n - 2),
    random.pick(MILESTONE_LAST),
  ];
  return names.map((name, i) => {
    const due =
      i === n - 1
        ? addDays(end, -random.int(0, 10))
        : addDays(start, Math.round(((i + 1) * span) / n) - random.int(0, 10));
    return { name, due };
  });
}

export function projectMonths(p: Plan): number {
  if (p.options.months) return p.options.months;
  if (p.cost > 50_000_000) return random.int(18, 30);
  if (p.cost > BLOCK_LIMIT) return random.int(12, 20);
  if (p.cost > 8_000_000) return random.int(9, 15);
  return random.int(6, 10);
}

/** Sets the planned timeline of a proposal that will not be delivered here, from a reference date. */
export function setTimelineFrom(p: Plan, from: string) {
  p.plannedStart = firstOfNextMonth(addDays(from, random.int(60, 120)));
  p.plannedEnd = dayBefore(firstOfNextMonth(addMonths(p.plannedStart, projectMonths(p) - 1)));
  p.milestones = spreadMilestones(p.plannedStart, p.plannedEnd);
}

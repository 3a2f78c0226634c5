// One generated initiative's journey: its proposal (drawn at random), the audit events of its life in
// time order, and the rows the service would have written on the way (rounds, sign-offs, funding).
import { hongKongDate } from "../../app/calendar/hong-kong.ts";
import {
  CATEGORIES,
  defaultLeadDivision,
  requiredDivisions,
  type Category,
  type Division,
} from "../../app/lifecycle/divisions.ts";
import { financialYearOf, hongKongYear } from "../../app/utils/financial-year.ts";
import type { SeededRandom } from "../lib/seeded-random.ts";
import { FIRST_DAY, TODAY } from "./environment.ts";
import { daysBetweenStored, iso, newId, PROPOSAL, type Statements } from "./statements.ts";

export const DAY = 86_400_000;
export const NOW = Date.parse(`${TODAY}T09:00:00+08:00`);
const START = Date.parse(`${FIRST_DAY}T09:00:00+08:00`);
export const isoDate = (ms: number) => hongKongDate(new Date(ms));
export const fyOf = (ms: number) => financialYearOf(new Date(ms));

export type Counts = Record<
  "initiatives" | "signoffs" | "rounds" | "funding" | "milestones" | "conditions" | "benefits" | "stays",
  number
>;

/** What every journey shares: the generator, the statements, the people, the running counts. */
export interface BenchContext {
  rng: SeededRandom;
  sql: Statements;
  bureaux: string[];
  officer: Map<string, string>;
  reviewer: Map<Division, string>;
  leaderId: string;
  counts: Counts;
  /** The last reference number given in each calendar year. */
  refSeq: Map<number, number>;
}

export type Ev = {
  t: number;
  name: string;
  from: string | null;
  to: string;
  actor: string;
  role: string;
  payload: string;
};
export type ConditionRow = { key: string; division: Division; round: number; due: string | null; createdAt: number };
export type MilestoneRow = { id: string; due: number; actual: number; done: boolean };

export class Journey {
  readonly id = newId();
  readonly bureau: string;
  readonly owner: string;
  readonly created: number;
  readonly ref: string;
  readonly category: Category;
  readonly lead: Division;
  readonly leadReviewer: string;
  readonly flags: { personal: boolean; shares: boolean; infra: boolean; citizen: boolean };
  readonly required: Division[];
  readonly cost: number;
  readonly expectedSavings: number;
  readonly expectedHours: number;
  readonly plannedStart: number;
  readonly plannedEnd: number;

  /** The audit events so far, and the state (machine value, "stage.substate") they lead to. */
  readonly evs: Ev[] = [];
  label = "draft";
  /** The journey's clock. */
  t: number;
  stageEnteredAt: number;
  round = 0;
  submittedAt: number | null = null;
  roundSubmittedAt: number;
  pending: Division[] = [];
  fundedAmount: number | null = null;
  fundedAt: number | null = null;
  realised: [number, number] | null = null;
  readonly conditions: ConditionRow[] = [];
  milestones: MilestoneRow[] = [];
  readonly metAt = new Map<string, number>();
  /** Withdrawn or rejected: nothing more happens. */
  ended = false;

  constructor(readonly ctx: BenchContext) {
    const { rng } = ctx;
    this.bureau = rng.pick(ctx.bureaux);
    this.owner = ctx.officer.get(this.bureau)!;
    this.created = START + Math.floor(rng.next() * (NOW - 20 * DAY - START));
    const year = hongKongYear(new Date(this.created));
    const seqNo = (ctx.refSeq.get(year) ?? 0) + 1;
    ctx.refSeq.set(year, seqNo);
    this.ref = `DPO-${year}-${String(seqNo).padStart(4, "0")}`;
    this.category = rng.pick(CATEGORIES);
    this.lead = defaultLeadDivision(this.category);
    this.leadReviewer = ctx.reviewer.get(this.lead)!;
    this.flags = {
      personal: rng.chance(0.45),
      shares: rng.chance(0.2),
      infra: rng.chance(0.35),
      citizen: this.category === "E_SERVICE" || rng.chance(0.2),
    };
    this.required = requiredDivisions({
      leadDivision: this.lead,
      handlesPersonalData: this.flags.personal,
      sharesDataAcrossBureaux: this.flags.shares,
      needsNewInfrastructure: this.flags.infra,
      citizenFacing: this.flags.citizen,
    });
    this.cost = rng.chance(0.15) ? rng.int(20_000_001, 200_000_000) : rng.int(500_000, 20_000_000);
    this.expectedSavings = Math.round(this.cost * rng.between(0.05, 0.4));
    this.expectedHours = rng.int(1_000, 60_000);
    this.plannedStart = this.created + rng.int(60, 200) * DAY;
    this.plannedEnd = this.plannedStart + rng.int(200, 900) * DAY;
    this.t = this.created;
    this.stageEnteredAt = this.created;
    this.roundSubmittedAt = this.created;
  }

  emit(name: string, to: string, actor: string, role: string, payload = "{}") {
    this.evs.push({ t: this.t, name, from: name === "CREATE" ? null : this.label, to, actor, role, payload });
    // As the service: a change of stage or substate restarts the clock.
    if (name === "CREATE" || to !== this.label) this.stageEnteredAt = this.t;
    this.label = to;
  }

  /** Advances the clock; false when the step would be in the future (the journey stops there). */
  wait(days: number): boolean {
    const next = this.t + days * DAY;
    if (next > NOW) return false;
    this.t = next;
    return true;
  }

  submit(name: "SUBMIT" | "RESUBMIT") {
    this.round++;
    this.submittedAt ??= this.t;
    this.roundSubmittedAt = this.t;
    this.emit(name, "efficiencyReview", this.owner, "OFFICER", `{"round":${this.round}}`);
    this.ctx.sql.round.run(newId(), this.id, this.round, PROPOSAL, this.owner, iso(this.t), iso(this.t));
    this.ctx.counts.rounds++;
    this.pending = [...this.required];
  }

  /**
   * A sign-off, now. Its review time runs from the round's submission; its filter columns are the
   * initiative's (none of which changes after the first submission here).
   */
  signoff(d: Division, decision: string, code: string | null = null, reason: string | null = null) {
    const at = iso(this.t);
    this.ctx.sql.signoff.run(
      ...[newId(), this.id, this.round, d, decision, code, reason, null, this.ctx.reviewer.get(d)!, at],
      ...[daysBetweenStored(this.roundSubmittedAt, this.t), fyOf(this.submittedAt!), this.bureau, this.lead],
      ...[this.category, this.required.join(","), at, at],
    );
    this.ctx.counts.signoffs++;
  }

  /** A funding decision, now. */
  funding(
    decision: string,
    extra: { route?: string; amount?: number; reasonCode?: string; paperRef?: string; decider?: string } = {},
  ) {
    this.ctx.sql.funding.run(
      ...[newId(), this.id, decision, extra.route ?? null, extra.amount ?? null, extra.paperRef ?? null],
      ...[extra.paperRef ? isoDate(this.t) : null, extra.reasonCode ?? null, extra.reasonCode ? "Reason" : null],
      ...[extra.decider ?? this.leadReviewer, iso(this.t), iso(this.t)],
    );
    this.ctx.counts.funding++;
  }
}

/**
 * Turning a proposal form post into the object the proposal schemas read, and back. Browser-safe: the
 * same field names serve the plain HTML post (JavaScript off) and react-hook-form (JavaScript on).
 */
import { CATEGORIES, defaultLeadDivision, type Category } from "~/lifecycle/divisions.ts";
import {
  FLAG_FIELDS,
  TEXT_FIELDS,
  type ProposalFlagField,
  type ProposalFormValues,
  type ProposalTextField,
} from "./proposal.schema.ts";

export { FLAG_FIELDS, TEXT_FIELDS };

export type FormMilestone = { id: string; name: string; due: string };
export type ProposalFormState = Record<ProposalTextField, string> &
  Record<ProposalFlagField, boolean> & { milestones: FormMilestone[] };

const MILESTONE_KEY = /^milestones\.(\d{1,2})\.(id|name|due)$/;

/**
 * Reads a proposal form post. Checkboxes absent from the post are false (an unticked box sends nothing);
 * milestone rows come as `milestones.N.name` / `.due` / `.id`. Only the last value of a repeated
 * field counts, and keys outside the form are ignored.
 */
export function readProposalForm(form: FormData): ProposalFormState {
  const last = (name: string) => {
    const all = form.getAll(name);
    const v = all[all.length - 1];
    return typeof v === "string" ? v : "";
  };
  const state = {} as ProposalFormState;
  for (const f of TEXT_FIELDS) state[f] = last(f);
  for (const f of FLAG_FIELDS) {
    const v = last(f);
    state[f] = v === "true" || v === "on";
  }
  const rows: Partial<FormMilestone>[] = [];
  for (const key of new Set(form.keys())) {
    const m = MILESTONE_KEY.exec(key);
    if (!m) continue;
    const index = Number(m[1]);
    (rows[index] ??= {})[m[2] as keyof FormMilestone] = last(key);
  }
  state.milestones = rows
    .filter((r): r is Partial<FormMilestone> => r !== undefined)
    .map((r) => ({ id: r.id ?? "", name: r.name ?? "", due: r.due ?? "" }));
  return state;
}

/** The form state for a stored proposal (numbers as text, absent as blank). */
export function proposalToFormState(
  p: Record<string, unknown> & { milestones?: { id: string; name: string; due: string }[] },
): ProposalFormState {
  const state = {} as ProposalFormState;
  for (const f of TEXT_FIELDS) {
    const v = p[f];
    state[f] = v === null || v === undefined ? "" : String(v);
  }
  for (const f of FLAG_FIELDS) state[f] = p[f] === true;
  state.milestones = (p.milestones ?? []).map((m) => ({ id: m.id, name: m.name, due: m.due }));
  return state;
}

/** What the schemas are given: blanks stay blank (the schemas treat them as absent), ids only when set. */
export function formStateToInput(state: ProposalFormState): ProposalFormValues {
  return {
    ...state,
    milestones: state.milestones.map((m) => ({ ...(m.id ? { id: m.id } : {}), name: m.name, due: m.due })),
  };
}

/** The no-JavaScript list editing: add a blank row, remove a row, move a row up or down. */
export function editMilestones(milestones: FormMilestone[], intent: string): FormMilestone[] | null {
  const list = [...milestones];
  if (intent === "addMilestone") return [...list, { id: "", name: "", due: "" }];
  const m = /^(removeMilestone|moveUp|moveDown):(\d+)$/.exec(intent);
  if (!m) return null;
  const i = Number(m[2]);
  if (i < 0 || i >= list.length) return list;
  if (m[1] === "removeMilestone") list.splice(i, 1);
  else {
    const j = m[1] === "moveUp" ? i - 1 : i + 1;
    if (j >= 0 && j < list.length) [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/**
 * The lead division follows from the category unless the officer chose one (DESIGN.md §1): fills it
 * in when the category is known and the lead is blank.
 */
export function withDefaultLeadDivision<T extends { category?: unknown; leadDivision?: unknown }>(input: T): T {
  const blank = input.leadDivision === undefined || input.leadDivision === null || input.leadDivision === "";
  if (!blank || typeof input.category !== "string" || !(CATEGORIES as readonly string[]).includes(input.category)) {
    return input;
  }
  return { ...input, leadDivision: defaultLeadDivision(input.category as Category) };
}

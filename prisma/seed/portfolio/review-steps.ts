/**
 * The review steps an initiative's plan is built from, before they have dates: creating and completing
 * the draft, questions and answers, sign-offs (with or without conditions), returns and rejections,
 * revisions. Each pushes one or more abstract steps, a working-day gap after the one before.
 */
import type { Caller } from "../../../app/initiatives/access.server.ts";
import { addComment, createDraft, sendEvent, updateDraft } from "../../../app/initiatives/initiatives.server.ts";
import type { Division, ReasonCode } from "../../../app/lifecycle/divisions.ts";
import { DEFAULT_BLOCK_ALLOCATION_LIMIT as BLOCK_LIMIT } from "../../../app/lifecycle/initiative.machine.ts";
import { addDays, isoOf } from "./clock.ts";
import {
  costAndTimeline,
  fullProposal,
  outline,
  reason,
  reviewerOf,
  roundTo,
  type Act,
  type Callers,
  type Plan,
} from "./plan.ts";
import { random } from "./random.ts";
import { APPROVAL_COMMENTS, CODES_BY_DIVISION, CONDITION_EVIDENCE, CONDITIONS, QUESTIONS } from "./texts.ts";
import { ensureBusinessCase } from "../../../app/attachments/business-case.server.ts";

export function push(p: Plan, gap: number, act: Act, onPlaced?: (at: number) => void) {
  p.abstract.push({ gap, act, onPlaced });
}
export function markAnchor(p: Plan) {
  p.anchor = p.abstract.length - 1;
}

export const send =
  (who: Caller, body: Record<string, unknown>): Act =>
  (p, now) =>
    sendEvent(who, p.ref, body, { now });

/**
 * A submission; a proposal above the business-case threshold gets its business case attached first, a
 * second before, so that its audit trail keeps one event per instant.
 */
export const submit =
  (who: Caller, body: Record<string, unknown>): Act =>
  async (p, now) => {
    await ensureBusinessCase(who, p.ref, new Date(now.getTime() - 1000));
    return sendEvent(who, p.ref, body, { now });
  };

export function pushCreate(p: Plan, mode: "complete" | "outlineThenComplete" | "outlineOnly") {
  if (mode === "complete") {
    push(p, 0, (plan, now) => createDraft(plan.owner, fullProposal(plan), { now }).then((r) => (plan.ref = r.ref)));
    return;
  }
  const fields = random.chance(0.5)
    ? outline(p)
    : { titleEn: p.titleEn, titleZh: p.titleZh, category: p.category, summary: p.summary };
  push(p, 0, (plan, now) => createDraft(plan.owner, fields, { now }).then((r) => (plan.ref = r.ref)));
  if (mode === "outlineThenComplete") {
    // The officer completes the proposal a few days later.
    push(p, random.int(2, 8), (plan, now) =>
      updateDraft(plan.owner, plan.ref, { ...outline(plan), ...costAndTimeline(plan) }, { now }),
    );
  } else if (random.chance(0.6)) {
    // Still a draft: the costs are in, the timeline is not.
    push(p, random.int(1, 6), (plan, now) =>
      updateDraft(
        plan.owner,
        plan.ref,
        { nonRecurrentCost: plan.initialCost, recurrentCost: plan.recurrentCost },
        { now },
      ),
    );
  }
}

export function pushQuestion(p: Plan, c: Callers) {
  const [q, a] = random.pick(QUESTIONS);
  const asker = reviewerOf(c, random.pick(p.required));
  push(p, random.int(1, 4), (plan, now) => addComment(asker, plan.ref, { body: q }, { now }));
  push(p, random.int(0, 2), (plan, now) => addComment(plan.owner, plan.ref, { body: a }, { now }));
}

export function approveStep(p: Plan, c: Callers, d: Division, withConditions: boolean) {
  const reviewer = reviewerOf(c, d);
  if (!withConditions) {
    const body = random.chance(0.4)
      ? { type: "APPROVE", comment: random.pick(APPROVAL_COMMENTS) }
      : { type: "APPROVE" };
    push(p, random.int(2, 9), send(reviewer, body));
    return;
  }
  const texts = random.shuffle(CONDITIONS[d]).slice(0, random.chance(0.3) ? 2 : 1);
  const added = texts.map((text) => {
    const condition: Plan["conditions"][number] = { id: `C${p.conditions.length + 1}`, text, division: d };
    p.conditions.push(condition);
    return condition;
  });
  const dated = random.chance(0.5);
  push(
    p,
    random.int(2, 9),
    (plan, now) =>
      sendEvent(
        reviewer,
        plan.ref,
        {
          type: "APPROVE_WITH_CONDITIONS",
          conditions: added.map((x) => (x.due ? { text: x.text, due: x.due } : { text: x.text })),
        },
        { now },
      ),
    (at) => {
      // A dated condition falls due some months after approval.
      if (dated) for (const x of added) x.due = addDays(isoOf(at), random.int(120, 270));
    },
  );
}

export type RoundEnd =
  | { kind: "approveAll"; conditions: boolean }
  | { kind: "pending"; approved: Division[] }
  | { kind: "return" | "reject"; by?: Division; code?: ReasonCode; anchor?: boolean };

/** One round of efficiency review after a (re)submission. */
export function reviewRound(p: Plan, c: Callers, end: RoundEnd, questions: boolean) {
  if (questions) pushQuestion(p, c);
  const order = random.shuffle(p.required);
  if (end.kind === "approveAll") {
    const conditional = end.conditions ? random.pick(order) : null;
    for (const d of order)
      approveStep(p, c, d, d === conditional || (end.conditions ? random.chance(0.3) : random.chance(0.12)));
    return;
  }
  if (end.kind === "pending") {
    const approvable = order.filter((d) => end.approved.includes(d)).slice(0, Math.max(0, p.required.length - 1));
    for (const d of approvable) approveStep(p, c, d, random.chance(0.3));
    return;
  }
  const by = end.by && p.required.includes(end.by) ? end.by : random.pick(p.required);
  const code = end.code ?? random.pick(CODES_BY_DIVISION[by]);
  // Some divisions decide before the one that returns or rejects.
  for (const d of order) if (d !== by && random.chance(0.45)) approveStep(p, c, d, false);
  push(
    p,
    random.int(3, 10),
    send(reviewerOf(c, by), {
      type: end.kind === "return" ? "REQUEST_CHANGES" : "REJECT",
      reason: reason(code),
      reasonCode: code,
    }),
  );
  if (end.anchor) markAnchor(p);
}

/** The officer's revision after a return: a revised summary, sometimes a lower cost. */
export function pushRevision(p: Plan, firstGap: [number, number]) {
  const lowerCost = random.chance(0.5);
  if (lowerCost) {
    const lowered = roundTo(p.cost * (0.9 + random.next() * 0.06), 1000);
    if (lowered > BLOCK_LIMIT === p.cost > BLOCK_LIMIT) p.cost = lowered;
  }
  const cost = p.cost;
  const note = random.pick([
    "Revised: cost breakdown and quotations added.",
    "Revised after the Division's comments: scope of phase 1 narrowed.",
    "Revised: privacy and security arrangements set out.",
    "Revised: reuse of common services confirmed.",
  ]);
  push(p, random.int(...firstGap), (plan, now) =>
    updateDraft(plan.owner, plan.ref, { summary: `${plan.summary}\n\n${note}`, nonRecurrentCost: cost }, { now }),
  );
  if (random.chance(0.3))
    push(p, random.int(0, 1), (plan, now) =>
      addComment(plan.owner, plan.ref, { body: `${note} Thank you for the comments.` }, { now }),
    );
}

export function pushMeet(p: Plan, condition: Plan["conditions"][number], gap: number) {
  const note = random.pick(CONDITION_EVIDENCE);
  push(p, gap, (plan, now) =>
    sendEvent(plan.owner, plan.ref, { type: "MEET_CONDITION", conditionId: condition.id, note }, { now }),
  );
}

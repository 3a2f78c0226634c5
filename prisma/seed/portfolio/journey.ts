/**
 * Phase A of a plan: from creation to the funding decision — submission, rounds of review, and the
 * funding route (block allocation or Finance Committee) for the targets that get that far.
 */
import { addComment, sendEvent, updateDraft } from "../../../app/initiatives/initiatives.server.ts";
import type { ReasonCode } from "../../../app/lifecycle/divisions.ts";
import { DEFAULT_BLOCK_ALLOCATION_LIMIT as BLOCK_LIMIT } from "../../../app/lifecycle/initiative.machine.ts";
import { fridayOnOrBefore, isoOf } from "./clock.ts";
import { reason, reviewerOf, roundTo, type Callers, type FcItem, type Plan } from "./plan.ts";
import { random } from "./random.ts";
import {
  markAnchor,
  push,
  pushCreate,
  pushMeet,
  pushQuestion,
  pushRevision,
  reviewRound,
  send,
  submit,
} from "./review-steps.ts";
import { FC_NOTES } from "./texts.ts";

const SUBMIT: Record<string, unknown> = { type: "SUBMIT" };
const RESUBMIT: Record<string, unknown> = { type: "RESUBMIT" };

/** Submission, the rounds of review and (for the targets that get there) the funding decision. */
export function planPhaseA(p: Plan, c: Callers, fc: FcItem[]): { fundedAt?: () => number } {
  return planReview(p, c) ? planFunding(p, c, fc) : {};
}

/** Creation, submission and review; true when the plan goes on to the funding decision. */
function planReview(p: Plan, c: Callers): boolean {
  const t = p.target;
  const o = p.options;
  const draftish = t === "draft" || t === "draftComplete" || t === "withdrawnDraft";
  pushCreate(
    p,
    t === "draft" ? "outlineOnly" : t === "draftComplete" || random.chance(0.5) ? "complete" : "outlineThenComplete",
  );
  if (t === "draft") return false;
  if (t === "draftComplete") {
    push(p, random.int(1, 6), (plan, now) =>
      updateDraft(
        plan.owner,
        plan.ref,
        { expectedStaffHoursSaved: roundTo(plan.expectedStaffHoursSaved * 1.1, 100) },
        { now },
      ),
    );
    return false;
  }
  if (draftish) {
    push(
      p,
      random.int(10, 40),
      send(p.owner, {
        type: "WITHDRAW",
        reason: "The service will be delivered through the common booking platform instead.",
      }),
    );
    return false;
  }

  push(p, random.int(2, 8), submit(p.owner, SUBMIT));
  const rounds =
    o.rounds ?? (["closed", "inProgress", "benefitsReview", "rejectedFC"].includes(t) && random.chance(0.2) ? 2 : 1);
  for (let r = 1; r < rounds; r++) {
    reviewRound(p, c, { kind: "return" }, r === 1 && random.chance(0.3));
    pushRevision(p, [4, 15]);
    push(p, random.int(1, 5), submit(p.owner, RESUBMIT));
  }
  const questions = random.chance(0.35);

  switch (t) {
    case "review":
      markAnchor(p);
      reviewRound(
        p,
        c,
        { kind: "pending", approved: o.approved ?? (random.chance(0.35) ? [random.pick(p.required)] : []) },
        questions,
      );
      return false;
    case "returned":
      reviewRound(p, c, { kind: "return", by: o.by, code: o.code, anchor: true }, questions);
      if (random.chance(0.5))
        push(p, random.int(1, 4), (plan, now) =>
          addComment(
            plan.owner,
            plan.ref,
            { body: "Noted; we are revising the proposal and will resubmit shortly." },
            { now },
          ),
        );
      return false;
    case "rejectedReview":
      reviewRound(p, c, { kind: "reject", by: o.by, code: o.code }, questions);
      return false;
    case "withdrawnReview":
      if (questions) pushQuestion(p, c);
      push(
        p,
        random.int(5, 15),
        send(p.owner, {
          type: "WITHDRAW",
          reason: "The Department will adopt a module of an existing system instead.",
        }),
      );
      return false;
    case "withdrawnReturned":
      reviewRound(p, c, { kind: "return", by: o.by, code: o.code ?? "DUPLICATES_EXISTING_SYSTEM" }, questions);
      push(
        p,
        random.int(10, 30),
        send(p.owner, {
          type: "WITHDRAW",
          reason: "The dashboard will be built on the Government's common data analytics platform instead.",
        }),
      );
      return false;
  }

  reviewRound(p, c, { kind: "approveAll", conditions: !!o.conds }, questions);
  return true;
}

/** The funding decision, and for the Finance Committee route its paper and meeting. */
function planFunding(p: Plan, c: Callers, fc: FcItem[]): { fundedAt?: () => number } {
  const t = p.target;
  const o = p.options;
  const lead = reviewerOf(c, p.lead);
  const above = p.cost > BLOCK_LIMIT;

  if (o.deferReopen) {
    const code: ReasonCode = "FUNDING_PRIORITY";
    push(p, random.int(3, 10), send(lead, { type: "DEFER", reason: reason(code), reasonCode: code }));
    push(p, random.int(20, 45), send(lead, { type: "REOPEN", reason: "Funds released in the new funding round." }));
  }
  switch (t) {
    case "fundingReview":
      markAnchor(p);
      if (p.conditions.length && random.chance(0.6)) pushMeet(p, p.conditions[0]!, random.int(2, 6));
      return {};
    case "deferred": {
      const code = o.code ?? "FUNDING_PRIORITY";
      push(p, random.int(3, 12), send(lead, { type: "DEFER", reason: reason(code), reasonCode: code }));
      markAnchor(p);
      if (random.chance(0.5))
        push(p, random.int(3, 10), (plan, now) =>
          addComment(
            plan.owner,
            plan.ref,
            { body: "Noted. We will update the cost estimates for the next funding round." },
            { now },
          ),
        );
      return {};
    }
    case "withdrawnFunding":
      push(
        p,
        random.int(5, 15),
        send(p.owner, {
          type: "WITHDRAW",
          reason: "The Department will lease vehicles with telematics under the new fleet contract instead.",
        }),
      );
      return {};
    case "withdrawnDeferred":
      push(
        p,
        random.int(3, 8),
        send(lead, {
          type: "DEFER",
          reason: "Awaiting the Government's decision on the implementation date of waste charging.",
          reasonCode: "NOT_ALIGNED_WITH_POLICY",
        }),
      );
      push(
        p,
        random.int(10, 25),
        send(p.owner, {
          type: "WITHDRAW",
          reason: "The Government has put the implementation of municipal solid waste charging on hold.",
        }),
      );
      return {};
    case "rejectedFunding": {
      const code = o.code ?? "FUNDING_PRIORITY";
      push(p, random.int(5, 15), send(lead, { type: "REJECT", reason: reason(code), reasonCode: code }));
      return {};
    }
  }

  if (!above) {
    // Sometimes the lead division funds a little less than was asked for.
    const cut = random.chance(0.25) ? 0.9 + random.next() * 0.08 : 1;
    let fundedAt = 0;
    push(
      p,
      random.int(3, 12),
      (plan, now) =>
        sendEvent(lead, plan.ref, { type: "APPROVE_FUNDING", amount: roundTo(plan.cost * cut, 1000) }, { now }),
      (at) => (fundedAt = at),
    );
    return { fundedAt: () => fundedAt };
  }
  push(p, random.int(3, 10), (plan, now) =>
    sendEvent(lead, plan.ref, { type: "REFER_TO_FINANCE_COMMITTEE", amount: plan.cost }, { now }),
  );
  if (t === "awaitingFC") {
    markAnchor(p);
    if (random.chance(0.6))
      push(p, random.int(2, 8), (plan, now) =>
        addComment(c.leader, plan.ref, { body: random.pick(FC_NOTES) }, { now }),
      );
    return {};
  }
  const item: FcItem = { date: "", paperRef: "" };
  fc.push(item);
  if (t === "rejectedFC") {
    push(
      p,
      random.int(25, 50),
      (plan, now) =>
        sendEvent(
          c.leader,
          plan.ref,
          {
            type: "RECORD_FC_REJECTION",
            paperRef: item.paperRef,
            date: item.date,
            reason:
              "Members were not convinced of the cost-effectiveness and asked the Administration to review the scope.",
          },
          { now },
        ),
      (at) => (item.date = fridayOnOrBefore(isoOf(at))),
    );
    return {};
  }
  let fundedAt = 0;
  const trimmed = random.chance(0.25);
  push(
    p,
    random.int(25, 55),
    (plan, now) =>
      sendEvent(
        c.leader,
        plan.ref,
        {
          type: "RECORD_FC_APPROVAL",
          paperRef: item.paperRef,
          date: item.date,
          ...(trimmed ? { amount: roundTo(plan.cost * 0.95, 1000) } : {}),
        },
        { now },
      ),
    (at) => {
      item.date = fridayOnOrBefore(isoOf(at));
      fundedAt = at;
    },
  );
  return { fundedAt: () => fundedAt };
}

/**
 * The rows an accepted lifecycle event writes besides the initiative's snapshot, in the same transaction:
 * submission rounds, sign-offs (with their review times), conditions, funding decisions, milestone
 * progress, met conditions and benefit reports; and the initiative's plain columns the event changes.
 */
import type { Division } from "~/lifecycle/divisions.ts";
import type { EventType } from "~/lifecycle/events.ts";
import { stageOf, type InitiativeSnapshot } from "~/lifecycle/snapshot.ts";
import { financialYearOf } from "~/utils/financial-year.ts";
import type { Caller } from "./access.server.ts";
import { proposalOf, type LoadedInitiative } from "./initiative-row.server.ts";
import { writeChangeRows } from "./change-requests.server.ts";
import { daysFrom, type FilterCopies } from "./stage-stays.server.ts";
import { rebidProposal } from "./rebid.ts";
import type { Tx } from "./versioning.server.ts";

/** The domain rows an accepted event implies, written in the same transaction as the snapshot. */
export async function writeEventRows(
  tx: Tx,
  args: {
    row: LoadedInitiative;
    user: Caller;
    type: EventType;
    payload: Record<string, unknown>;
    before: InitiativeSnapshot;
    after: InitiativeSnapshot;
    now: Date;
    /** The initiative's filter columns after this event, copied onto a sign-off. */
    copies: FilterCopies;
  },
) {
  const { row, user, type, payload, before, after, now, copies } = args;
  // Change requests and baselines: their own rows (a Finance Committee decision in delivery is a change's).
  await writeChangeRows(tx, { row, userId: user.id, type, payload, before, after, now });
  if (stageOf(before) === "delivery") {
    if (type === "RECORD_FC_APPROVAL" || type === "RECORD_FC_REJECTION") return;
  }
  const date = now;
  const initiativeId = row.id;
  const division = user.divisionCode as Division | null;
  const round = after.context.round;
  const inReview = stageOf(before) === "efficiencyReview";
  const reasonCode = (payload.reasonCode as string | undefined) ?? null;
  const reason = (payload.reason as string | undefined) ?? null;
  /**
   * A sign-off of this round, with its review time: days from the round's submission to the decision. The
   * round was submitted when the initiative entered efficiency review (its stageEnteredAt, which no event
   * in review changes), at the same instant as its SubmissionRound row's createdAt.
   */
  const signoff = (data: {
    decision: string;
    reasonCode?: string | null;
    reason?: string | null;
    comment?: string | null;
  }) =>
    tx.signoff.create({
      data: {
        initiativeId,
        round: before.context.round,
        division: division!,
        ...data,
        reviewerId: user.id,
        decidedAt: date,
        reviewDays: daysFrom(row.stageEnteredAt, date),
        ...copies,
        createdAt: date,
        updatedAt: date,
      },
    });
  const funding = (data: Record<string, unknown>) =>
    tx.fundingDecision.create({
      data: { initiativeId, deciderId: user.id, createdAt: date, updatedAt: date, ...data } as never,
    });

  switch (type) {
    case "REBID": {
      // The next round of the same proposal: its milestones move with it, and the round keeps what it asked.
      const proposal = rebidProposal(proposalOf(row), payload);
      for (const m of proposal.milestones as { id: string; due: string }[]) {
        await tx.milestone.update({ where: { id: m.id }, data: { due: m.due, updatedAt: date } });
      }
      await tx.submissionRound.create({
        data: {
          initiativeId,
          round,
          proposal: JSON.stringify(proposal),
          submittedById: user.id,
          createdAt: date,
          updatedAt: date,
        },
      });
      return;
    }
    case "SUBMIT":
    case "RESUBMIT":
      await tx.submissionRound.create({
        data: {
          initiativeId,
          round,
          proposal: JSON.stringify(proposalOf(row)),
          submittedById: user.id,
          createdAt: date,
          updatedAt: date,
        },
      });
      return;
    case "APPROVE":
    case "APPROVE_WITH_CONDITIONS": {
      await signoff({
        decision: type === "APPROVE" ? "APPROVED" : "APPROVED_WITH_CONDITIONS",
        comment: (payload.comment as string | undefined) ?? null,
      });
      const known = new Set(before.context.conditions.map((c) => c.id));
      for (const c of after.context.conditions.filter((c) => !known.has(c.id))) {
        await tx.condition.create({
          data: {
            initiativeId,
            key: c.id,
            division: c.division,
            round: c.round,
            text: c.text,
            due: c.due ?? null,
            createdAt: date,
            updatedAt: date,
          },
        });
      }
      return;
    }
    case "REQUEST_CHANGES":
      await signoff({ decision: "CHANGES_REQUESTED", reasonCode, reason });
      return;
    case "REJECT":
      if (inReview) {
        await signoff({ decision: "REJECTED", reasonCode, reason });
      } else {
        await funding({ decision: "REJECTED", reasonCode, reason });
      }
      return;
    case "APPROVE_FUNDING":
      await funding({ decision: "APPROVED", route: "BLOCK_ALLOCATION", amount: payload.amount });
      return;
    case "REFER_TO_FINANCE_COMMITTEE":
      await funding({ decision: "REFERRED", route: "FINANCE_COMMITTEE", amount: payload.amount });
      return;
    case "DEFER":
      await funding({ decision: "DEFERRED", reasonCode, reason });
      return;
    case "REOPEN":
      await funding({ decision: "REOPENED", reason });
      return;
    case "RECORD_FC_APPROVAL":
      await funding({
        decision: "FC_APPROVED",
        route: "FINANCE_COMMITTEE",
        amount: after.context.fundedAmount,
        paperRef: payload.paperRef,
        decisionDate: payload.date,
      });
      return;
    case "RECORD_FC_REJECTION":
      await funding({
        decision: "FC_REJECTED",
        route: "FINANCE_COMMITTEE",
        paperRef: payload.paperRef ?? null,
        decisionDate: payload.date ?? null,
        reason,
      });
      return;
    case "REPORT_PROGRESS":
      await tx.milestone.update({
        where: { id: payload.milestoneId as string },
        data: { status: "DONE", actualDate: payload.date as string, updatedAt: date },
      });
      return;
    case "MEET_CONDITION":
      await tx.condition.update({
        where: { initiativeId_key: { initiativeId, key: payload.conditionId as string } },
        data: { status: "met", metNote: payload.note as string, metAt: date, metById: user.id, updatedAt: date },
      });
      return;
    case "REPORT_BENEFITS":
      await tx.benefitReport.create({
        data: {
          initiativeId,
          realisedAnnualSavings: payload.realisedAnnualSavings as number,
          realisedStaffHoursSaved: payload.realisedStaffHoursSaved as number,
          note: payload.note as string,
          reportedById: user.id,
          createdAt: date,
          updatedAt: date,
        },
      });
      return;
    default:
      return;
  }
}

/** Plain columns an event changes besides those derived from the snapshot. */
export function eventColumns(
  type: EventType,
  row: LoadedInitiative,
  payload: Record<string, unknown>,
  after: InitiativeSnapshot,
  now: Date,
) {
  const data: Record<string, unknown> = {};
  if ((type === "SUBMIT" || type === "RESUBMIT") && !row.submittedAt) {
    data.submittedAt = now;
    data.financialYear = financialYearOf(now);
  }
  if (type === "SUBMIT" || type === "RESUBMIT") {
    data.requiredDivisions = after.context.requiredDivisions.join(",");
    data.leadDivision = after.context.leadDivision;
  }
  if (type === "APPROVE_FUNDING" || type === "RECORD_FC_APPROVAL" || type === "APPROVE_CHANGE") {
    data.fundedAmount = after.context.fundedAmount;
  }
  if (type === "REBID") {
    data.plannedStart = payload.plannedStart;
    data.plannedEnd = payload.plannedEnd;
    data.nonRecurrentCost = payload.nonRecurrentCost;
    if (payload.recurrentCost !== undefined) data.recurrentCost = payload.recurrentCost;
  }
  if (type === "REPORT_BENEFITS") {
    data.realisedAnnualSavings = payload.realisedAnnualSavings;
    data.realisedStaffHoursSaved = payload.realisedStaffHoursSaved;
  }
  return data;
}

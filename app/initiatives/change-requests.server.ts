/**
 * The rows of change requests and baselines (issue 15), written in the transaction of the lifecycle event
 * that causes them (see event-rows.server.ts), and the new plan an approved change puts in place: the open
 * milestones re-dated, added or removed (done ones never touched), the planned end and the funded amount.
 */
import { randomUUID } from "node:crypto";
import type { EventType } from "~/lifecycle/events.ts";
import { HttpError } from "~/utils/http.server.ts";
import { changeStateOf, stageOf, type InitiativeSnapshot } from "~/lifecycle/snapshot.ts";
import type { LoadedInitiative } from "./initiative-row.server.ts";
import type { Tx } from "./versioning.server.ts";

export type ChangeStatus = "REQUESTED" | "AWAITING_FC" | "APPROVED" | "REJECTED" | "WITHDRAWN";
export const OPEN_CHANGE_STATUSES: ChangeStatus[] = ["REQUESTED", "AWAITING_FC"];

/** A milestone of a change request's new plan, with the id it has (or will have once approved). */
type PlannedMilestone = { id: string; name: string; due: string; added: boolean };

/**
 * What the server adds to a REQUEST_CHANGE before the machine sees it: an id for each new milestone (so
 * that, once approved, progress can be reported against it) and which ids are new. A milestone list that
 * repeats the open milestones as they are (the form always posts them) is no change and is left out; a
 * request left with nothing to change is a 400 like one that named nothing.
 */
export function prepareChangeRequest(
  parsed: Record<string, unknown>,
  milestones: { id: string; name: string; due: string }[],
  done: (id: string) => boolean,
): Record<string, unknown> {
  const payload = { ...parsed };
  const open = milestones.filter((m) => !done(m.id));
  const listed = payload.milestones as { id?: string; name: string; due: string }[] | undefined;
  const same =
    Array.isArray(listed) &&
    listed.length === open.length &&
    listed.every((m, i) => m.id === open[i]!.id && m.name === open[i]!.name && m.due === open[i]!.due);
  if (same) delete payload.milestones;
  if (payload.milestones === undefined && payload.plannedEnd === undefined && payload.additionalFunding === undefined) {
    throw new HttpError(400, { key: "problems.eventHasErrors" }, { plannedEnd: ["errors.changeNeedsContent"] });
  }
  return withMilestoneIds(payload);
}

function withMilestoneIds(payload: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(payload.milestones)) return { ...payload, addedMilestoneIds: [] };
  const added: string[] = [];
  const milestones = (payload.milestones as { id?: string; name: string; due: string }[]).map((m) => {
    if (m.id) return m;
    const id = `m${randomUUID().replace(/-/g, "").slice(0, 24)}`;
    added.push(id);
    return { ...m, id };
  });
  return { ...payload, milestones, addedMilestoneIds: added };
}

type MilestoneRow = { id: string; name: string; due: string; status: string; position: number };

async function milestonesOf(tx: Tx, initiativeId: string): Promise<MilestoneRow[]> {
  return tx.milestone.findMany({
    where: { initiativeId },
    orderBy: { position: "asc" },
    select: { id: true, name: true, due: true, status: true, position: true },
  });
}

const milestonesJson = (rows: MilestoneRow[]) =>
  JSON.stringify(rows.map(({ id, name, due, status }) => ({ id, name, due, status })));

/** Writes baseline `number` of the plan as it now stands in the database. */
async function writeBaseline(
  tx: Tx,
  initiativeId: string,
  number: number,
  plan: { plannedEnd: string | null; budget: number; changeRequestId?: string },
  now: Date,
) {
  const milestones = await milestonesOf(tx, initiativeId);
  await tx.baseline.create({
    data: {
      initiativeId,
      number,
      plannedEnd: plan.plannedEnd,
      milestones: milestonesJson(milestones),
      budget: plan.budget,
      changeRequestId: plan.changeRequestId ?? null,
      createdAt: now,
      updatedAt: now,
    },
  });
}

async function openChange(tx: Tx, initiativeId: string) {
  const open = await tx.changeRequest.findFirst({
    where: { initiativeId, status: { in: OPEN_CHANGE_STATUSES } },
    orderBy: { number: "desc" },
    select: { id: true, plannedEnd: true, milestones: true },
  });
  // The machine said a change is open, so its row exists: a missing one is a broken invariant, not a 4xx.
  if (!open) throw new Error("The open change request's row is missing.");
  return open;
}

/** Puts an approved change's plan in place: milestones, planned end; done milestones stay as they are. */
async function applyPlan(
  tx: Tx,
  row: LoadedInitiative,
  change: { plannedEnd: string | null; milestones: string | null },
  now: Date,
) {
  const current = await milestonesOf(tx, row.id);
  if (change.milestones) {
    const planned = JSON.parse(change.milestones) as PlannedMilestone[];
    const done = current.filter((m) => m.status === "DONE");
    const doneIds = new Set(done.map((m) => m.id));
    const open = planned.filter((m) => !doneIds.has(m.id));
    const keep = new Set(open.map((m) => m.id));
    await tx.milestone.deleteMany({
      where: { initiativeId: row.id, status: { not: "DONE" }, id: { notIn: [...keep] } },
    });
    let position = 0;
    for (const m of done) {
      await tx.milestone.update({ where: { id: m.id }, data: { position: position++, updatedAt: now } });
    }
    for (const m of open) {
      const data = { name: m.name, due: m.due, position: position++, updatedAt: now };
      if (current.some((c) => c.id === m.id)) await tx.milestone.update({ where: { id: m.id }, data });
      else await tx.milestone.create({ data: { ...data, id: m.id, initiativeId: row.id, createdAt: now } });
    }
  }
  if (change.plannedEnd) {
    await tx.initiative.update({ where: { id: row.id }, data: { plannedEnd: change.plannedEnd } });
  }
}

/**
 * The change-request and baseline rows of an accepted event, if it has any. Baseline 1 is written at
 * funding; an initiative funded before baselines existed gets it when first needed (the first approved
 * change), from the plan as it then stands, which is the plan as funded since nothing could change it.
 */
export async function writeChangeRows(
  tx: Tx,
  args: {
    row: LoadedInitiative;
    userId: string;
    type: EventType;
    payload: Record<string, unknown>;
    before: InitiativeSnapshot;
    after: InitiativeSnapshot;
    now: Date;
  },
): Promise<void> {
  const { row, userId, type, payload, before, after, now } = args;
  const initiativeId = row.id;
  const inDelivery = stageOf(before) === "delivery";
  const funded = after.context.fundedAmount ?? 0;

  if ((type === "APPROVE_FUNDING" || type === "RECORD_FC_APPROVAL") && !inDelivery && stageOf(after) === "delivery") {
    await writeBaseline(
      tx,
      initiativeId,
      1,
      { plannedEnd: (row.plannedEnd as string | null) ?? null, budget: funded },
      now,
    );
    return;
  }
  if (!inDelivery) return;
  const decided = (data: Record<string, unknown>) => ({ ...data, decidedById: userId, decidedAt: now, updatedAt: now });

  switch (type) {
    case "REQUEST_CHANGE": {
      const count = await tx.changeRequest.count({ where: { initiativeId } });
      const added = new Set((payload.addedMilestoneIds as string[] | undefined) ?? []);
      const milestones = payload.milestones as { id: string; name: string; due: string }[] | undefined;
      const awaitingFc = changeStateOf(after) === "awaitingFinanceCommittee";
      await tx.changeRequest.create({
        data: {
          initiativeId,
          number: count + 1,
          status: awaitingFc ? "AWAITING_FC" : "REQUESTED",
          route: awaitingFc ? "FINANCE_COMMITTEE" : "LEAD_DIVISION",
          reason: payload.reason as string,
          plannedEnd: (payload.plannedEnd as string | undefined) ?? null,
          milestones: milestones
            ? JSON.stringify(milestones.map((m) => ({ id: m.id, name: m.name, due: m.due, added: added.has(m.id) })))
            : null,
          additionalFunding: (payload.additionalFunding as number | undefined) ?? 0,
          requestedById: userId,
          createdAt: now,
          updatedAt: now,
        },
      });
      return;
    }
    case "WITHDRAW_CHANGE":
    case "REJECT_CHANGE":
    case "RECORD_FC_REJECTION": {
      const open = await openChange(tx, initiativeId);
      await tx.changeRequest.update({
        where: { id: open.id },
        data: decided({
          status: type === "WITHDRAW_CHANGE" ? "WITHDRAWN" : "REJECTED",
          decisionReason: (payload.reason as string | undefined) ?? null,
          reasonCode: type === "REJECT_CHANGE" ? (payload.reasonCode as string) : null,
          paperRef: (payload.paperRef as string | undefined) ?? null,
          decisionDate: (payload.date as string | undefined) ?? null,
        }),
      });
      return;
    }
    case "APPROVE_CHANGE":
    case "RECORD_FC_APPROVAL": {
      const open = await openChange(tx, initiativeId);
      if (!(await tx.baseline.findFirst({ where: { initiativeId, number: 1 }, select: { id: true } }))) {
        const plannedEnd = (row.plannedEnd as string | null) ?? null;
        await writeBaseline(tx, initiativeId, 1, { plannedEnd, budget: before.context.fundedAmount ?? 0 }, now);
      }
      await applyPlan(tx, row, open, now);
      const number = after.context.baseline;
      await tx.changeRequest.update({
        where: { id: open.id },
        data: decided({
          status: "APPROVED",
          grantedFunding: funded - (before.context.fundedAmount ?? 0),
          decisionReason: (payload.comment as string | undefined) ?? null,
          paperRef: (payload.paperRef as string | undefined) ?? null,
          decisionDate: (payload.date as string | undefined) ?? null,
          baseline: number,
        }),
      });
      // Money granted is a funding decision like the first: every funded HK$ has one (dashboards, open data).
      const granted = funded - (before.context.fundedAmount ?? 0);
      if (granted > 0) {
        await tx.fundingDecision.create({
          data: {
            initiativeId,
            decision: type === "APPROVE_CHANGE" ? "APPROVED" : "FC_APPROVED",
            route: type === "APPROVE_CHANGE" ? "BLOCK_ALLOCATION" : "FINANCE_COMMITTEE",
            amount: granted,
            paperRef: (payload.paperRef as string | undefined) ?? null,
            decisionDate: (payload.date as string | undefined) ?? null,
            deciderId: userId,
            createdAt: now,
            updatedAt: now,
          },
        });
      }
      const plannedEnd = (open.plannedEnd ?? (row.plannedEnd as string | null)) || null;
      await writeBaseline(tx, initiativeId, number, { plannedEnd, budget: funded, changeRequestId: open.id }, now);
      return;
    }
    default:
      return;
  }
}

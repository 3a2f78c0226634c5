/**
 * Sending one lifecycle event, in one transaction: load → check the version → compute the next snapshot
 * with the pure machine → write the snapshot and plain columns only where the version is unchanged →
 * keep the stays in each stage → write the rows the event implies → append one audit entry. Nothing is
 * half-written; a stale version is a 409, a refusal a 403 or 422 (see lifecycle/refusals.ts).
 */
import { requireBusinessCase } from "~/attachments/attachments.server.ts";
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { resolveActing } from "~/delegations/acting-as.server.ts";
import { logDenied } from "~/auth/security-log.server.ts";
import { availableEvents } from "~/lifecycle/available-events.ts";
import { isEventType, parseEventPayload, type EventType } from "~/lifecycle/events.ts";
import type { InitiativeEvent, StoredProposal } from "~/lifecycle/initiative.machine.ts";
import { refusalOf } from "~/lifecycle/refusals.ts";
import { applyEvent, restoreSnapshot, stateLabel } from "~/lifecycle/snapshot.ts";
import { notifyTransition } from "~/notifications/transition-notices.server.ts";
import { getSettings, type Settings } from "~/settings/settings.server.ts";
import { db } from "~/utils/db.server.ts";
import { fieldErrorsOf } from "~/utils/field-errors.ts";
import { HttpError } from "~/utils/http.server.ts";
import { actorOf, type Caller } from "./access.server.ts";
import { eventColumns, writeEventRows } from "./event-rows.server.ts";
import { loadVisible, proposalOf, snapshotColumns } from "./initiative-row.server.ts";
import { proposalSubmissionSchema } from "./proposal.schema.ts";
import { rebidProposal } from "./rebid.ts";
import { prepareChangeRequest } from "./change-requests.server.ts";
import { changeStay, filterCopiesOf, sameCopies, syncFilterCopies } from "./stage-stays.server.ts";
import { bumpVersion, checkVersion, withRetry, type Tx, type WriteOptions } from "./versioning.server.ts";

/** The events whose write reads the initiative's milestones (the proposal submitted, or the plan changed). */
const READS_MILESTONES = new Set<EventType>(["SUBMIT", "RESUBMIT", "REBID", "REQUEST_CHANGE"]);

export type SendEventResult = { ref: string; stage: string; state: string; version: number; round: number };

/**
 * Sends one lifecycle event for the caller. Answers (as HttpError): 404 when the initiative is not
 * visible to the caller, 400 for a malformed payload, 403 when the caller's role may not send this event
 * now, 422 when the machine refuses it (wrong state, incomplete proposal, amount beyond the rules), 409
 * when the initiative changed since `expectedVersion` or during the transaction. `settings`: those in force,
 * when the caller has read them for its answer too.
 */
export async function sendEvent(
  user: Caller,
  ref: string,
  body: unknown,
  opts: WriteOptions<SendEventResult> & { settings?: Settings } = {},
): Promise<SendEventResult> {
  const parsed = parseEvent(body);
  const onBehalfOf = onBehalfOfIn(body);
  const { blockAllocationLimit } = opts.settings ?? (await getSettings());
  return withRetry(() =>
    db.$transaction((tx) =>
      sendEventInTransaction(tx, user, ref, parsed, { ...opts, blockAllocationLimit, onBehalfOf }),
    ),
  );
}

/** The delegator named by a body's `onBehalfOf` (their e-mail address), if any. */
function onBehalfOfIn(body: unknown): unknown {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>).onBehalfOf : undefined;
}

/** The server's own notes on an event that the audit need not repeat (a change's new milestone ids are in its list). */
function withoutBookkeeping(payload: Record<string, unknown>): Record<string, unknown> {
  const { addedMilestoneIds: _added, ...rest } = payload;
  return rest;
}

export type ParsedEvent = { type: EventType; payload: Record<string, unknown> };

/** The event type and payload of a request body; a 400 when either is malformed. */
export function parseEvent(body: unknown): ParsedEvent {
  const input = (typeof body === "object" && body !== null && !Array.isArray(body) ? body : {}) as Record<
    string,
    unknown
  >;
  const type = input.type;
  if (!isEventType(type)) {
    throw new HttpError(400, { key: "problems.unknownEvent" }, { type: ["errors.invalidChoice"] });
  }
  const parsed = parseEventPayload(type, input);
  if (!parsed.success) throw new HttpError(400, { key: "problems.eventHasErrors" }, fieldErrorsOf(parsed.error));
  return { type, payload: parsed.data as Record<string, unknown> };
}

export type InTransactionOptions = WriteOptions<SendEventResult> & {
  /** The block-allocation limit in force, read before the transaction. */
  blockAllocationLimit: number;
  /** Set only by a funding round's finalisation: the round's financial year (see machine-event.ts). */
  fundingRound?: string;
  /** The delegator the caller acts for (their e-mail address), checked against the delegations in force. */
  onBehalfOf?: unknown;
};

/**
 * Sends one parsed event inside the caller's transaction, so that a funding round's finalisation can send
 * one event per bid and commit all of them or none. Answers as {@link sendEvent}.
 */
export async function sendEventInTransaction(
  tx: Tx,
  caller: Caller,
  ref: string,
  { type, payload: parsedPayload }: ParsedEvent,
  opts: InTransactionOptions,
): Promise<SendEventResult> {
  const now = opts.now ?? new Date();
  const limit = opts.blockAllocationLimit;
  // An acting reviewer is resolved here, before the machine: the machine sees the delegator's role and
  // division, and stays unaware of delegations.
  const acting = await resolveActing(tx, caller, opts.onBehalfOf, now);
  const user = acting.caller;
  const actor = actorOf(user);
  const row = await loadVisible(tx, user, ref, { milestones: READS_MILESTONES.has(type) });
  checkVersion(row, opts.expectedVersion, ref);
  const before = restoreSnapshot(row.snapshot);
  // A change request's new milestones get their ids now, so that the machine and its rows agree on them.
  const payload =
    type === "REQUEST_CHANGE"
      ? prepareChangeRequest(parsedPayload, row.milestones, (id) =>
          before.context.milestones.some((m) => m.id === id && m.done),
        )
      : parsedPayload;

  const event = { ...payload, type, actor } as Record<string, unknown>;
  if (type === "SUBMIT" || type === "RESUBMIT" || type === "REBID") {
    const proposal = type === "REBID" ? rebidProposal(proposalOf(row), payload) : proposalOf(row);
    const complete = proposalSubmissionSchema.safeParse(proposal);
    const allowed = availableEvents(before, actor, { blockAllocationLimit: limit }).includes(type);
    if (!complete.success && allowed) {
      throw new HttpError(422, { key: "problems.proposalIncomplete" }, fieldErrorsOf(complete.error));
    }
    event.proposal = complete.success ? ({ ...complete.data } as StoredProposal) : proposal;
    if (complete.success && allowed) {
      await requireBusinessCase(tx, row.id, complete.data.nonRecurrentCost);
    }
  }
  if (type === "APPROVE_FUNDING" || type === "REFER_TO_FINANCE_COMMITTEE" || type === "REQUEST_CHANGE") {
    event.blockAllocationLimit = limit;
  }
  if (opts.fundingRound) event.fundingRound = opts.fundingRound;

  const result = applyEvent(before, event as unknown as InitiativeEvent);
  if (!result.ok) {
    const refusal = refusalOf({ snapshot: before, actor, type, payload, limit });
    if (refusal.status === 403) logDenied(user, `event ${type}`, "role may not send this event now", ref);
    throw new HttpError(refusal.status, refusal.message, refusal.status === 422 ? refusal.fields : undefined);
  }
  const after = result.snapshot;
  const columns = snapshotColumns(after);
  const changed = eventColumns(type, row, payload, after, now);
  const stageChanged = columns.stage !== row.stage || columns.substate !== row.substate;
  await bumpVersion(tx, row, {
    ...columns,
    ...changed,
    ...(stageChanged ? { stageEnteredAt: now } : {}),
    updatedAt: now,
  });
  // The dashboard's copies of the filter columns follow a submission; then the stay in the stage (a
  // change of substate, such as a pause in delivery, is not a change of stage).
  const copies = filterCopiesOf({ ...row, ...changed } as Parameters<typeof filterCopiesOf>[0]);
  const submitted = columns.round > 0;
  if (!sameCopies(copies, filterCopiesOf(row)) || submitted !== row.round > 0) {
    await syncFilterCopies(tx, row.id, copies, submitted, now, row.round > 0);
  }
  if (columns.stage !== row.stage) await changeStay(tx, row.id, columns.stage, now, copies, submitted);
  const recorded = await writeEventRows(tx, { row, user, type, payload, before, after, now, copies });
  // The outbox: who is told is written with the transition, so that a refusal or rollback tells no one.
  await notifyTransition(tx, { initiative: row, type, actorId: user.id, payload, before, after, now });
  await appendAuditEvent(tx, {
    initiativeId: row.id,
    actorId: user.id,
    actorRole: user.role,
    event: type,
    fromState: stateLabel(before),
    toState: stateLabel(after),
    payload: {
      ...withoutBookkeeping(payload),
      ...recorded,
      round: after.context.round,
      ...(user.divisionCode ? { division: user.divisionCode } : {}),
      ...(opts.fundingRound ? { fundingRound: opts.fundingRound } : {}),
      // The delegate is the actor; the entry names on whose behalf, and under which delegation.
      ...(acting.onBehalfOf ? { onBehalfOf: acting.onBehalfOf.id, delegationId: acting.onBehalfOf.delegationId } : {}),
    },
    createdAt: now,
  });
  const answer: SendEventResult = {
    ref,
    stage: columns.stage,
    state: stateLabel(after),
    version: row.version + 1,
    round: after.context.round,
  };
  await opts.inTransaction?.(tx, ref, answer);
  return answer;
}

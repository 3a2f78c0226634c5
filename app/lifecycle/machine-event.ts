/**
 * What the machine is sent: an event's client payload, parsed by the schema the API uses, plus what the
 * server adds (the actor, the stored proposal, the block-allocation limit). Parsed once here, at the
 * machine's door, so that the guards read typed values instead of re-checking raw ones. Pure.
 */
import type { Division, Role } from "./divisions.ts";
import { parseEventPayload, type EventPayload, type EventType, isEventType } from "./events.ts";
import { limitOrDefault } from "./funding-rules.ts";
import { proposalSubmissionSchema, type ProposalSubmission } from "../initiatives/proposal.schema.ts";

/** Who sends an event; the server fills it from the signed-in user, never from the request body. */
export type Actor = {
  id: string;
  role: Role;
  bureauCode?: string | null;
  division?: Division | null;
};

/** The proposal as stored: a complete submission whose milestones already have their database ids. */
export type StoredProposal = Omit<ProposalSubmission, "milestones"> & {
  milestones: (ProposalSubmission["milestones"][number] & { id: string })[];
};

/**
 * Set by the server only when leadership finalises a funding round: the round's financial year. Never taken
 * from a client's payload (the event schemas strip it), so no one can claim a round's authority.
 */
type RoundFinalisation = { fundingRound?: string };

type EventExtras = {
  SUBMIT: { proposal: StoredProposal };
  RESUBMIT: { proposal: StoredProposal };
  REBID: { proposal: StoredProposal };
  APPROVE_FUNDING: { blockAllocationLimit: number } & RoundFinalisation;
  REFER_TO_FINANCE_COMMITTEE: { blockAllocationLimit: number } & RoundFinalisation;
  DEFER: RoundFinalisation;
  /**
   * The limit decides the change's route; the server gives each new milestone its id before the machine
   * sees it, and names those ids, so that the machine can tell an added milestone from an unknown one.
   */
  REQUEST_CHANGE: { blockAllocationLimit: number; addedMilestoneIds: string[] };
};

/** Events a funding round's finalisation sends: each bid funded, referred or shelved through the machine. */
export const ROUND_EVENTS = ["APPROVE_FUNDING", "REFER_TO_FINANCE_COMMITTEE", "DEFER"] as const;

/** A machine event: the client payload plus what the server adds (actor, proposal, limit). */
export type InitiativeEventOf<T extends EventType> = { type: T; actor: Actor } & EventPayload<T> &
  (T extends keyof EventExtras ? EventExtras[T] : unknown);

export type InitiativeEvent = { [T in EventType]: InitiativeEventOf<T> }[EventType];

/** The proposal of a submission if it is complete and every milestone has a unique id, else null. */
export function storedProposal(value: unknown): StoredProposal | null {
  const result = proposalSubmissionSchema.safeParse(value);
  if (!result.success) return null;
  const ids = result.data.milestones.map((m) => m.id);
  // Progress is reported against milestone ids, so each must exist and be unique.
  if (ids.some((id) => !id) || new Set(ids).size !== ids.length) return null;
  return result.data as StoredProposal;
}

/**
 * The event as the machine may read it, or null when it is malformed (unknown type, no actor, a payload
 * its schema refuses, an incomplete proposal): a malformed event is refused like a forbidden one.
 */
export function toMachineEvent(raw: { type: unknown } & Record<string, unknown>): InitiativeEvent | null {
  const { type, actor } = raw;
  if (!isEventType(type) || typeof actor !== "object" || actor === null) return null;
  const payload = parseEventPayload(type, raw);
  if (!payload.success) return null;
  const event: Record<string, unknown> = { ...payload.data, type, actor };
  if (type === "SUBMIT" || type === "RESUBMIT" || type === "REBID") {
    const proposal = storedProposal(raw.proposal);
    if (!proposal) return null;
    event.proposal = proposal;
  }
  if (type === "APPROVE_FUNDING" || type === "REFER_TO_FINANCE_COMMITTEE") {
    event.blockAllocationLimit = limitOrDefault(raw.blockAllocationLimit);
  }
  if (type === "REQUEST_CHANGE") {
    event.blockAllocationLimit = limitOrDefault(raw.blockAllocationLimit);
    const added = raw.addedMilestoneIds ?? [];
    if (!Array.isArray(added) || !added.every((id) => typeof id === "string")) return null;
    event.addedMilestoneIds = added;
  }
  if ((ROUND_EVENTS as readonly string[]).includes(type) && typeof raw.fundingRound === "string") {
    if (!/^\d{4}-\d{2}$/.test(raw.fundingRound)) return null;
    event.fundingRound = raw.fundingRound;
  }
  return event as InitiativeEvent;
}

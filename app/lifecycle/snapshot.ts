/**
 * Pure helpers around {@link initiativeMachine}: start, apply an event, persist and restore a snapshot,
 * and read the facts that the database keeps as plain columns (stage, sign-offs, delivery substate).
 * No live actor is ever started: the server computes each next snapshot inside its transaction.
 */
import { initialTransition, transition, type SnapshotFrom } from "xstate";
import { z } from "zod";
import { DIVISIONS, REGION_OF, type Division } from "./divisions.ts";
import {
  FINAL_STAGES,
  initiativeMachine,
  MACHINE_VERSION,
  STAGES,
  type InitiativeContext,
  type InitiativeEvent,
  type InitiativeInput,
  type Stage,
} from "./initiative.machine.ts";
import { toMachineEvent } from "./machine-event.ts";

export type InitiativeSnapshot = SnapshotFrom<typeof initiativeMachine>;

/** A snapshot as stored in the initiative row: plain JSON, tagged with the machine version. */
export interface PersistedInitiativeSnapshot {
  machine: "initiative";
  machineVersion: number;
  value: unknown;
  context: InitiativeContext;
  status: "active" | "done";
}

export type ApplyResult = { ok: true; snapshot: InitiativeSnapshot } | { ok: false; reason: "not-allowed" };

/** The snapshot of a new draft owned by `input.bureauCode`. */
export function createInitialSnapshot(input: InitiativeInput): InitiativeSnapshot {
  const [snapshot] = initialTransition(initiativeMachine, input);
  return snapshot;
}

/**
 * Applies one event if the machine allows it now (actor, payload and context all checked by the
 * machine's guards). A refused event leaves nothing changed; the caller answers 403/409/422 as fits.
 */
export function applyEvent(snapshot: InitiativeSnapshot, event: InitiativeEvent): ApplyResult {
  // Callers may pass a raw body (strings from a form, an unchecked proposal): parse it once, here.
  const parsed = toMachineEvent(event as unknown as { type: unknown } & Record<string, unknown>);
  // A finished initiative accepts nothing; `can` alone does not look at the status.
  if (!parsed || snapshot.status !== "active" || !snapshot.can(parsed)) return { ok: false, reason: "not-allowed" };
  const [next] = transition(initiativeMachine, snapshot, parsed);
  return { ok: true, snapshot: next };
}

/** The JSON to store for a snapshot. */
export function persistSnapshot(snapshot: InitiativeSnapshot): PersistedInitiativeSnapshot {
  // A JSON round trip guarantees the stored value shares nothing with the live snapshot.
  return JSON.parse(
    JSON.stringify({
      machine: "initiative",
      machineVersion: MACHINE_VERSION,
      value: snapshot.value,
      context: snapshot.context,
      status: snapshot.status === "done" ? "done" : "active",
    }),
  ) as PersistedInitiativeSnapshot;
}

/** Thrown when a stored snapshot cannot be read by this version of the machine. */
export class SnapshotRestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SnapshotRestoreError";
  }
}

const division = z.enum(DIVISIONS);
const persistedSchema = z.object({
  machine: z.literal("initiative"),
  machineVersion: z.number(),
  value: z.union([z.string(), z.record(z.unknown())]),
  context: z.object({
    bureauCode: z.string(),
    leadDivision: division.nullable(),
    requiredDivisions: z.array(division),
    round: z.number().int().min(0),
    requestedAmount: z.number().int().min(0),
    conditions: z.array(
      z.object({
        id: z.string(),
        text: z.string(),
        due: z.string().optional(),
        division,
        round: z.number().int(),
        status: z.enum(["open", "met"]),
      }),
    ),
    milestones: z.array(z.object({ id: z.string(), done: z.boolean() })),
    benefitsReported: z.boolean(),
    fundedAmount: z.number().int().nullable(),
    referredAmount: z.number().int().nullable(),
    signedOff: z.array(division),
  }),
});

/**
 * Rebuilds a snapshot from its stored JSON (an object or the JSON string). Throws
 * {@link SnapshotRestoreError} for another machine version or a malformed snapshot, rather than
 * letting a corrupt row silently allow or refuse events.
 */
export function restoreSnapshot(persisted: unknown): InitiativeSnapshot {
  const raw = typeof persisted === "string" ? safeJson(persisted) : persisted;
  const parsed = persistedSchema.safeParse(raw);
  if (!parsed.success) throw new SnapshotRestoreError("The stored lifecycle snapshot is malformed.");
  if (parsed.data.machineVersion !== MACHINE_VERSION) {
    throw new SnapshotRestoreError(
      `The stored lifecycle snapshot is of machine version ${parsed.data.machineVersion}; this build reads version ${MACHINE_VERSION}.`,
    );
  }
  try {
    return initiativeMachine.resolveState({
      value: parsed.data.value as InitiativeSnapshot["value"],
      context: parsed.data.context,
    });
  } catch {
    throw new SnapshotRestoreError("The stored lifecycle snapshot names a state this machine does not have.");
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The top-level state: the `stage` column. */
export function stageOf(snapshot: Pick<InitiativeSnapshot, "value">): Stage {
  const value = snapshot.value as unknown;
  const key = typeof value === "string" ? value : Object.keys(value as object)[0];
  if (!(STAGES as readonly string[]).includes(key)) throw new SnapshotRestoreError(`Unknown stage "${key}".`);
  return key as Stage;
}

/** True once the initiative has reached `rejected`, `withdrawn` or `closed`. */
export function isFinalStage(stage: Stage): boolean {
  return (FINAL_STAGES as readonly string[]).includes(stage);
}

export type SignoffStatus = "pending" | "approved" | "notRequired";

/**
 * Each division's sign-off in the current round. During efficiency review this reads the regions;
 * elsewhere it reads what the round recorded: a required division is `approved` if it signed off in
 * the round (so every required one from `fundingReview` on), else `pending`. A draft has no required
 * divisions yet — they are decided at submission — so every division reads `notRequired` there.
 */
export function signoffsOf(snapshot: InitiativeSnapshot): Record<Division, SignoffStatus> {
  const value = snapshot.value as unknown;
  const regions =
    typeof value === "object" && value !== null && "efficiencyReview" in value
      ? ((value as { efficiencyReview: Record<string, string> }).efficiencyReview ?? null)
      : null;
  const { requiredDivisions, signedOff } = snapshot.context;
  const result = {} as Record<Division, SignoffStatus>;
  for (const d of DIVISIONS) {
    const region = regions?.[REGION_OF[d]];
    if (region === "pending" || region === "approved" || region === "notRequired") {
      result[d] = region;
    } else if (!requiredDivisions.includes(d)) {
      result[d] = "notRequired";
    } else {
      result[d] = signedOff.includes(d) ? "approved" : "pending";
    }
  }
  return result;
}

/** `inProgress` or `onHold` while in delivery (the `substate` column), otherwise null. */
export function deliverySubstate(snapshot: Pick<InitiativeSnapshot, "value">): "inProgress" | "onHold" | null {
  const value = snapshot.value as unknown;
  if (typeof value !== "object" || value === null || !("delivery" in value)) return null;
  const sub = (value as { delivery: unknown }).delivery;
  return sub === "inProgress" || sub === "onHold" ? sub : null;
}

/** The stage, with the delivery substate when there is one (`delivery.onHold`): the audit log's state. */
export function stateLabel(snapshot: Pick<InitiativeSnapshot, "value">): string {
  const sub = deliverySubstate(snapshot);
  return sub ? `${stageOf(snapshot)}.${sub}` : stageOf(snapshot);
}

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
    // Absent from snapshots of machine version 1 (before change requests): see upgradeV1.
    baseline: z.number().int().min(0).optional(),
    change: z
      .object({ additionalFunding: z.number().int().min(0), milestoneIds: z.array(z.string()).nullable() })
      .nullable()
      .optional(),
  }),
});

type Persisted = z.output<typeof persistedSchema>;

/**
 * Version 1 had no change requests: delivery was one compound state (`{ delivery: "onHold" }`) and the
 * context had no baseline. Its snapshots read as version 2 with the work region as it was, no change
 * open, and baseline 1 once funded — the plan has not changed since, as nothing could change it.
 */
function upgradeV1(p: Persisted): Persisted {
  const value = p.value as unknown;
  const delivery =
    typeof value === "object" && value !== null && "delivery" in value
      ? (value as { delivery: unknown }).delivery
      : null;
  return {
    ...p,
    machineVersion: MACHINE_VERSION,
    value: typeof delivery === "string" ? { delivery: { work: delivery, change: "none" } } : p.value,
    context: { ...p.context, baseline: p.context.fundedAmount !== null ? 1 : 0, change: null },
  };
}

/**
 * Rebuilds a snapshot from its stored JSON (an object or the JSON string). Throws
 * {@link SnapshotRestoreError} for another machine version or a malformed snapshot, rather than
 * letting a corrupt row silently allow or refuse events.
 */
export function restoreSnapshot(persisted: unknown): InitiativeSnapshot {
  const raw = typeof persisted === "string" ? safeJson(persisted) : persisted;
  const parsed = persistedSchema.safeParse(raw);
  if (!parsed.success) throw new SnapshotRestoreError("The stored lifecycle snapshot is malformed.");
  const version = parsed.data.machineVersion;
  if (version !== MACHINE_VERSION && version !== 1) {
    throw new SnapshotRestoreError(
      `The stored lifecycle snapshot is of machine version ${version}; this build reads version ${MACHINE_VERSION}.`,
    );
  }
  const data = version === 1 ? upgradeV1(parsed.data) : parsed.data;
  try {
    return initiativeMachine.resolveState({
      value: data.value as InitiativeSnapshot["value"],
      context: { ...data.context, baseline: data.context.baseline ?? 0, change: data.context.change ?? null },
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

type DeliveryValue = { work?: unknown; change?: unknown };

function deliveryValue(snapshot: Pick<InitiativeSnapshot, "value">): DeliveryValue | null {
  const value = snapshot.value as unknown;
  if (typeof value !== "object" || value === null || !("delivery" in value)) return null;
  const delivery = (value as { delivery: unknown }).delivery;
  return typeof delivery === "object" && delivery !== null ? (delivery as DeliveryValue) : null;
}

/** `inProgress` or `onHold` while in delivery (the work region; the `substate` column), otherwise null. */
export function deliverySubstate(snapshot: Pick<InitiativeSnapshot, "value">): "inProgress" | "onHold" | null {
  const work = deliveryValue(snapshot)?.work;
  return work === "inProgress" || work === "onHold" ? work : null;
}

export type ChangeState = "requested" | "awaitingFinanceCommittee";

/** Where the open change request stands while in delivery (the change region), or null when none is open. */
export function changeStateOf(snapshot: Pick<InitiativeSnapshot, "value">): ChangeState | null {
  const change = deliveryValue(snapshot)?.change;
  return change === "requested" || change === "awaitingFinanceCommittee" ? change : null;
}

/**
 * The stage, with the delivery substate when there is one (`delivery.onHold`), and an open change request
 * after a `+` (`delivery.inProgress+change.requested`): the audit log's state.
 */
export function stateLabel(snapshot: Pick<InitiativeSnapshot, "value">): string {
  const sub = deliverySubstate(snapshot);
  const change = changeStateOf(snapshot);
  const base = sub ? `${stageOf(snapshot)}.${sub}` : stageOf(snapshot);
  return change ? `${base}+change.${change}` : base;
}

/**
 * The initiative use-cases: create and edit a draft, send a lifecycle event, comment. Each write runs in
 * one transaction: load → authorise → compute the next snapshot with the pure machine → write the
 * snapshot and plain columns only where the version is unchanged → write the rows the event implies
 * (including the stay in each stage and the sign-offs' review times, for the dashboard) → append one
 * audit entry. Nothing is half-written; a stale version is a 409.
 */
import { requireBusinessCase } from "~/attachments/attachments.server.ts";
import type { z } from "zod";
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { availableEvents } from "~/lifecycle/available-events.ts";
import { DIVISIONS, type Division } from "~/lifecycle/divisions.ts";
import { isEventType, parseEventPayload, type EventType } from "~/lifecycle/events.ts";
import {
  initiativeMachine,
  type Actor,
  type InitiativeEvent,
  type StoredProposal,
} from "~/lifecycle/initiative.machine.ts";
import {
  applyEvent,
  createInitialSnapshot,
  deliverySubstate,
  persistSnapshot,
  restoreSnapshot,
  signoffsOf,
  stageOf,
  type InitiativeSnapshot,
} from "~/lifecycle/snapshot.ts";
import { getSettings } from "~/settings/settings.server.ts";
import { db } from "~/utils/db.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { HttpError } from "~/utils/http.server.ts";
import { financialYearOf, hongKongYear } from "~/utils/financial-year.ts";
import { logDenied } from "~/auth/security-log.server.ts";
import { actorOf, canSee, type Caller } from "./access.server.ts";
import { withDefaultLeadDivision } from "./proposal-form.ts";
import { proposalDraftSchema, proposalSubmissionSchema, type ProposalDraft } from "./proposal.schema.ts";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Proposal fields stored as columns of the same name. */
export const PROPOSAL_FIELDS = [
  "titleEn",
  "titleZh",
  "category",
  "leadDivision",
  "summary",
  "handlesPersonalData",
  "sharesDataAcrossBureaux",
  "needsNewInfrastructure",
  "citizenFacing",
  "nonRecurrentCost",
  "recurrentCost",
  "expectedAnnualSavings",
  "expectedStaffHoursSaved",
  "plannedStart",
  "plannedEnd",
] as const;
export type ProposalField = (typeof PROPOSAL_FIELDS)[number];

/** Selects every proposal column. */
export const PROPOSAL_SELECT = {
  titleEn: true,
  titleZh: true,
  category: true,
  leadDivision: true,
  summary: true,
  handlesPersonalData: true,
  sharesDataAcrossBureaux: true,
  needsNewInfrastructure: true,
  citizenFacing: true,
  nonRecurrentCost: true,
  recurrentCost: true,
  expectedAnnualSavings: true,
  expectedStaffHoursSaved: true,
  plannedStart: true,
  plannedEnd: true,
} as const satisfies Record<ProposalField, true>;

const BOOLEAN_FIELDS = new Set<ProposalField>([
  "handlesPersonalData",
  "sharesDataAcrossBureaux",
  "needsNewInfrastructure",
  "citizenFacing",
]);

const WRITE_SELECT = {
  id: true,
  ref: true,
  bureauCode: true,
  round: true,
  version: true,
  stage: true,
  substate: true,
  snapshot: true,
  submittedAt: true,
  financialYear: true,
  requiredDivisions: true,
  stageEnteredAt: true,
  ...PROPOSAL_SELECT,
  milestones: { orderBy: { position: "asc" }, select: { id: true, name: true, due: true } },
} satisfies Prisma.InitiativeSelect;

type LoadedInitiative = {
  id: string;
  ref: string;
  bureauCode: string;
  round: number;
  version: number;
  stage: string;
  substate: string | null;
  snapshot: string;
  submittedAt: Date | null;
  financialYear: string;
  requiredDivisions: string;
  stageEnteredAt: Date;
  milestones: { id: string; name: string; due: string }[];
} & Record<ProposalField, unknown>;

/** Field errors keyed by dotted path, messages as i18n keys. */
export function zodFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

async function loadVisible(tx: Tx | typeof db, user: Caller, ref: string): Promise<LoadedInitiative> {
  const row = (await tx.initiative.findUnique({ where: { ref }, select: WRITE_SELECT })) as LoadedInitiative | null;
  // Invisible and absent look the same: nobody learns that another B/D's reference exists.
  if (!row || !canSee(user, row)) {
    if (row) logDenied(user, "write initiative", "not visible to the caller", ref);
    throw new HttpError(404, `Initiative ${ref} was not found.`);
  }
  return row;
}

/** The stored proposal as the machine and the strict schema read it. */
function proposalOf(row: LoadedInitiative): Record<string, unknown> {
  const proposal: Record<string, unknown> = {};
  for (const f of PROPOSAL_FIELDS) proposal[f] = row[f] ?? undefined;
  proposal.milestones = row.milestones.map((m) => ({ id: m.id, name: m.name, due: m.due }));
  return proposal;
}

function stateLabel(snapshot: InitiativeSnapshot): string {
  const stage = stageOf(snapshot);
  const sub = deliverySubstate(snapshot);
  return sub ? `${stage}.${sub}` : stage;
}

function pendingSignoffsColumn(snapshot: InitiativeSnapshot): string {
  if (stageOf(snapshot) !== "efficiencyReview") return "";
  const signoffs = signoffsOf(snapshot);
  const pending = DIVISIONS.filter((d) => signoffs[d] === "pending");
  return pending.length ? `,${pending.join(",")},` : "";
}

/** Columns derived from a snapshot, kept beside it for querying. */
function snapshotColumns(snapshot: InitiativeSnapshot) {
  const persisted = persistSnapshot(snapshot);
  return {
    snapshot: JSON.stringify(persisted),
    machineVersion: persisted.machineVersion,
    stage: stageOf(snapshot),
    substate: deliverySubstate(snapshot),
    round: snapshot.context.round,
    pendingSignoffs: pendingSignoffsColumn(snapshot),
  };
}

function assertOfficer(user: Caller): asserts user is Caller & { bureauCode: string } {
  if (user.role !== "OFFICER" || !user.bureauCode) {
    logDenied(user, "create or edit a proposal", "not a department officer");
    throw new HttpError(403, "Only department officers create and edit proposals.");
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** Retries a transaction that lost a race on a unique key (a reference number, the audit chain's link). */
async function withRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || !isUniqueViolation(error)) throw error;
    }
  }
}

/** Column values for the proposal fields present in a parsed draft. */
function proposalColumns(draft: ProposalDraft) {
  const data: Record<string, unknown> = {};
  for (const f of PROPOSAL_FIELDS) {
    const value = draft[f];
    data[f] = value === undefined ? (BOOLEAN_FIELDS.has(f) ? false : null) : value;
  }
  return data;
}

/** Replaces an initiative's milestones with the given list, keeping the ids of rows that stay. */
async function replaceMilestones(
  tx: Tx,
  initiativeId: string,
  existing: { id: string }[],
  milestones: { id?: string; name: string; due: string }[],
  now: Date,
) {
  const keep = new Set(existing.map((m) => m.id));
  const kept = new Set<string>();
  for (const [position, m] of milestones.entries()) {
    if (m.id && keep.has(m.id) && !kept.has(m.id)) {
      kept.add(m.id);
      await tx.milestone.update({ where: { id: m.id }, data: { name: m.name, due: m.due, position, updatedAt: now } });
    } else {
      await tx.milestone.create({
        data: { initiativeId, name: m.name, due: m.due, position, createdAt: now, updatedAt: now },
      });
    }
  }
  const removed = existing.filter((m) => !kept.has(m.id)).map((m) => m.id);
  if (removed.length) await tx.milestone.deleteMany({ where: { id: { in: removed } } });
}

const DAY_MS = 86_400_000;

/**
 * The initiative's columns that the dashboard filters on, copied onto its stays and sign-offs (StageStay,
 * Signoff) so that the dashboard's percentiles read one index. The copies always hold the initiative's
 * current values: these columns change only at submission (financial year, required divisions, lead
 * division) and while a draft or a returned proposal is edited (category, lead division), and each of those
 * writes calls {@link syncFilterCopies}. `submitted` is the initiative's round > 0 (stays only).
 */
type FilterCopies = {
  financialYear: string;
  bureauCode: string;
  leadDivision: string | null;
  category: string | null;
  requiredDivisions: string;
};

function filterCopiesOf(row: {
  financialYear: string;
  bureauCode: string;
  leadDivision?: unknown;
  category?: unknown;
  requiredDivisions: string;
}): FilterCopies {
  return {
    financialYear: row.financialYear,
    bureauCode: row.bureauCode,
    leadDivision: (row.leadDivision as string | null | undefined) ?? null,
    category: (row.category as string | null | undefined) ?? null,
    requiredDivisions: row.requiredDivisions,
  };
}

const sameCopies = (a: FilterCopies, b: FilterCopies) =>
  a.financialYear === b.financialYear &&
  a.bureauCode === b.bureauCode &&
  a.leadDivision === b.leadDivision &&
  a.category === b.category &&
  a.requiredDivisions === b.requiredDivisions;

/**
 * Rewrites the copies on every stay and sign-off of the initiative (a handful of rows). Before the first
 * submission (`hadSignoffs` false) there is no sign-off to rewrite.
 */
async function syncFilterCopies(
  tx: Tx,
  initiativeId: string,
  copies: FilterCopies,
  submitted: boolean,
  now: Date,
  hadSignoffs = true,
) {
  await tx.stageStay.updateMany({ where: { initiativeId }, data: { ...copies, submitted, updatedAt: now } });
  if (hadSignoffs) await tx.signoff.updateMany({ where: { initiativeId }, data: { ...copies, updatedAt: now } });
}

/** Days (fractional, to the millisecond) from one instant to another. */
function daysFrom(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** Opens a stay of the initiative in `stage` from now. A stay in a final stage is never closed. */
async function openStay(
  tx: Tx,
  initiativeId: string,
  stage: string,
  now: Date,
  copies: FilterCopies,
  submitted: boolean,
) {
  await tx.stageStay.create({
    data: { initiativeId, stage, enteredAt: now, submitted, ...copies, createdAt: now, updatedAt: now },
  });
}

/**
 * The initiative leaves its stage for `stage` now: closes its open stay (leftAt, days) and opens the next.
 * Without an open stay (none is expected: every initiative gets one at creation, or from the migration's
 * backfill), only the new one is opened.
 */
async function changeStay(
  tx: Tx,
  initiativeId: string,
  stage: string,
  now: Date,
  copies: FilterCopies,
  submitted: boolean,
) {
  const open = await tx.stageStay.findFirst({
    where: { initiativeId, leftAt: null },
    select: { id: true, enteredAt: true },
  });
  if (open) {
    await tx.stageStay.update({
      where: { id: open.id },
      data: { leftAt: now, days: daysFrom(open.enteredAt, now), updatedAt: now },
    });
  }
  await openStay(tx, initiativeId, stage, now, copies, submitted);
}

export type WriteOptions = {
  /** The version the caller read; a different current version is a conflict (409). */
  expectedVersion?: number;
  /** The time to record. Only the seed passes it (to spread the demo portfolio over past years). */
  now?: Date;
};

/** Creates a draft for the officer's own B/D. A draft saves with partial data but needs a title. */
export async function createDraft(user: Caller, input: unknown, opts: WriteOptions = {}) {
  assertOfficer(user);
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new HttpError(400, "The proposal must be an object of fields.");
  }
  const parsed = proposalDraftSchema.safeParse(withDefaultLeadDivision(input as Record<string, unknown>));
  if (!parsed.success) throw new HttpError(400, "The proposal has errors.", zodFieldErrors(parsed.error));
  const now = opts.now ?? new Date();
  const year = hongKongYear(now);
  const snapshot = createInitialSnapshot({ bureauCode: user.bureauCode });
  return withRetry(() =>
    db.$transaction(async (tx) => {
      const last = await tx.initiative.findFirst({
        where: { refYear: year },
        orderBy: { refSeq: "desc" },
        select: { refSeq: true },
      });
      const refSeq = (last?.refSeq ?? 0) + 1;
      const ref = `DPO-${year}-${String(refSeq).padStart(4, "0")}`;
      const created = await tx.initiative.create({
        data: {
          ref,
          refYear: year,
          refSeq,
          bureauCode: user.bureauCode,
          createdById: user.id,
          ...proposalColumns(parsed.data),
          ...snapshotColumns(snapshot),
          version: 1,
          financialYear: financialYearOf(now),
          stageEnteredAt: now,
          createdAt: now,
          updatedAt: now,
        },
        select: { id: true, ref: true, version: true },
      });
      if (parsed.data.milestones?.length) {
        await replaceMilestones(tx, created.id, [], parsed.data.milestones, now);
      }
      const copies = filterCopiesOf({
        ...proposalColumns(parsed.data),
        bureauCode: user.bureauCode,
        financialYear: financialYearOf(now),
        requiredDivisions: "",
      });
      await openStay(tx, created.id, "draft", now, copies, false);
      await appendAuditEvent(tx, {
        initiativeId: created.id,
        actorId: user.id,
        actorRole: user.role,
        event: "CREATE",
        fromState: null,
        toState: "draft",
        payload: { ref },
        createdAt: now,
      });
      return { ref: created.ref, version: created.version, stage: "draft" as const };
    }),
  );
}

function checkVersion(row: { version: number }, expectedVersion: number | undefined, ref: string) {
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new HttpError(
      409,
      `Initiative ${ref} was changed by someone else (version ${row.version}, you had ${expectedVersion}). Reload it and try again.`,
    );
  }
}

/** Writes the new version only where the read version is still current; otherwise nothing is written. */
async function bumpVersion(tx: Tx, row: { id: string; version: number; ref: string }, data: Record<string, unknown>) {
  const { count } = await tx.initiative.updateMany({
    where: { id: row.id, version: row.version },
    data: { ...data, version: row.version + 1 },
  });
  if (count !== 1) {
    throw new HttpError(409, `Initiative ${row.ref} was changed by someone else. Reload it and try again.`);
  }
}

/**
 * Edits the proposal of a draft or of a proposal returned for changes (the owning B/D's officers only).
 * Fields absent from the input keep their values; the merged proposal must still parse as a draft.
 */
export async function updateDraft(user: Caller, ref: string, input: unknown, opts: WriteOptions = {}) {
  assertOfficer(user);
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new HttpError(400, "The proposal must be an object of fields.");
  }
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const row = await loadVisible(tx, user, ref);
    if (row.stage !== "draft" && row.stage !== "returned") {
      throw new HttpError(
        422,
        `The proposal can be edited only while it is a draft or returned for changes; it is in ${row.stage}.`,
      );
    }
    checkVersion(row, opts.expectedVersion, ref);
    const merged = withDefaultLeadDivision({ ...proposalOf(row), ...(input as Record<string, unknown>) });
    const parsed = proposalDraftSchema.safeParse(merged);
    if (!parsed.success) throw new HttpError(400, "The proposal has errors.", zodFieldErrors(parsed.error));
    const columns = proposalColumns(parsed.data);
    await bumpVersion(tx, row, { ...columns, updatedAt: now });
    await replaceMilestones(tx, row.id, row.milestones, parsed.data.milestones ?? [], now);
    // A new category or lead division: the stays and sign-offs follow, for the dashboard's filters.
    const copies = filterCopiesOf({ ...row, ...columns });
    if (!sameCopies(copies, filterCopiesOf(row)))
      await syncFilterCopies(tx, row.id, copies, row.round > 0, now, row.round > 0);
    const changed = Object.keys(input as object).filter(
      (k) => (PROPOSAL_FIELDS as readonly string[]).includes(k) || k === "milestones",
    );
    await appendAuditEvent(tx, {
      initiativeId: row.id,
      actorId: user.id,
      actorRole: user.role,
      event: "EDIT",
      fromState: row.stage,
      toState: row.stage,
      payload: { fields: changed },
      createdAt: now,
    });
    return { ref, version: row.version + 1, stage: row.stage };
  });
}

/**
 * The snapshot with the facts an event needs made true (an open condition to meet, a milestone left to
 * report, everything done for completion, benefits reported for closing), state unchanged: used only
 * to ask who may send the event in principle.
 */
function withFactsAllowing(snapshot: InitiativeSnapshot, type: EventType): InitiativeSnapshot {
  const c = snapshot.context;
  let context: typeof c;
  switch (type) {
    case "MEET_CONDITION":
      context = {
        ...c,
        conditions: [
          ...c.conditions,
          {
            id: "probe",
            text: "probe",
            division: c.leadDivision ?? "DIGITAL_GOVERNMENT",
            round: c.round,
            status: "open",
          },
        ],
      };
      break;
    case "REPORT_PROGRESS":
      context = { ...c, milestones: [...c.milestones, { id: "probe", done: false }] };
      break;
    case "COMPLETE":
      context = {
        ...c,
        milestones: c.milestones.map((m) => ({ ...m, done: true })),
        conditions: c.conditions.map((x) => ({ ...x, status: "met" as const })),
      };
      break;
    case "CLOSE":
      context = { ...c, benefitsReported: true };
      break;
    default:
      return snapshot;
  }
  return initiativeMachine.resolveState({ value: snapshot.value, context });
}

/** Someone who could send some event to this snapshot now: used to tell "not your role" from "not now". */
function potentialActors(snapshot: InitiativeSnapshot): Actor[] {
  const { bureauCode } = snapshot.context;
  return [
    { id: "probe-officer", role: "OFFICER", bureauCode },
    ...DIVISIONS.map((division): Actor => ({ id: `probe-${division}`, role: "REVIEWER", division })),
    { id: "probe-leadership", role: "LEADERSHIP" },
  ];
}

/**
 * A precise reason for an event the caller may send in principle but not with these facts. The
 * fact-specific reasons apply only where the event belongs (the state has it at all); elsewhere the
 * answer is simply that the event is not possible in this state.
 */
function refusalReason(
  type: EventType,
  snapshot: InitiativeSnapshot,
  payload: Record<string, unknown>,
  limit: number,
): string {
  const { context } = snapshot;
  const notNow = `${type} is not possible while the initiative is in ${stateLabel(snapshot)}.`;
  if (!stateHandles(snapshot, type)) return notNow;
  const amount = typeof payload.amount === "number" ? payload.amount : null;
  switch (type) {
    case "APPROVE_FUNDING":
      // The request decides the route: above the limit nothing may be approved from the block
      // allocation, not even a trimmed amount, because the Finance Committee must decide.
      if (context.requestedAmount > limit)
        return `The HK$${context.requestedAmount.toLocaleString("en")} requested is above the block-allocation limit of HK$${limit.toLocaleString("en")}, so the Finance Committee must decide: refer it. Approving a smaller amount to stay within the limit is not allowed.`;
      if (amount !== null && amount > context.requestedAmount)
        return `The amount exceeds the HK$${context.requestedAmount.toLocaleString("en")} requested.`;
      if (amount !== null && amount > limit)
        return `HK$${amount.toLocaleString("en")} is above the block-allocation limit of HK$${limit.toLocaleString("en")}: refer it to the Finance Committee.`;
      break;
    case "REFER_TO_FINANCE_COMMITTEE":
      if (context.requestedAmount <= limit)
        return `The HK$${context.requestedAmount.toLocaleString("en")} requested is within the block-allocation limit of HK$${limit.toLocaleString("en")}: the lead division approves it from the block allocation, without the Finance Committee.`;
      if (amount !== null && amount > context.requestedAmount)
        return `The amount exceeds the HK$${context.requestedAmount.toLocaleString("en")} requested.`;
      if (amount !== null && amount <= limit)
        return `HK$${amount.toLocaleString("en")} is within the block-allocation limit of HK$${limit.toLocaleString("en")}: refer the amount requested, which is above it.`;
      break;
    case "RECORD_FC_APPROVAL":
      return "The amount exceeds what was referred to the Finance Committee.";
    case "REPORT_PROGRESS":
      return "That milestone does not exist or is already done.";
    case "MEET_CONDITION":
      return "That condition does not exist or is already met.";
    case "COMPLETE":
      if (context.milestones.some((m) => !m.done)) return "Every milestone must be done before completion.";
      if (context.conditions.some((c) => c.status === "open")) return "Every condition must be met before completion.";
      if (deliverySubstate(snapshot) === "onHold") return "Resume delivery before completing it.";
      break;
    case "CLOSE":
      if (!context.benefitsReported) return "Realised benefits must be reported before closing.";
      break;
  }
  return notNow;
}

/**
 * The field behind a funding refusal, as an i18n key on `amount`, so that the decision form can show it
 * beside the amount (in the page's language) rather than as a message about the whole form.
 */
function refusalFields(
  type: EventType,
  snapshot: InitiativeSnapshot,
  payload: Record<string, unknown>,
  limit: number,
): Record<string, string[]> | undefined {
  if ((type !== "APPROVE_FUNDING" && type !== "REFER_TO_FINANCE_COMMITTEE") || !stateHandles(snapshot, type))
    return undefined;
  const requested = snapshot.context.requestedAmount;
  const amount = typeof payload.amount === "number" ? payload.amount : null;
  if (type === "APPROVE_FUNDING" && requested > limit) return { amount: ["funding.errors.requestAboveLimit"] };
  if (type === "REFER_TO_FINANCE_COMMITTEE" && requested <= limit)
    return { amount: ["funding.errors.requestWithinLimit"] };
  if (amount !== null && amount > requested) return { amount: ["funding.errors.aboveRequested"] };
  if (type === "REFER_TO_FINANCE_COMMITTEE" && amount !== null && amount <= limit)
    return { amount: ["funding.errors.referAboveLimit"] };
  return undefined;
}

/** Whether any active state node of the snapshot has a transition for this event type. */
function stateHandles(snapshot: InitiativeSnapshot, type: EventType): boolean {
  return snapshot._nodes.some((node) => node.ownEvents.includes(type));
}

/** The domain rows an accepted event implies, written in the same transaction as the snapshot. */
async function writeEventRows(
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
function eventColumns(
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
  if (type === "APPROVE_FUNDING" || type === "RECORD_FC_APPROVAL") data.fundedAmount = after.context.fundedAmount;
  if (type === "REPORT_BENEFITS") {
    data.realisedAnnualSavings = payload.realisedAnnualSavings;
    data.realisedStaffHoursSaved = payload.realisedStaffHoursSaved;
  }
  return data;
}

export type SendEventResult = { ref: string; stage: string; state: string; version: number; round: number };

/**
 * Sends one lifecycle event for the caller. Answers (as HttpError): 404 when the initiative is not
 * visible to the caller, 400 for a malformed payload, 403 when the caller's role may not send this event
 * now, 422 when the machine refuses it (wrong state, incomplete proposal, amount beyond the rules), 409
 * when the initiative changed since `expectedVersion` or during the transaction.
 */
export async function sendEvent(
  user: Caller,
  ref: string,
  body: unknown,
  opts: WriteOptions = {},
): Promise<SendEventResult> {
  const input = (typeof body === "object" && body !== null && !Array.isArray(body) ? body : {}) as Record<
    string,
    unknown
  >;
  const type = input.type;
  if (!isEventType(type)) {
    throw new HttpError(400, "Unknown event type.", { type: ["errors.invalidChoice"] });
  }
  const parsed = parseEventPayload(type, input);
  if (!parsed.success) throw new HttpError(400, "The event has errors.", zodFieldErrors(parsed.error));
  const payload = parsed.data as Record<string, unknown>;
  const now = opts.now ?? new Date();
  const settings = await getSettings();
  const limit = settings.blockAllocationLimit;
  const actor = actorOf(user);

  return withRetry(() =>
    db.$transaction(async (tx) => {
      const row = await loadVisible(tx, user, ref);
      checkVersion(row, opts.expectedVersion, ref);
      const before = restoreSnapshot(row.snapshot);

      const event = { ...payload, type, actor } as Record<string, unknown>;
      if (type === "SUBMIT" || type === "RESUBMIT") {
        const proposal = proposalOf(row);
        const complete = proposalSubmissionSchema.safeParse(proposal);
        if (!complete.success && availableEvents(before, actor, { blockAllocationLimit: limit }).includes(type)) {
          throw new HttpError(422, "The proposal is not complete.", zodFieldErrors(complete.error));
        }
        event.proposal = complete.success ? ({ ...complete.data } as StoredProposal) : proposal;
        if (complete.success && availableEvents(before, actor, { blockAllocationLimit: limit }).includes(type)) {
          await requireBusinessCase(tx, row.id, complete.data.nonRecurrentCost);
        }
      }
      if (type === "APPROVE_FUNDING" || type === "REFER_TO_FINANCE_COMMITTEE") event.blockAllocationLimit = limit;

      const result = applyEvent(before, event as unknown as InitiativeEvent);
      if (!result.ok) {
        const refused = () =>
          new HttpError(422, refusalReason(type, before, payload, limit), refusalFields(type, before, payload, limit));
        // Whether `a` could send this event here at all. A funding route closed by the limit (approve
        // above it, refer within it) is a fact of the request, not of the role, so it is asked of the
        // machine with a limit that would open it: the lead hears why (422), anyone else is not theirs (403).
        const requested = before.context.requestedAmount;
        const openingLimit =
          type === "APPROVE_FUNDING" ? requested : type === "REFER_TO_FINANCE_COMMITTEE" ? requested - 1 : null;
        // Facts that stop everyone now (no open condition, milestones left, benefits not reported) are
        // set aside the same way, so that a role that may never send the event hears 403, not 422.
        const factsAside = withFactsAllowing(before, type);
        const could = (a: Actor) =>
          availableEvents(factsAside, a, { blockAllocationLimit: limit }).includes(type) ||
          (openingLimit !== null &&
            openingLimit > 0 &&
            availableEvents(before, a, { blockAllocationLimit: openingLimit }).includes(type));
        if (could(actor)) throw refused();
        const someoneCould = potentialActors(before).some(could);
        if (someoneCould) {
          logDenied(user, `event ${type}`, "role may not send this event now", ref);
          throw new HttpError(403, `Your role may not send ${type} to this initiative now.`);
        }
        throw refused();
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
      await writeEventRows(tx, { row, user, type, payload, before, after, now, copies });
      await appendAuditEvent(tx, {
        initiativeId: row.id,
        actorId: user.id,
        actorRole: user.role,
        event: type,
        fromState: stateLabel(before),
        toState: stateLabel(after),
        payload: {
          ...payload,
          round: after.context.round,
          ...(user.divisionCode ? { division: user.divisionCode } : {}),
        },
        createdAt: now,
      });
      return {
        ref,
        stage: columns.stage,
        state: stateLabel(after),
        version: row.version + 1,
        round: after.context.round,
      };
    }),
  );
}

/** Adds a comment to an initiative the caller can see. Administrators, who see none, cannot comment. */
export async function addComment(user: Caller, ref: string, input: unknown, opts: WriteOptions = {}) {
  const body = typeof input === "object" && input !== null ? (input as { body?: unknown }).body : undefined;
  const text = typeof body === "string" ? body.trim() : "";
  if (!text) throw new HttpError(400, "The comment is empty.", { body: ["errors.required"] });
  if (text.length > 5000) throw new HttpError(400, "The comment is too long.", { body: ["errors.tooLong"] });
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const row = await loadVisible(tx, user, ref);
    const comment = await tx.comment.create({
      data: { initiativeId: row.id, authorId: user.id, body: text, createdAt: now, updatedAt: now },
      select: { id: true, createdAt: true },
    });
    await appendAuditEvent(tx, {
      initiativeId: row.id,
      actorId: user.id,
      actorRole: user.role,
      event: "COMMENT",
      fromState: row.stage,
      toState: row.stage,
      payload: { commentId: comment.id },
      createdAt: now,
    });
    return { id: comment.id, body: text, createdAt: comment.createdAt };
  });
}

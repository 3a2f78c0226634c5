/**
 * Creating and editing a proposal while it is a draft or returned for changes (the owning B/D's
 * officers only). One transaction each: write the proposal's columns and milestones, keep the dashboard's
 * copies in step, append one audit entry.
 */
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { assertBureauTakesProposals } from "~/bureaux/bureaux.server.ts";
import { logDenied } from "~/auth/security-log.server.ts";
import { createInitialSnapshot } from "~/lifecycle/snapshot.ts";
import { db, dbProvider } from "~/utils/db.server.ts";
import { fieldErrorsOf } from "~/utils/field-errors.ts";
import { financialYearOf, hongKongYear } from "~/utils/financial-year.ts";
import { HttpError } from "~/utils/http.server.ts";
import type { Caller } from "./access.server.ts";
import { loadVisible, PROPOSAL_FIELDS, proposalColumns, proposalOf, snapshotColumns } from "./initiative-row.server.ts";
import { withDefaultLeadDivision } from "./proposal-form.ts";
import { proposalDraftSchema } from "./proposal.schema.ts";
import { filterCopiesOf, openStay, sameCopies, syncFilterCopies } from "./stage-stays.server.ts";
import { bumpVersion, checkVersion, withRetry, type Tx, type WriteOptions } from "./versioning.server.ts";

/** The key of the PostgreSQL advisory lock under which a year's next reference number is taken. */
const REF_NUMBER_LOCK = 0x72656673; // "refs"

function assertOfficer(user: Caller): asserts user is Caller & { bureauCode: string } {
  if (user.role !== "OFFICER" || !user.bureauCode) {
    logDenied(user, "create or edit a proposal", "not a department officer");
    throw new HttpError(403, { key: "problems.officersOnly" });
  }
}

function assertFields(input: unknown): asserts input is Record<string, unknown> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new HttpError(400, { key: "problems.proposalNotObject" });
  }
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

/** Creates a draft for the officer's own B/D. A draft saves with partial data but needs a title. */
export async function createDraft(
  user: Caller,
  input: unknown,
  opts: WriteOptions<{ ref: string; version: number; stage: "draft" }> = {},
) {
  assertOfficer(user);
  assertFields(input);
  const parsed = proposalDraftSchema.safeParse(withDefaultLeadDivision(input));
  if (!parsed.success) throw new HttpError(400, { key: "problems.proposalHasErrors" }, fieldErrorsOf(parsed.error));
  const now = opts.now ?? new Date();
  const year = hongKongYear(now);
  const snapshot = createInitialSnapshot({ bureauCode: user.bureauCode });
  return withRetry(() =>
    db.$transaction(async (tx) => {
      // On PostgreSQL, officers on several instances create drafts side by side: without taking turns,
      // each would read the same last number, and all but one would fail on the unique ref and retry,
      // again and again under a burst. The lock lasts until commit (SQLite has one writer anyway).
      if (dbProvider() === "postgresql") {
        await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${REF_NUMBER_LOCK}, ${Number(year)})`);
      }
      const last = await tx.initiative.findFirst({
        where: { refYear: year },
        orderBy: { refSeq: "desc" },
        select: { refSeq: true },
      });
      await assertBureauTakesProposals(tx, user.bureauCode);
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
      const result = { ref: created.ref, version: created.version, stage: "draft" as const };
      await opts.inTransaction?.(tx, created.ref, result);
      return result;
    }),
  );
}

/**
 * Edits the proposal of a draft or of a proposal returned for changes (the owning B/D's officers only).
 * Fields absent from the input keep their values; the merged proposal must still parse as a draft.
 */
export async function updateDraft(user: Caller, ref: string, input: unknown, opts: WriteOptions = {}) {
  assertOfficer(user);
  assertFields(input);
  // An edit that names no field would still bump the version and leave an audit entry: refuse it.
  if (!Object.keys(input).some((k) => (PROPOSAL_FIELDS as readonly string[]).includes(k) || k === "milestones")) {
    throw new HttpError(400, { key: "problems.nothingToEdit" });
  }
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const row = await loadVisible(tx, user, ref);
    if (row.stage !== "draft" && row.stage !== "returned") {
      throw new HttpError(422, { key: "problems.notEditable", values: { stage: row.stage } });
    }
    checkVersion(row, opts.expectedVersion, ref);
    const merged = withDefaultLeadDivision({ ...proposalOf(row), ...input });
    const parsed = proposalDraftSchema.safeParse(merged);
    if (!parsed.success) throw new HttpError(400, { key: "problems.proposalHasErrors" }, fieldErrorsOf(parsed.error));
    const columns = proposalColumns(parsed.data);
    await bumpVersion(tx, row, { ...columns, updatedAt: now });
    await replaceMilestones(tx, row.id, row.milestones, parsed.data.milestones ?? [], now);
    // A new category or lead division: the stays and sign-offs follow, for the dashboard's filters.
    const copies = filterCopiesOf({ ...row, ...columns });
    if (!sameCopies(copies, filterCopiesOf(row)))
      await syncFilterCopies(tx, row.id, copies, row.round > 0, now, row.round > 0);
    const changed = Object.keys(input).filter(
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

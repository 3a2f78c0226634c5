/**
 * The stays of an initiative in each stage (StageStay) and the dashboard's copies of its filter columns.
 * The initiative's columns that the dashboard filters on are copied onto its stays and sign-offs (StageStay,
 * Signoff) so that the dashboard's percentiles read one index. The copies always hold the initiative's
 * current values: these columns change only at submission (financial year, required divisions, lead
 * division) and while a draft or a returned proposal is edited (category, lead division), and each of those
 * writes calls {@link syncFilterCopies}. `submitted` is the initiative's round > 0 (stays only).
 */
import type { Tx } from "./versioning.server.ts";

const DAY_MS = 86_400_000;

export type FilterCopies = {
  financialYear: string;
  bureauCode: string;
  leadDivision: string | null;
  category: string | null;
  requiredDivisions: string;
};

export function filterCopiesOf(row: {
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

export const sameCopies = (a: FilterCopies, b: FilterCopies) =>
  a.financialYear === b.financialYear &&
  a.bureauCode === b.bureauCode &&
  a.leadDivision === b.leadDivision &&
  a.category === b.category &&
  a.requiredDivisions === b.requiredDivisions;

/**
 * Rewrites the copies on every stay and sign-off of the initiative (a handful of rows). Before the first
 * submission (`hadSignoffs` false) there is no sign-off to rewrite.
 */
export async function syncFilterCopies(
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
export function daysFrom(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** Opens a stay of the initiative in `stage` from now. A stay in a final stage is never closed. */
export async function openStay(
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
export async function changeStay(
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

/**
 * An initiative as the write use-cases read and write it: the proposal's columns (derived from the
 * proposal schema's fields), the columns derived from a snapshot, and the row loaded for a write, visible
 * to the caller or not found.
 */
import { logDenied } from "~/auth/security-log.server.ts";
import { DIVISIONS } from "~/lifecycle/divisions.ts";
import {
  deliverySubstate,
  persistSnapshot,
  signoffsOf,
  stageOf,
  type InitiativeSnapshot,
} from "~/lifecycle/snapshot.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { canSee, type Caller } from "./access.server.ts";
import { FLAG_FIELDS, PROPOSAL_FIELDS, type ProposalDraft, type ProposalField } from "./proposal.schema.ts";
import type { Tx } from "./versioning.server.ts";

export { PROPOSAL_FIELDS, type ProposalField };

/** Selects every proposal column (each proposal field is a column of the same name). */
export const PROPOSAL_SELECT = Object.fromEntries(PROPOSAL_FIELDS.map((f) => [f, true])) as Record<ProposalField, true>;

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

export type LoadedInitiative = {
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

const { milestones: _milestones, ...WITHOUT_MILESTONES } = WRITE_SELECT;

/**
 * The initiative for a write, or 404: invisible and absent look the same. Its milestones are one more
 * statement, so a write that does not read them says so (`milestones: false`); reading them then throws.
 */
export async function loadVisible(
  tx: Tx | typeof db,
  user: Caller,
  ref: string,
  { milestones = true }: { milestones?: boolean } = {},
): Promise<LoadedInitiative> {
  const row = (await tx.initiative.findUnique({
    where: { ref },
    select: milestones ? WRITE_SELECT : WITHOUT_MILESTONES,
  })) as LoadedInitiative | null;
  if (row && !milestones) {
    Object.defineProperty(row, "milestones", {
      get() {
        throw new Error(`the milestones of ${ref} were not loaded for this write`);
      },
    });
  }
  // Nobody learns that another B/D's reference exists.
  if (!row || !canSee(user, row)) {
    if (row) logDenied(user, "write initiative", "not visible to the caller", ref);
    throw new HttpError(404, { key: "problems.initiativeNotFound", values: { ref } });
  }
  return row;
}

/** The stored proposal as the machine and the strict schema read it. */
export function proposalOf(row: LoadedInitiative): Record<string, unknown> {
  const proposal: Record<string, unknown> = {};
  for (const f of PROPOSAL_FIELDS) proposal[f] = row[f] ?? undefined;
  proposal.milestones = row.milestones.map((m) => ({ id: m.id, name: m.name, due: m.due }));
  return proposal;
}

const FLAGS = new Set<ProposalField>(FLAG_FIELDS);

/** Column values for the proposal fields of a parsed draft: absent flags are false, other absent values null. */
export function proposalColumns(draft: ProposalDraft) {
  const data: Record<string, unknown> = {};
  for (const f of PROPOSAL_FIELDS) {
    const value = draft[f];
    data[f] = value === undefined ? (FLAGS.has(f) ? false : null) : value;
  }
  return data;
}

function pendingSignoffsColumn(snapshot: InitiativeSnapshot): string {
  if (stageOf(snapshot) !== "efficiencyReview") return "";
  const signoffs = signoffsOf(snapshot);
  const pending = DIVISIONS.filter((d) => signoffs[d] === "pending");
  return pending.length ? `,${pending.join(",")},` : "";
}

/** Columns derived from a snapshot, kept beside it for querying. */
export function snapshotColumns(snapshot: InitiativeSnapshot) {
  const persisted = persistSnapshot(snapshot);
  return {
    snapshot: JSON.stringify(persisted),
    machineVersion: persisted.machineVersion,
    stage: stageOf(snapshot),
    substate: deliverySubstate(snapshot),
    round: snapshot.context.round,
    baseline: snapshot.context.baseline,
    pendingSignoffs: pendingSignoffsColumn(snapshot),
  };
}

/**
 * Funding rounds: opening one for a financial year, listing them, and a round as the caller may see it —
 * its settings, its bids ranked with the cut line, and what the caller may do now.
 */
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { logDenied } from "~/auth/security-log.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { diffProposals } from "~/initiatives/round-diff.ts";
import { getSettings } from "~/settings/settings.server.ts";
import { db } from "~/utils/db.server.ts";
import { fieldErrorsOf } from "~/utils/field-errors.ts";
import { HttpError } from "~/utils/http.server.ts";
import { mayDecideRound, mayMarkUrgent, mayOpenRound, mayScore, maySeeBids, maySeeRounds } from "./access.ts";
import type { Criterion } from "./criteria.ts";
import { lateProposals, roundBids, type Bid, type LateProposal, type RoundRow } from "./funding-bids.server.ts";
import { rankBids, type RankedBid } from "./ranking.ts";
import { fySchema, openRoundSchema } from "./round.schema.ts";
import { isUniqueViolation } from "~/utils/db/db-errors.server.ts";

export const ROUND_SELECT = {
  id: true,
  fy: true,
  envelope: true,
  bidDeadline: true,
  decisionDate: true,
  criteria: true,
  status: true,
  finalisedAt: true,
} as const;

export type RoundSummary = {
  fy: string;
  envelope: number;
  bidDeadline: string;
  decisionDate: string;
  status: "OPEN" | "FINALISED";
  criteria: Criterion[];
  finalisedAt: string | null;
};

function summaryOf(r: RoundRow & { finalisedAt: Date | null }): RoundSummary {
  return {
    fy: r.fy,
    envelope: r.envelope,
    bidDeadline: r.bidDeadline,
    decisionDate: r.decisionDate,
    status: r.status === "FINALISED" ? "FINALISED" : "OPEN",
    criteria: JSON.parse(r.criteria) as Criterion[],
    finalisedAt: r.finalisedAt?.toISOString() ?? null,
  };
}

function forbid(user: Caller, what: string): never {
  logDenied(user, what, `role ${user.role} may not`);
  throw new HttpError(403, { key: "fundingRound.errors.forbidden" });
}

/** The round of a financial year, or 404 (also for a malformed year). */
export async function loadRound(client: Pick<typeof db, "fundingRound">, fy: string) {
  const parsed = fySchema.safeParse(fy);
  const round = parsed.success
    ? await client.fundingRound.findUnique({ where: { fy: parsed.data }, select: ROUND_SELECT })
    : null;
  if (!round)
    throw new HttpError(404, { key: "fundingRound.errors.notFound", values: { fy: String(fy).slice(0, 20) } });
  return round;
}

/**
 * Opens the round of a financial year (leadership or an administrator): 400 with field errors for bad
 * input, 409 when the year already has one. Audited.
 */
export async function openRound(user: Caller, body: unknown, now = new Date()): Promise<RoundSummary> {
  if (!mayOpenRound(user.role)) forbid(user, "open a funding round");
  const parsed = openRoundSchema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new HttpError(400, { key: "fundingRound.errors.hasErrors" }, fieldErrorsOf(parsed.error));
  }
  const input = parsed.data;
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.fundingRound.findUnique({ where: { fy: input.fy }, select: { id: true } });
      if (existing) throw new HttpError(409, { key: "fundingRound.errors.exists", values: { fy: input.fy } });
      const round = await tx.fundingRound.create({
        data: {
          fy: input.fy,
          envelope: input.envelope,
          bidDeadline: input.bidDeadline,
          decisionDate: input.decisionDate,
          criteria: JSON.stringify(input.criteria),
          openedById: user.id,
          createdAt: now,
          updatedAt: now,
        },
        select: ROUND_SELECT,
      });
      await appendAuditEvent(tx, {
        actorId: user.id,
        actorRole: user.role,
        event: "FUNDING_ROUND_OPENED",
        payload: {
          fy: input.fy,
          envelope: input.envelope,
          bidDeadline: input.bidDeadline,
          decisionDate: input.decisionDate,
          criteria: input.criteria,
        },
        createdAt: now,
      });
      return summaryOf(round);
    });
  } catch (error) {
    // Two openings racing for the same year: the loser hits the unique key.
    if (isUniqueViolation(error)) {
      throw new HttpError(409, { key: "fundingRound.errors.exists", values: { fy: input.fy } });
    }
    throw error;
  }
}

/** Every round, newest year first, for those who may see rounds. */
export async function listRounds(user: Caller): Promise<RoundSummary[]> {
  if (!maySeeRounds(user.role)) forbid(user, "list funding rounds");
  const rows = await db.fundingRound.findMany({ orderBy: { fy: "desc" }, select: ROUND_SELECT });
  return rows.map(summaryOf);
}

export type RoundBid = Omit<RankedBid, "override"> &
  Omit<Bid, "score"> & {
    override: "ABOVE" | "BELOW" | null;
    /** A re-bid's proposal fields that changed since its previous round; null for a first bid. */
    changes: string[] | null;
  };

export type RoundView = RoundSummary & {
  blockAllocationLimit: number;
  bids: RoundBid[];
  cutLine: { afterRank: number; totalByRank: number | null; totalAbove: number | null; remaining: number | null };
  /** The bids above the line ask for more than the envelope (an override made before scores moved). */
  overEnvelope: boolean;
  unscored: number;
  /** Proposals that missed the deadline and wait, for those who may mark one urgent. */
  late: LateProposal[];
  can: { score: boolean; decide: boolean; markUrgent: boolean };
};

/**
 * A round as the caller may see it: the bids ranked with the cut line (strictly by rank, ties by the earlier
 * submission, bids above the block-allocation limit apart). Officers see only their B/D's bids and none of
 * the running totals, which would tell other B/Ds' requests; administrators see the settings alone.
 */
export async function getRound(user: Caller, fy: string): Promise<RoundView> {
  if (!maySeeRounds(user.role)) forbid(user, "see a funding round");
  const round = await loadRound(db, fy);
  const { blockAllocationLimit } = await getSettings();
  const open = round.status === "OPEN";
  const everyone: Caller = maySeeBids(user.role) ? { ...user, role: "LEADERSHIP" } : user;
  const all = maySeeBids(user.role) ? await roundBids(db, round, everyone) : [];
  const ranking = rankBids(all, round.envelope, blockAllocationLimit);
  const officer = user.role === "OFFICER";
  const byRef = new Map(all.map((b) => [b.ref, b]));
  const shown = ranking.bids
    .map((r) => ({ ...byRef.get(r.ref)!, ...r }))
    .filter((b) => !officer || b.bureauCode === user.bureauCode)
    .map((b) => (officer ? { ...b, cumulative: null } : b));
  const changes = await rebidChanges(shown.filter((b) => b.submissionRound > 1));
  const bids: RoundBid[] = shown.map((b) => ({ ...b, changes: changes.get(b.initiativeId) ?? null }));
  return {
    ...summaryOf(round),
    blockAllocationLimit,
    bids,
    cutLine: officer
      ? { afterRank: ranking.cutLine.afterRank, totalByRank: null, totalAbove: null, remaining: null }
      : ranking.cutLine,
    overEnvelope: ranking.cutLine.totalAbove > round.envelope,
    unscored: officer ? bids.filter((b) => b.score === null).length : all.filter((b) => b.score === null).length,
    late: open && mayMarkUrgent(user.role) ? await lateProposals(db, round) : [],
    can: {
      score: open && mayScore(user.role),
      decide: open && mayDecideRound(user.role),
      markUrgent: open && mayMarkUrgent(user.role),
    },
  };
}

/** For each re-bid, the proposal fields that changed between its previous round and the round it bids with. */
async function rebidChanges(rebids: { initiativeId: string; submissionRound: number }[]) {
  const result = new Map<string, string[]>();
  if (rebids.length === 0) return result;
  const rows = await db.submissionRound.findMany({
    where: {
      OR: rebids.map((b) => ({
        initiativeId: b.initiativeId,
        round: { in: [b.submissionRound - 1, b.submissionRound] },
      })),
    },
    select: { initiativeId: true, round: true, proposal: true },
  });
  for (const b of rebids) {
    const before = rows.find((r) => r.initiativeId === b.initiativeId && r.round === b.submissionRound - 1);
    const after = rows.find((r) => r.initiativeId === b.initiativeId && r.round === b.submissionRound);
    if (before && after) {
      const fields = diffProposals(JSON.parse(before.proposal), JSON.parse(after.proposal)).map((c) => c.field);
      result.set(b.initiativeId, fields);
    }
  }
  return result;
}

/**
 * A round as the API answers it: `{ fy, envelope, status, cutLine, bids: [{ ref, score, requested,
 * cumulative, aboveLine, route, … }], … }`.
 */
export function roundJson(view: RoundView) {
  return {
    fy: view.fy,
    envelope: view.envelope,
    status: view.status,
    bidDeadline: view.bidDeadline,
    decisionDate: view.decisionDate,
    criteria: view.criteria,
    finalisedAt: view.finalisedAt,
    blockAllocationLimit: view.blockAllocationLimit,
    cutLine: view.cutLine,
    overEnvelope: view.overEnvelope,
    bids: view.bids.map((b) => ({
      ref: b.ref,
      bureau: b.bureauCode,
      titleEn: b.titleEn,
      titleZh: b.titleZh,
      round: b.submissionRound,
      rank: b.rank,
      score: b.score,
      advisoryScore: b.advisoryScore,
      requested: b.requested,
      cumulative: b.cumulative,
      aboveLine: b.aboveLine,
      fitsRemainder: b.fitsRemainder,
      route: b.route,
      urgent: b.urgent,
      override: b.override ? { aboveLine: b.override === "ABOVE", reason: b.overrideReason } : null,
      outcome: b.outcome,
      changes: b.changes,
    })),
  };
}

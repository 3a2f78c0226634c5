/**
 * A funding round's figures for the dashboard: the envelope against what was funded, shelved and referred
 * (for an open round, what the line would fund now), the share of bids funded, by B/D and by category, the
 * distribution of scores, and the re-bids with their outcomes.
 */
import type { Caller } from "~/initiatives/access.server.ts";
import { db } from "~/utils/db.server.ts";
import { getRound, type RoundBid } from "./funding-rounds.server.ts";

type Tally = { count: number; amount: number };
export type Outcome = "APPROVED" | "SHELVED" | "REFERRED";

/** What a bid comes to: its recorded outcome once finalised, else where the line puts it now. */
function outcomeOf(b: RoundBid): Outcome {
  if (b.outcome === "APPROVED" || b.outcome === "SHELVED" || b.outcome === "REFERRED") return b.outcome;
  return b.route === "FINANCE_COMMITTEE" ? "REFERRED" : b.aboveLine ? "APPROVED" : "SHELVED";
}

function tallyBy(bids: RoundBid[], key: (b: RoundBid) => string) {
  const groups = new Map<string, { key: string; bids: number; funded: number; requested: number; approved: number }>();
  for (const b of bids) {
    const k = key(b);
    const g = groups.get(k) ?? { key: k, bids: 0, funded: 0, requested: 0, approved: 0 };
    g.bids += 1;
    g.requested += b.requested;
    if (outcomeOf(b) === "APPROVED") {
      g.funded += 1;
      g.approved += b.requested;
    }
    groups.set(k, g);
  }
  return [...groups.values()].sort((a, b) => b.requested - a.requested || a.key.localeCompare(b.key));
}

export const SCORE_BANDS = ["4–5", "3–4", "2–3", "1–2", "none"] as const;

/**
 * The figures of the round of `fy`, or of the latest round when no year is given; null when there is none.
 * Leadership and reviewers only (the dashboard's audience).
 */
export async function roundFigures(user: Caller, fy?: string | null) {
  const year = fy ?? (await db.fundingRound.findFirst({ orderBy: { fy: "desc" }, select: { fy: true } }))?.fy ?? null;
  if (!year || !(await db.fundingRound.findUnique({ where: { fy: year }, select: { id: true } }))) return null;
  const round = await getRound(user, year);
  const totals: Record<Outcome, Tally> = {
    APPROVED: { count: 0, amount: 0 },
    SHELVED: { count: 0, amount: 0 },
    REFERRED: { count: 0, amount: 0 },
  };
  const bands: Record<(typeof SCORE_BANDS)[number], number> = { "4–5": 0, "3–4": 0, "2–3": 0, "1–2": 0, none: 0 };
  for (const b of round.bids) {
    const o = outcomeOf(b);
    totals[o].count += 1;
    totals[o].amount += b.requested;
    const s = b.score;
    bands[s === null ? "none" : s >= 4 ? "4–5" : s >= 3 ? "3–4" : s >= 2 ? "2–3" : "1–2"] += 1;
  }
  return {
    fy: round.fy,
    status: round.status,
    envelope: round.envelope,
    bids: round.bids.length,
    totals,
    shareFunded: round.bids.length === 0 ? null : totals.APPROVED.count / round.bids.length,
    byBureau: tallyBy(round.bids, (b) => b.bureauCode),
    byCategory: tallyBy(round.bids, (b) => b.category ?? "OTHER"),
    scores: SCORE_BANDS.map((band) => ({ band, bids: bands[band] })),
    rebids: round.bids
      .filter((b) => b.submissionRound > 1)
      .map((b) => ({ ref: b.ref, round: b.submissionRound, outcome: outcomeOf(b), requested: b.requested })),
  };
}

export type RoundFigures = NonNullable<Awaited<ReturnType<typeof roundFigures>>>;

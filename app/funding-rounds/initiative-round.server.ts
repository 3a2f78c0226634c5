/**
 * Which funding round an initiative takes part in, for its page and the API: the round it bids in, or the
 * round whose deadline it missed (it then waits for the next round unless leadership marks it urgent).
 */
import { hongKongMidnight } from "~/calendar/hong-kong.ts";
import { financialYearOf } from "~/utils/financial-year.ts";

export type InitiativeRound = {
  fy: string;
  bidDeadline: string;
  status: "OPEN" | "FINALISED";
  /** `bid`: it bids (or bid) in the round; `late`: it reached funding review after the deadline. */
  place: "bid" | "late";
  urgent: boolean;
};

const DAY_MS = 86_400_000;

/** Bids close at the end of the deadline's day, Hong Kong time. */
export function bidsCloseAt(bidDeadline: string): Date {
  return new Date(hongKongMidnight(bidDeadline).getTime() + DAY_MS);
}

/** True when funding review was reached after the bids closed. */
export function missedDeadline(bidDeadline: string, stageEnteredAt: Date): boolean {
  return stageEnteredAt.getTime() >= bidsCloseAt(bidDeadline).getTime();
}

type RoundRow = { id: string; fy: string; bidDeadline: string; status: string };

/**
 * The round for an initiative, from its bids (oldest first) and the rounds read with them: those it bid in
 * and, while it is in funding review, the round of its planned start's financial year.
 */
export function initiativeRound(
  i: { stage: string; plannedStart: string | null; stageEnteredAt: Date },
  bids: readonly { roundId: string; urgent: boolean; outcome: string | null }[],
  rounds: readonly RoundRow[],
): InitiativeRound | null {
  const bid = bids.at(-1);
  // A written bid counts while the proposal is still in review for it, or once the round decided it.
  if (bid && (i.stage === "fundingReview" || bid.outcome !== null)) {
    const round = rounds.find((r) => r.id === bid.roundId);
    if (!round) throw new Error(`The round of a bid was not read with it (${bid.roundId})`);
    return { ...roundOf(round), place: "bid", urgent: bid.urgent };
  }
  if (i.stage !== "fundingReview" || !i.plannedStart) return null;
  const fy = financialYearOf(i.plannedStart);
  const round = rounds.find((r) => r.fy === fy);
  if (!round || round.status !== "OPEN") return null;
  return {
    ...roundOf(round),
    place: missedDeadline(round.bidDeadline, i.stageEnteredAt) ? "late" : "bid",
    urgent: false,
  };
}

function roundOf(r: { fy: string; bidDeadline: string; status: string }) {
  return { fy: r.fy, bidDeadline: r.bidDeadline, status: r.status === "FINALISED" ? "FINALISED" : "OPEN" } as const;
}

/**
 * Which funding round an initiative takes part in, for its page and the API: the round it bids in, or the
 * round whose deadline it missed (it then waits for the next round unless leadership marks it urgent).
 */
import { hongKongMidnight } from "~/calendar/hong-kong.ts";
import type { db } from "~/utils/db.server.ts";
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

export async function initiativeRound(
  client: Pick<typeof db, "fundingBid" | "fundingRound">,
  i: { id: string; stage: string; plannedStart: string | null; stageEnteredAt: Date },
): Promise<InitiativeRound | null> {
  // The bid's round is read only when there is a bid: a nested select would query for it even without one.
  const bid = await client.fundingBid.findFirst({
    where: { initiativeId: i.id },
    orderBy: { createdAt: "desc" },
    select: { urgent: true, outcome: true, roundId: true },
  });
  // A written bid counts while the proposal is still in review for it, or once the round decided it.
  if (bid && (i.stage === "fundingReview" || bid.outcome !== null)) {
    const round = await client.fundingRound.findUniqueOrThrow({
      where: { id: bid.roundId },
      select: { fy: true, bidDeadline: true, status: true },
    });
    return { ...roundOf(round), place: "bid", urgent: bid.urgent };
  }
  if (i.stage !== "fundingReview" || !i.plannedStart) return null;
  const round = await client.fundingRound.findUnique({
    where: { fy: financialYearOf(i.plannedStart) },
    select: { fy: true, bidDeadline: true, status: true },
  });
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

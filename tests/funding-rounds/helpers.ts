// Builders for funding-round tests: bids are real initiatives driven to funding review through the service
// and the machine, and rounds are opened and scored through the real API routes.
import { expect } from "vitest";
import { db } from "~/utils/db.server.ts";
import { call } from "../api/client.ts";
import { initiativeIn, type Callers } from "../factories/initiatives.ts";
import type { Caller } from "~/initiatives/access.server.ts";

export const M = 1_000_000;

/** An initiative in funding review requesting `requested`, planned to start on `plannedStart`. */
export async function bidOf(
  c: Callers,
  requested: number,
  plannedStart: string,
  opts: { owner?: Caller; title?: string } = {},
): Promise<string> {
  const year = Number(plannedStart.slice(0, 4));
  return initiativeIn("fundingReview", c, {
    owner: opts.owner,
    proposal: {
      nonRecurrentCost: requested,
      plannedStart,
      plannedEnd: `${year + 2}-03-31`,
      milestones: [
        { name: "Tender awarded", due: `${year}-09-30` },
        { name: "System live", due: `${year + 1}-12-31` },
      ],
      ...(opts.title ? { titleEn: opts.title } : {}),
    },
  });
}

/** Every criterion marked `mark` (the default criteria). */
export function marks(mark: number) {
  return { benefitsAgainstCost: mark, policyPriority: mark, urgencyAndRisk: mark, readiness: mark };
}

export async function openRoundOk(token: string, fy: string, envelope: number) {
  const start = Number(fy.slice(0, 4));
  const res = await call("POST", "/api/v1/funding-rounds", {
    token,
    json: { fy, envelope, bidDeadline: `${start + 1}-03-31`, decisionDate: `${start + 1}-03-31` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function scoreOk(token: string, fy: string, ref: string, scores: Record<string, number>) {
  const res = await call("PUT", `/api/v1/funding-rounds/${fy}/scores/${ref}`, { token, json: { scores } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** What a finalisation may change, to show that a refused one changed nothing. */
export async function footprint(refs: string[]) {
  const rows = await db.initiative.findMany({
    where: { ref: { in: refs } },
    select: { ref: true, stage: true, version: true, fundedAmount: true },
    orderBy: { ref: "asc" },
  });
  return {
    rows,
    funding: await db.fundingDecision.count({ where: { initiative: { ref: { in: refs } } } }),
    audit: await db.auditEvent.count(),
    rounds: await db.fundingRound.findMany({ select: { fy: true, status: true }, orderBy: { fy: "asc" } }),
    outcomes: await db.fundingBid.count({ where: { outcome: { not: null } } }),
  };
}

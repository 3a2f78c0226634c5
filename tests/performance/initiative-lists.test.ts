// The initiative page reads its lists in one statement of its own SQL (app/initiatives/initiative-lists.server.ts),
// converted back to the values Prisma gives. Over the whole demo portfolio, each list must equal what
// Prisma reads: the same rows, order, dates, numbers and yes/no values, on SQLite and PostgreSQL alike.
import { beforeAll, describe, expect, it } from "vitest";
import { initiativeLists } from "~/initiatives/initiative-lists.server.ts";
import { REASON_EVENTS } from "~/initiatives/reasons.ts";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";

let initiatives: { id: string; ref: string; stage: string; plannedStart: string | null }[];

beforeAll(async () => {
  await seed({ demoData: true });
  initiatives = await db.initiative.findMany({ select: { id: true, ref: true, stage: true, plannedStart: true } });
  // The whole demo portfolio is seeded: minutes on a busy machine (a limit for hangs, not for speed).
}, 600_000);

/** What Prisma reads for one initiative, list by list, as the view read it before the one statement. */
async function prismaLists(initiativeId: string) {
  const own = { where: { initiativeId } };
  const [baselines, changeRequests, bids, deliveryStays, statusReports, comments, audit, reasons, rounds, attachments] =
    await Promise.all([
      db.baseline.findMany({
        ...own,
        orderBy: { number: "asc" },
        select: { number: true, plannedEnd: true, milestones: true, budget: true, createdAt: true },
      }),
      db.changeRequest.findMany({
        ...own,
        orderBy: { number: "asc" },
        omit: { id: true, initiativeId: true, updatedAt: true },
      }),
      db.fundingBid.findMany({
        ...own,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { roundId: true, urgent: true, outcome: true, createdAt: true },
      }),
      db.stageStay.findMany({
        where: { initiativeId, stage: "delivery" },
        orderBy: { enteredAt: "asc" },
        select: { enteredAt: true, leftAt: true },
      }),
      db.statusReport.findMany({
        ...own,
        orderBy: { quarter: "asc" },
        omit: { id: true, initiativeId: true, createdAt: true, updatedAt: true },
      }),
      db.comment.findMany({
        ...own,
        orderBy: { createdAt: "asc" },
        select: { id: true, body: true, createdAt: true, authorId: true },
      }),
      db.auditEvent.findMany({
        ...own,
        orderBy: { seq: "asc" },
        omit: { initiativeId: true, prevHash: true, hash: true },
      }),
      db.auditEvent.findMany({
        where: { initiativeId, event: { in: [...REASON_EVENTS] } },
        orderBy: { seq: "asc" },
        select: { event: true, actorId: true, actorRole: true, payload: true, createdAt: true },
      }),
      db.submissionRound.findMany({
        ...own,
        orderBy: { round: "asc" },
        select: { round: true, proposal: true, createdAt: true },
      }),
      db.attachment.findMany({
        ...own,
        orderBy: [{ round: "asc" }, { createdAt: "asc" }],
        omit: { initiativeId: true, content: true, deletedById: true, updatedAt: true },
      }),
    ]);
  return {
    baselines,
    changeRequests,
    bids,
    deliveryStays,
    statusReports,
    comments,
    audit,
    reasons,
    rounds,
    attachments,
  };
}

describe("an initiative's lists in one statement", () => {
  it("equal Prisma's reads for every initiative of the demo portfolio", async () => {
    expect(initiatives.length).toBeGreaterThan(20);
    const seen = { statusReports: 0, bids: 0, attachments: 0, changeRequests: 0, comments: 0, deliveryStays: 0 };
    for (const i of initiatives) {
      const expected = await prismaLists(i.id);
      const all = await initiativeLists(i.ref, { comments: true, audit: true, rounds: true, attachments: true });
      const some = await initiativeLists(i.ref);
      expect(all, i.ref).not.toBeNull();
      const { reasons, ...withAudit } = expected;
      expect(
        {
          baselines: all!.baselines,
          changeRequests: all!.changeRequests,
          bids: all!.bids,
          deliveryStays: all!.deliveryStays,
          statusReports: all!.statusReports,
          comments: all!.comments,
          audit: all!.audit,
          rounds: all!.rounds,
          attachments: all!.attachments,
        },
        i.ref,
      ).toEqual(withAudit);
      // Without the whole audit trail, the entries that carry a reason; nothing else optional is read.
      expect(all!.reasons).toBeNull();
      expect(some!.reasons, i.ref).toEqual(reasons);
      expect([some!.comments, some!.audit, some!.rounds, some!.attachments]).toEqual([null, null, null, null]);
      // The rounds it bid in, and the open round of its planned start's year while in funding review.
      const bidRounds = new Set(expected.bids.map((b) => b.roundId));
      const rounds = await db.fundingRound.findMany({
        select: { id: true, fy: true, bidDeadline: true, status: true },
      });
      const fy = (start: string) => {
        const [y, m] = start.split("-").map(Number) as [number, number];
        const s = m >= 4 ? y : y - 1;
        return `${s}-${String((s + 1) % 100).padStart(2, "0")}`;
      };
      const wanted = rounds
        .filter(
          (r) =>
            bidRounds.has(r.id) ||
            (i.stage === "fundingReview" && i.plannedStart !== null && fy(i.plannedStart) === r.fy),
        )
        .sort((a, b) => a.fy.localeCompare(b.fy));
      expect(all!.fundingRounds, i.ref).toEqual(wanted);
      for (const key of Object.keys(seen) as (keyof typeof seen)[]) if (expected[key].length > 0) seen[key] += 1;
    }
    // The portfolio holds each kind of row, so each conversion was compared at least once.
    for (const [key, count] of Object.entries(seen)) expect(count, key).toBeGreaterThan(0);
  });

  it("is null for a reference no initiative has", async () => {
    expect(await initiativeLists("NONE-0000-0000")).toBeNull();
  });
});

/**
 * Leadership's Finance Committee list: initiatives referred to the Legislative Council's Finance
 * Committee and waiting for its outcome, which leadership records on each initiative's page.
 */
import { workingDaysBetween } from "~/calendar/working-days.ts";
import { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";

/** Initiatives awaiting the Finance Committee, longest waiting first, with what was referred and when. */
export async function listAwaitingFinanceCommittee(user: Caller, opts: { now?: Date } = {}) {
  if (user.role !== "LEADERSHIP") throw new HttpError(403, { key: "problems.financeCommitteeLeadershipOnly" });
  const now = opts.now ?? new Date();
  const rows = await db.initiative.findMany({
    where: { stage: "awaitingFinanceCommittee" }, // served by [stage, stageEnteredAt]
    orderBy: [{ stageEnteredAt: "asc" }, { ref: "asc" }],
    select: {
      ref: true,
      titleEn: true,
      titleZh: true,
      bureau: { select: { code: true, nameEn: true, nameZh: true } },
      leadDivision: true,
      nonRecurrentCost: true,
      stageEnteredAt: true,
      // One query for all rows: the referral that put each initiative here.
      funding: {
        where: { decision: "REFERRED" },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { amount: true, createdAt: true },
      },
    },
  });
  const items = rows.map(({ funding, ...row }) => ({
    ...row,
    referredAmount: funding[0]?.amount ?? row.nonRecurrentCost,
    referredAt: funding[0]?.createdAt ?? row.stageEnteredAt,
    waitingWorkingDays: workingDaysBetween(funding[0]?.createdAt ?? row.stageEnteredAt, now),
  }));
  return { items, totalReferred: items.reduce((sum, i) => sum + (i.referredAmount ?? 0), 0) };
}

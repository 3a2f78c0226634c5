/** Delivery health of a register's rows, from their milestones and conditions read in one statement. */
import { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { deliveryHealth, type Health } from "./delivery-health.ts";

type DueRow = { initiativeId: string; due: string | null; status: string };

/**
 * The milestones and conditions of these initiatives (due date and state) in one statement: Prisma would
 * send one per table. Each half is served by its table's initiative index.
 */
async function milestonesAndConditions(ids: string[]) {
  const list = Prisma.join(ids);
  const rows = await db.$queryRaw<(DueRow & { kind: string })[]>(Prisma.sql`
    SELECT 'milestone' AS "kind", m."initiativeId" AS "initiativeId", m."due" AS "due", m."status" AS "status"
      FROM "Milestone" m WHERE m."initiativeId" IN (${list})
    UNION ALL
    SELECT 'condition' AS "kind", c."initiativeId" AS "initiativeId", c."due" AS "due", c."status" AS "status"
      FROM "Condition" c WHERE c."initiativeId" IN (${list})`);
  const milestones: (DueRow & { due: string })[] = [];
  const conditions: DueRow[] = [];
  for (const { kind, initiativeId, due, status } of rows) {
    if (kind === "milestone") milestones.push({ initiativeId, due: due!, status });
    else conditions.push({ initiativeId, due, status });
  }
  return { milestones, conditions };
}

/** Grouped once, so a page (or a CSV batch of 500) costs one pass over the rows, not one per initiative. */
function byInitiative<T extends { initiativeId: string }>(rows: T[]) {
  const map = new Map<string, T[]>();
  for (const row of rows) (map.get(row.initiativeId) ?? map.set(row.initiativeId, []).get(row.initiativeId)!).push(row);
  return map;
}

/** Delivery health of the rows being delivered (null for the others). */
export async function healthOf(rows: { id: string; stage: string; plannedEnd: string | null }[], today: string) {
  const delivering = rows.filter((r) => r.stage === "delivery" || r.stage === "benefitsReview");
  const health = new Map<string, Health | null>();
  if (delivering.length === 0) return health;
  const { milestones, conditions } = await milestonesAndConditions(delivering.map((r) => r.id));
  const milestonesOf = byInitiative(milestones);
  const conditionsOf = byInitiative(conditions);
  for (const r of delivering) {
    health.set(
      r.id,
      deliveryHealth(
        {
          stage: r.stage,
          plannedEnd: r.plannedEnd,
          milestones: milestonesOf.get(r.id) ?? [],
          conditions: conditionsOf.get(r.id) ?? [],
        },
        today,
      ),
    );
  }
  return health;
}

// On the seeded demo portfolio (ninety-odd initiatives in every state, built through the lifecycle):
// the dashboard's figures agree with the register — the per-stage counts with `listInitiatives(...).total`
// for the same filters, and delivery health with the register's own (JavaScript) health rules.
import { beforeAll, describe, expect, it } from "vitest";
import { DASHBOARD_STAGES, getDashboard } from "~/dashboard/dashboard.queries.server.ts";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { listInitiatives, parseRegisterFilters } from "~/initiatives/initiatives.queries.server.ts";
import { registerChoices } from "~/initiatives/register-totals.server.ts";
import { CATEGORIES, DIVISIONS } from "~/lifecycle/divisions.ts";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { demoCallers, type Callers } from "../factories/initiatives.ts";

let c: Callers;
let filterSets: Record<string, string>[];
const today = todayInHongKong();

beforeAll(async () => {
  await seed({ demoData: true });
  c = await demoCallers();
  const choices = await registerChoices(c.leader);
  const busiest = await db.initiative.groupBy({
    by: ["bureauCode"],
    where: { round: { gt: 0 } },
    _count: { _all: true },
    orderBy: { _count: { bureauCode: "desc" } },
    take: 6,
  });
  filterSets = [
    {},
    ...choices.financialYears.map((fy) => ({ fy })),
    ...busiest.map((b) => ({ bureau: b.bureauCode })),
    { bureau: "NOSUCH" },
    ...DIVISIONS.map((division) => ({ division })),
    ...CATEGORIES.map((category) => ({ category })),
    ...choices.financialYears.flatMap((fy) => CATEGORIES.map((category) => ({ fy, category }))),
    ...choices.financialYears.flatMap((fy) => DIVISIONS.map((division) => ({ fy, division }))),
    {
      fy: choices.financialYears[0]!,
      bureau: busiest[0]!.bureauCode,
      division: "DIGITAL_GOVERNMENT",
      category: "E_SERVICE",
    },
  ];
});

describe("dashboard and register agree", () => {
  it("on every stage's count, for every filter", async () => {
    expect(filterSets.length).toBeGreaterThan(30);
    let nonEmpty = 0;
    for (const f of filterSets) {
      const d = await getDashboard(c.leader, f, today);
      const register = async (extra: Record<string, string>) =>
        (
          await listInitiatives(
            c.leader,
            parseRegisterFilters(new URLSearchParams({ ...f, ...extra, pageSize: "1" })),
            today,
          )
        ).total;
      const counts = Object.fromEntries(
        await Promise.all(DASHBOARD_STAGES.map(async (s) => [s, await register({ stage: s })] as const)),
      );
      expect(d.byStage, JSON.stringify(f)).toEqual(counts);
      expect(d.total, JSON.stringify(f)).toBe(await register({}));
      // The B/D table adds up to the same totals.
      expect(d.byBureau.reduce((a, b) => a + b.total, 0)).toBe(d.total);
      if (d.total > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it("on delivery health, counted by the register's rules", async () => {
    const d = await getDashboard(c.leader, {}, today);
    const { items } = await listInitiatives(
      c.leader,
      parseRegisterFilters(new URLSearchParams({ pageSize: "500" })),
      today,
    );
    const tally = { red: 0, amber: 0, green: 0 };
    for (const i of items) if (i.health) tally[i.health]++;
    expect(tally.red + tally.amber + tally.green).toBeGreaterThan(10);
    expect({ red: d.deliveryHealth.red, amber: d.deliveryHealth.amber, green: d.deliveryHealth.green }).toEqual(tally);
    const red = items
      .filter((i) => i.health === "red")
      .sort((a, b) => (a.plannedEnd ?? "").localeCompare(b.plannedEnd ?? "") || a.ref.localeCompare(b.ref))
      .map((i) => i.ref);
    expect(d.deliveryHealth.redList.map((r) => r.ref)).toEqual(red);
    for (const r of d.deliveryHealth.redList) {
      expect(r.overdueSince! < today).toBe(true);
      expect(r.daysOverdue).toBeGreaterThan(0);
    }
  });

  it("on pending sign-offs, which are the review queues' contents", async () => {
    const d = await getDashboard(c.leader, {}, today);
    for (const row of d.byDivision) {
      const queue = await db.initiative.count({
        where: { round: { gt: 0 }, stage: "efficiencyReview", pendingSignoffs: { contains: `,${row.division},` } },
      });
      expect(row.pending, row.division).toBe(queue);
      expect(row.overdue).toBeLessThanOrEqual(row.pending);
    }
    const expectedOldest = d.oldestPending.map((p) => p.since);
    expect([...expectedOldest].sort()).toEqual(expectedOldest);
    expect(d.oldestPending.length).toBe(
      Math.min(
        10,
        d.byDivision.reduce((a, v) => a + v.pending, 0),
      ),
    );
  });

  it("for a reviewer, on the initiatives their division leads or must sign off", async () => {
    for (const reviewer of [c.dg, c.dgov, c.di]) {
      const d = await getDashboard(reviewer, {}, today);
      const division = reviewer.divisionCode!;
      const scoped = await db.initiative.count({
        where: { round: { gt: 0 }, OR: [{ leadDivision: division }, { requiredDivisions: { contains: division } }] },
      });
      expect(d.total, division).toBe(scoped);
      expect(d.byDivision.map((v) => v.division)).toEqual([division]);
      expect(d.oldestPending.every((p) => p.division === division)).toBe(true);
    }
  });
});

// Prisma's query compiler is not asked twice for the same query shape (query-plan-cache.server.ts): a read or
// a write asked again, with the same values or others, reuses its plan and still answers for its own values
// from the database as it is now; queries of a long shape are compiled each time; the number kept is bounded.
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server.ts";
import { comparePlans, KEPT_PLANS, queryPlanCacheCounts } from "~/utils/db/query-plan-cache.server.ts";

/** What `body` cost the cache: reads that found their plan, and reads compiled. */
async function counted(body: () => Promise<unknown>) {
  const before = queryPlanCacheCounts();
  await body();
  const after = queryPlanCacheCounts();
  return { hits: after.hits - before.hits, misses: after.misses - before.misses };
}

const byEmail = (email: string) => db.loginAttempt.findMany({ where: { email }, select: { ip: true } });

describe("the query plan cache", () => {
  it("compiles a repeated read once, and the reused plan reads the rows as they are now", async () => {
    await db.loginAttempt.create({ data: { email: "first@example.org", ip: "192.0.2.1" } });
    expect(await counted(() => byEmail("first@example.org"))).toEqual({ hits: 0, misses: 1 });
    await db.loginAttempt.create({ data: { email: "first@example.org", ip: "192.0.2.2" } });
    let rows: { ip: string }[] = [];
    expect(await counted(async () => (rows = await byEmail("first@example.org")))).toEqual({ hits: 1, misses: 0 });
    expect(rows.map((r) => r.ip).sort()).toEqual(["192.0.2.1", "192.0.2.2"]);
  });

  it("reuses the plan for the same read with other values, and answers for those values", async () => {
    await db.loginAttempt.create({ data: { email: "second@example.org", ip: "192.0.2.3" } });
    let rows: { ip: string }[] = [];
    expect(await counted(async () => (rows = await byEmail("second@example.org")))).toEqual({ hits: 1, misses: 0 });
    expect(rows).toEqual([{ ip: "192.0.2.3" }]);
    expect(await byEmail("nobody@example.org")).toEqual([]);
  });

  it("reuses a write's plan across values, and each write stores its own", async () => {
    const write = (email: string, attempts: number) =>
      db.loginAttempt.create({
        data: { email, ip: `192.0.2.${attempts}`, createdAt: new Date(Date.UTC(2026, 0, attempts)) },
      });
    await write("writer-1@example.org", 1);
    expect(await counted(() => write("writer-2@example.org", 2))).toEqual({ hits: 1, misses: 0 });
    const stored = await db.loginAttempt.findMany({
      where: { email: { startsWith: "writer-" } },
      select: { email: true, ip: true, createdAt: true },
      orderBy: { email: "asc" },
    });
    expect(stored).toEqual([
      { email: "writer-1@example.org", ip: "192.0.2.1", createdAt: new Date(Date.UTC(2026, 0, 1)) },
      { email: "writer-2@example.org", ip: "192.0.2.2", createdAt: new Date(Date.UTC(2026, 0, 2)) },
    ]);
  });

  it("compiles a query whose shape is longer than the limit each time, but keeps one whose value is long", async () => {
    // A list stays in the shape (its length shapes the SQL).
    const emails = Array.from({ length: 200 }, (_, i) => `someone-${i}@example.org`);
    const long = () => db.loginAttempt.findMany({ where: { email: { in: emails } }, select: { ip: true } });
    expect(await counted(long)).toEqual({ hits: 0, misses: 0 });
    expect(await counted(long)).toEqual({ hits: 0, misses: 0 });
    await byEmail(`${"x".repeat(5000)}@example.org`);
    expect(await counted(() => byEmail(`${"y".repeat(5000)}@example.org`))).toEqual({ hits: 1, misses: 0 });
  });

  it("keeps at most its bound, letting the least recently used go", async () => {
    // Paging shapes the plan (LIMIT), so each `take` is a query of its own.
    const page = (take: number) => db.loginAttempt.findMany({ where: { email: "x@example.org" }, take });
    await page(1);
    expect(await counted(() => page(1))).toEqual({ hits: 1, misses: 0 });
    for (let i = 0; i < KEPT_PLANS; i++) await page(i + 2);
    expect(await counted(() => page(1))).toEqual({ hits: 0, misses: 1 });
    // The newest are still kept.
    expect(await counted(() => page(KEPT_PLANS + 1))).toEqual({ hits: 1, misses: 0 });
  });

  it("compares every kept plan with the compiler's own in tests (tests/setup/compare-plans.ts)", async () => {
    const before = comparePlans(true);
    await byEmail("compared@example.org");
    expect(comparePlans(true)).toBe(before + 1);
  });
});

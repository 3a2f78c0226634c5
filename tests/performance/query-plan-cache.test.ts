// Prisma's query compiler is not asked twice for the same read (query-plan-cache.server.ts): a read asked
// again in the same words reuses its plan and still answers from the database as it is now; other values,
// writes and long queries are compiled each time; the number kept is bounded.
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server.ts";
import { KEPT_PLANS, queryPlanCacheCounts } from "~/utils/db/query-plan-cache.server.ts";

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

  it("compiles the same read with other values apart, and answers for those values", async () => {
    await db.loginAttempt.create({ data: { email: "second@example.org", ip: "192.0.2.3" } });
    let rows: { ip: string }[] = [];
    expect(await counted(async () => (rows = await byEmail("second@example.org")))).toEqual({ hits: 0, misses: 1 });
    expect(rows).toEqual([{ ip: "192.0.2.3" }]);
  });

  it("keeps no plan for writes nor for reads longer than the limit", async () => {
    const write = () => db.loginAttempt.create({ data: { email: "writer@example.org", ip: "192.0.2.4" } });
    expect(await counted(write)).toEqual({ hits: 0, misses: 0 });
    expect(await counted(write)).toEqual({ hits: 0, misses: 0 });
    const long = () => byEmail(`${"x".repeat(5000)}@example.org`);
    expect(await counted(long)).toEqual({ hits: 0, misses: 0 });
    expect(await counted(long)).toEqual({ hits: 0, misses: 0 });
  });

  it("keeps at most its bound, letting the least recently used go", async () => {
    await byEmail("oldest@example.org");
    expect(await counted(() => byEmail("oldest@example.org"))).toEqual({ hits: 1, misses: 0 });
    for (let i = 0; i < KEPT_PLANS; i++) await byEmail(`filler-${i}@example.org`);
    expect(await counted(() => byEmail("oldest@example.org"))).toEqual({ hits: 0, misses: 1 });
    // The newest fillers are still kept.
    expect(await counted(() => byEmail(`filler-${KEPT_PLANS - 1}@example.org`))).toEqual({ hits: 1, misses: 0 });
  });
});

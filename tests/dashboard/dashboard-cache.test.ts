// The dashboard's figures are kept per instance and computed again only when something they depend on
// changed (dashboard-cache.server.ts): the stored data (the audit log's last entry), the settings, the date,
// the caller's scope and the filters. Counted from Prisma's statement events: a load answered from the
// cache costs one statement (the stamp), a computation dozens.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { clearDashboardCache, DASHBOARD_CACHE_SIZE, dashboardCacheCount } from "~/dashboard/dashboard-cache.server.ts";
import { getDashboard } from "~/dashboard/dashboard.queries.server.ts";
import { dashboardPage } from "~/dashboard/dashboard-page.server.ts";
import { openRound } from "~/funding-rounds/funding-rounds.server.ts";
import { sendEvent } from "~/initiatives/initiatives.server.ts";
import { updateSettings } from "~/settings/settings.server.ts";
import { db, statementLog } from "~/utils/db.server.ts";
import { initiativeIn, type Callers } from "../factories/initiatives.ts";
import { seedUsersOnly } from "./portfolio.ts";

// Before any query: only a client opened by statementLog() reports its statements.
const log = statementLog();

let c: Callers;
let reviewRef: string;
const today = todayInHongKong();

const DAY_MS = 86_400_000;
const daysAfter = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** A load's answer and the SQL it ran. */
async function load(...args: Parameters<typeof getDashboard>) {
  log.length = 0;
  const dashboard = await getDashboard(...args);
  return { dashboard, sql: [...log] };
}

/** A load answered from the cache: the stamp alone, no figure read. */
function expectHit(sql: string[]) {
  expect(sql).toHaveLength(1);
  expect(sql[0]).toMatch(/"AuditEvent"/);
  expect(sql[0]).toMatch(/"Setting"/);
  expect(sql[0]).not.toMatch(/"Initiative"/);
}

/** A load that computed its figures. */
function expectMiss(sql: string[]) {
  expect(sql.filter((s) => /"Initiative"|`Initiative`/.test(s)).length).toBeGreaterThan(3);
}

beforeAll(async () => {
  c = await seedUsersOnly();
  reviewRef = await initiativeIn("efficiencyReview", c);
  await initiativeIn("delivery", c, {
    proposal: { category: "INFRASTRUCTURE", leadDivision: "DIGITAL_INFRASTRUCTURE" },
  });
});

beforeEach(() => clearDashboardCache());

describe("the dashboard's figures, kept", () => {
  it("answers a second load from the cache with one statement, and the same figures", async () => {
    const first = await load(c.leader, {}, today);
    expectMiss(first.sql);
    const second = await load(c.leader, {}, today);
    expectHit(second.sql);
    expect(second.dashboard).toEqual(first.dashboard);
  });

  it("computes again after a transition by anyone, and shows it", async () => {
    const before = await load(c.leader, {}, today);
    expect(before.dashboard.byStage.efficiencyReview).toBe(1);
    await sendEvent(c.dg, reviewRef, {
      type: "REQUEST_CHANGES",
      reason: "Cost breakdown missing",
      reasonCode: "INCOMPLETE_BUSINESS_CASE",
    });
    const after = await load(c.leader, {}, today);
    expectMiss(after.sql);
    expect(after.dashboard.byStage.efficiencyReview).toBe(0);
    expect(after.dashboard.byStage.returned).toBe(1);
    expectHit((await load(c.leader, {}, today)).sql);
  });

  it("computes again after a settings change, through the administration page or written without an audit entry", async () => {
    const before = await load(c.leader, {}, today);
    expect(before.dashboard.reviewSlaDays).toBe(10);
    const saved = await updateSettings(c.admin, { reviewSlaDays: "7", blockAllocationLimit: "20,000,000" });
    expect(saved.ok).toBe(true);
    const changed = await load(c.leader, {}, today);
    expectMiss(changed.sql);
    expect(changed.dashboard.reviewSlaDays).toBe(7);

    // The seed writes settings without an audit entry: the stamp reads the settings themselves.
    const lastSeq = async () => (await db.auditEvent.findFirst({ orderBy: { seq: "desc" } }))?.seq;
    const seqBefore = await lastSeq();
    await db.setting.update({ where: { key: "BLOCK_ALLOCATION_LIMIT" }, data: { value: "15000000" } });
    expect(await lastSeq()).toBe(seqBefore);
    const unaudited = await load(c.leader, {}, today);
    expectMiss(unaudited.sql);
    expect(unaudited.dashboard.funding.blockAllocationLimit).toBe(15_000_000);
    expect(unaudited.dashboard.reviewSlaDays).toBe(7);
  });

  it("computes again on another day, and keeps each day's figures", async () => {
    const tomorrow = daysAfter(today, 1);
    expectMiss((await load(c.leader, {}, today)).sql);
    const next = await load(c.leader, {}, tomorrow);
    expectMiss(next.sql);
    expect(next.dashboard.today).toBe(tomorrow);
    const again = await load(c.leader, {}, today);
    expectHit(again.sql);
    expect(again.dashboard.today).toBe(today);
  });

  it("keeps scopes and filters apart, and parses filters before keying them", async () => {
    const cases: [Parameters<typeof getDashboard>[0], Record<string, string>][] = [
      [c.leader, {}],
      [c.leader, { category: "INFRASTRUCTURE" }],
      [c.leader, { division: "DIGITAL_INFRASTRUCTURE" }],
      [c.dg, {}],
      [c.di, {}],
    ];
    const firsts = [];
    for (const [caller, filters] of cases) {
      const first = await load(caller, filters, today);
      expectMiss(first.sql);
      firsts.push(first.dashboard);
    }
    expect(firsts.map((d) => d.total)).toEqual([2, 1, 1, 2, 1]); // DG signs off both, DI only its own
    expect(firsts[3]!.scope).toEqual({ role: "REVIEWER", division: "DIGITAL_GOVERNMENT" });
    expect(firsts[4]!.scope).toEqual({ role: "REVIEWER", division: "DIGITAL_INFRASTRUCTURE" });
    for (const [i, [caller, filters]] of cases.entries()) {
      const again = await load(caller, filters, today);
      expectHit(again.sql);
      expect(again.dashboard).toEqual(firsts[i]);
    }
    // Blank and unknown parameters are no filter: the same entry as none.
    expectHit((await load(c.leader, new URLSearchParams("fy=&bureau=&other=x"), today)).sql);
  });

  it("shares one computation between loads of the same figures that arrive together", async () => {
    const alone = (await load(c.leader, {}, today)).sql.length;
    clearDashboardCache();
    log.length = 0;
    const [a, b] = await Promise.all([getDashboard(c.leader, {}, today), getDashboard(c.leader, {}, today)]);
    expect(a).toEqual(b);
    expect(log).toHaveLength(alone + 1); // two stamps, one computation
  });

  it(`keeps at most ${DASHBOARD_CACHE_SIZE} entries, letting go of the least recently used`, async () => {
    const days = Array.from({ length: DASHBOARD_CACHE_SIZE + 1 }, (_, i) => daysAfter(today, i));
    for (const day of days) await getDashboard(c.leader, {}, day);
    expect(dashboardCacheCount()).toBe(DASHBOARD_CACHE_SIZE);
    expectHit((await load(c.leader, {}, days.at(-1))).sql);
    expectMiss((await load(c.leader, {}, days[0])).sql);
  });

  it("still refuses callers who may not read it, before reading anything", async () => {
    log.length = 0;
    await expect(getDashboard(c.itb, {}, today)).rejects.toMatchObject({ status: 403 });
    await expect(getDashboard(c.leader, { fy: "2026" }, today)).rejects.toMatchObject({ status: 400 });
    expect(log).toHaveLength(0);
  });

  it("keeps the page's filter choices and funding round under the same stamp, and reads them again after a write", async () => {
    const page = async (params = "") => {
      log.length = 0;
      const answer = await dashboardPage(c.leader, new URLSearchParams(params), today);
      return { answer, sql: [...log] };
    };
    const first = await page();
    expectMiss(first.sql);
    expect(first.sql.some((s) => /FundingRound/.test(s))).toBe(true);
    const fy = first.answer.choices.financialYears[0]!;
    expect(first.answer.fundingRound).toBeNull();
    // The figures are kept for the API too: its load finds them.
    expectHit((await load(c.leader, {}, today)).sql);

    const kept = await page();
    expectHit(kept.sql);
    expect(kept.answer).toEqual(first.answer);

    // Opening a round is audited: the next load reads the round's figures again and shows it.
    await openRound(c.leader, {
      fy,
      envelope: 50_000_000,
      bidDeadline: `${Number(fy.slice(0, 4)) + 1}-03-31`,
      decisionDate: `${Number(fy.slice(0, 4)) + 1}-03-31`,
    });
    const opened = await page();
    expectMiss(opened.sql);
    expect(opened.answer.fundingRound).toMatchObject({ fy, envelope: 50_000_000, status: "OPEN" });
    expectHit((await page()).sql);

    // A year filter is its own entry, with that year's round.
    expect((await page(`fy=${fy}`)).answer.fundingRound?.fy).toBe(fy);
    expectHit((await page(`fy=${fy}`)).sql);
  });

  it("refuses a page load before reading anything, as the figures do", async () => {
    log.length = 0;
    await expect(dashboardPage(c.itb, new URLSearchParams(), today)).rejects.toMatchObject({ status: 403 });
    await expect(dashboardPage(c.leader, new URLSearchParams("fy=2026"), today)).rejects.toMatchObject({
      status: 400,
    });
    expect(log).toHaveLength(0);
  });
});

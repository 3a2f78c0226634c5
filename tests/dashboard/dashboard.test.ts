// Every figure of the dashboard on a small hand-built portfolio (tests/dashboard/portfolio.ts), whose
// answers are worked out below from the dates and amounts the portfolio uses.
import { beforeAll, describe, expect, it } from "vitest";
import { workingDaysBetween } from "~/calendar/working-days.ts";
import { getDashboard, overdueBefore } from "~/dashboard/dashboard.queries.server.ts";
import { daysBetween } from "~/initiatives/delivery-health.ts";
import type { Callers } from "../factories/initiatives.ts";
import { buildPortfolio, seedUsersOnly, TODAY } from "./portfolio.ts";

let c: Callers;
let refs: Record<string, string>;

beforeAll(async () => {
  c = await seedUsersOnly();
  refs = await buildPortfolio(c);
});

const ZERO_STAGES = {
  efficiencyReview: 0,
  returned: 0,
  fundingReview: 0,
  deferred: 0,
  awaitingFinanceCommittee: 0,
  delivery: 0,
  benefitsReview: 0,
  rejected: 0,
  withdrawn: 0,
  closed: 0,
};

describe("the whole portfolio, as leadership sees it", () => {
  it("counts each stage, leaving out drafts and drafts withdrawn before submission", async () => {
    const d = await getDashboard(c.leader, {}, TODAY);
    expect(d.byStage).toEqual({
      ...ZERO_STAGES,
      efficiencyReview: 1, // delta
      deferred: 1, // echo
      awaitingFinanceCommittee: 1, // lima
      delivery: 3, // alpha, hotel, india
      benefitsReview: 1, // kilo
      rejected: 1, // charlie
      closed: 1, // bravo
    });
    expect(d.total).toBe(9);
    expect(d.inFlight).toBe(7);
    expect(d.scope).toEqual({ role: "LEADERSHIP", division: null });
    expect(d.today).toBe(TODAY);
  });

  it("sums funding requested, approved within the block allocation and referred to the Finance Committee", async () => {
    const d = await getDashboard(c.leader, {}, TODAY);
    expect(d.funding).toEqual({
      requested: 106_000_000, // 8 + 30 + 5 + 12 + 3 + 15 + 6 + 2 + 25 million
      approved: 30_000_000, // alpha 8, hotel 15, india 5 (of 6 asked), kilo 2
      approvedCount: 4,
      referred: 55_000_000, // bravo 30, lima 25
      referredCount: 2,
      financeCommitteeApproved: 30_000_000, // bravo
      financeCommitteeApprovedCount: 1,
      blockAllocationLimit: 20_000_000,
    });
  });

  it("groups counts and money by B/D, largest first", async () => {
    const d = await getDashboard(c.leader, {}, TODAY);
    expect(d.byBureau.map((b) => b.bureau)).toEqual(["ITIB", "IMMD"]);
    const [itib, immd] = d.byBureau;
    expect(itib).toMatchObject({
      nameEn: "Innovation, Technology and Industry Bureau",
      total: 5,
      requested: 24_000_000,
      approved: 15_000_000,
      stages: { ...ZERO_STAGES, delivery: 2, rejected: 1, deferred: 1, benefitsReview: 1 },
    });
    expect(immd).toMatchObject({
      total: 4,
      requested: 82_000_000,
      approved: 45_000_000,
      stages: { ...ZERO_STAGES, closed: 1, efficiencyReview: 1, delivery: 1, awaitingFinanceCommittee: 1 },
    });
  });

  it("gives each division its pending and overdue sign-offs and its review times", async () => {
    const d = await getDashboard(c.leader, {}, TODAY);
    expect(d.reviewSlaDays).toBe(10);
    expect(d.byDivision).toEqual([
      // Review days 3 (alpha), 5 (india), 7 (echo), 9 (kilo): median 6, p90 7 + 0.7 × 2.
      { division: "DIGITAL_GOVERNMENT", pending: 1, overdue: 1, decisions: 4, medianReviewDays: 6, p90ReviewDays: 8.4 },
      // 3 (delta), 7 (lima), 10 (alpha), 14 (bravo): median 8.5, p90 10 + 0.7 × 4.
      { division: "DATA_GOVERNANCE", pending: 0, overdue: 0, decisions: 4, medianReviewDays: 8.5, p90ReviewDays: 12.8 },
      // 5 (charlie's second round), 10 (its first), 14 (hotel): median 10, p90 10 + 0.8 × 4.
      {
        division: "DIGITAL_INFRASTRUCTURE",
        pending: 0,
        overdue: 0,
        decisions: 3,
        medianReviewDays: 10,
        p90ReviewDays: 13.2,
      },
    ]);
  });

  it("measures the days spent in each stage from the audit log, stays under way not counted", async () => {
    const d = await getDashboard(c.leader, {}, TODAY);
    expect(d.cycleTimeDays).toEqual({
      // 7 ×7, 10 (alpha), 14 (delta); golf's draft (withdrawn unsubmitted) is not in the portfolio.
      draft: { median: 7, p90: 10.8, count: 9 },
      // 5, 5, 7, 7, 9, 10, 10, 14, 14: charlie twice (10, then 5); a comment and the first of two
      // approvals do not end a stay; delta's stay is under way.
      efficiencyReview: { median: 9, p90: 14, count: 9 },
      returned: { median: 14, p90: 14, count: 1 },
      // 5, 7, 7, 9, 10, 10, 14.
      fundingReview: { median: 9, p90: 11.6, count: 7 },
      awaitingFinanceCommittee: { median: 29, p90: 29, count: 1 },
      // bravo 518 (a pause and a resume inside do not split it), kilo 280.
      delivery: { median: 399, p90: 494.2, count: 2 },
      benefitsReview: { median: 192, p90: 192, count: 1 },
    });
  });

  it("lists the oldest pending sign-offs with their age in working days", async () => {
    const d = await getDashboard(c.leader, {}, TODAY);
    // 6 Oct to 27 Nov 2026: 39 weekdays, less the day after Chung Yeung (19 Oct).
    expect(workingDaysBetween("2026-10-05", TODAY)).toBe(38);
    expect(d.oldestPending).toEqual([
      {
        ref: refs.delta,
        titleEn: "Delta visa e-service",
        titleZh: "網上預約更換身份證",
        bureauCode: "IMMD",
        round: 1,
        division: "DIGITAL_GOVERNMENT",
        since: "2026-10-05T02:00:00.000Z",
        ageWorkingDays: 38,
        overdue: true,
      },
    ]);
  });

  it("rates delivery health with the register's rules and lists the red ones", async () => {
    const d = await getDashboard(c.leader, {}, TODAY);
    expect(daysBetween("2025-03-31", TODAY)).toBe(606);
    expect(d.deliveryHealth).toEqual({
      red: 1, // hotel: planned end passed, a condition overdue since 31 Mar 2025
      amber: 1, // india: a milestone 17 days overdue
      green: 2, // alpha, kilo
      redList: [
        {
          ref: refs.hotel,
          titleEn: "Hotel security operations centre",
          titleZh: "網上預約更換身份證",
          bureauCode: "IMMD",
          stage: "delivery",
          plannedEnd: "2026-06-30",
          overdueSince: "2025-03-31",
          daysOverdue: 606,
        },
      ],
    });
  });

  it("compares expected with realised benefits of funded initiatives by financial year", async () => {
    const d = await getDashboard(c.leader, {}, TODAY);
    expect(d.benefits).toEqual({
      funded: 5,
      reported: 2,
      expectedAnnualSavings: 17_100_000,
      realisedAnnualSavings: 9_500_000,
      expectedStaffHoursSaved: 67_000,
      realisedStaffHoursSaved: 40_000,
      byFinancialYear: [
        {
          financialYear: "2024-25", // bravo, hotel, kilo
          funded: 3,
          reported: 2,
          expectedAnnualSavings: 13_600_000,
          realisedAnnualSavings: 9_500_000,
          expectedStaffHoursSaved: 51_000,
          realisedStaffHoursSaved: 40_000,
        },
        {
          financialYear: "2025-26", // alpha, india
          funded: 2,
          reported: 0,
          expectedAnnualSavings: 3_500_000,
          realisedAnnualSavings: 0,
          expectedStaffHoursSaved: 16_000,
          realisedStaffHoursSaved: 0,
        },
      ],
    });
  });

  it("counts refusals and returns by reason code", async () => {
    const d = await getDashboard(c.leader, {}, TODAY);
    const nonZero = d.refusals.filter((r) => r.total > 0);
    expect(nonZero).toEqual([
      { reasonCode: "COST_NOT_JUSTIFIED", returned: 0, rejected: 1, deferred: 0, total: 1 },
      { reasonCode: "SECURITY_RISK", returned: 1, rejected: 0, deferred: 0, total: 1 },
      { reasonCode: "FUNDING_PRIORITY", returned: 0, rejected: 0, deferred: 1, total: 1 },
    ]);
    expect(d.refusals).toHaveLength(8);
  });
});

describe("filters", () => {
  it("by financial year of first submission", async () => {
    const y2425 = await getDashboard(c.leader, { fy: "2024-25" }, TODAY);
    expect(y2425.byStage).toEqual({ ...ZERO_STAGES, closed: 1, delivery: 1, benefitsReview: 1 });
    expect(y2425.funding).toMatchObject({ requested: 47_000_000, approved: 17_000_000, referred: 30_000_000 });
    const y2526 = await getDashboard(c.leader, { fy: "2025-26" }, TODAY);
    expect(y2526.byStage).toEqual({ ...ZERO_STAGES, delivery: 2, rejected: 1 });
    // Golf was created in 2025-26 but never submitted; foxtrot is a draft of 2026-27.
    const y2627 = await getDashboard(c.leader, { fy: "2026-27" }, TODAY);
    expect(y2627.byStage).toEqual({ ...ZERO_STAGES, efficiencyReview: 1, deferred: 1, awaitingFinanceCommittee: 1 });
    expect(y2627.oldestPending.map((p) => p.ref)).toEqual([refs.delta]);
    const none = await getDashboard(c.leader, { fy: "2019-20" }, TODAY);
    expect(none.total).toBe(0);
    expect(none.cycleTimeDays).toEqual({});
    expect(none.byDivision.every((v) => v.medianReviewDays === null && v.decisions === 0)).toBe(true);
  });

  it("by B/D, lead division and category, alone and together", async () => {
    const immd = await getDashboard(c.leader, { bureau: "IMMD" }, TODAY);
    expect(immd.total).toBe(4);
    expect(immd.byBureau.map((b) => b.bureau)).toEqual(["IMMD"]);
    expect(immd.deliveryHealth).toMatchObject({ red: 1, amber: 0, green: 0 });

    const di = await getDashboard(c.leader, { division: "DIGITAL_INFRASTRUCTURE" }, TODAY);
    expect(di.byStage).toEqual({ ...ZERO_STAGES, rejected: 1, delivery: 1 });
    expect(di.byDivision.find((v) => v.division === "DIGITAL_INFRASTRUCTURE")).toMatchObject({
      decisions: 3,
      medianReviewDays: 10,
    });
    expect(di.byDivision.find((v) => v.division === "DIGITAL_GOVERNMENT")).toMatchObject({
      decisions: 0,
      medianReviewDays: null,
      p90ReviewDays: null,
    });

    const eService = await getDashboard(c.leader, { category: "E_SERVICE" }, TODAY);
    expect(eService.byStage).toEqual({ ...ZERO_STAGES, efficiencyReview: 1, delivery: 2 });

    const both = await getDashboard(c.leader, new URLSearchParams("fy=2025-26&category=E_SERVICE"), TODAY);
    expect(both.byStage).toEqual({ ...ZERO_STAGES, delivery: 2 }); // alpha, india
    expect(both.funding).toMatchObject({ requested: 14_000_000, approved: 13_000_000, referred: 0 });
    expect(both.deliveryHealth).toMatchObject({ red: 0, amber: 1, green: 1 });
    expect(both.cycleTimeDays).toEqual({
      draft: { median: 8.5, p90: 9.7, count: 2 }, // 7, 10
      efficiencyReview: { median: 7.5, p90: 9.5, count: 2 }, // 5, 10
      fundingReview: { median: 9.5, p90: 9.9, count: 2 }, // 9, 10
    });
    expect(both.filters).toEqual({ fy: "2025-26", category: "E_SERVICE" });
  });

  it("blank parameters mean no filter; bad ones are a 400 naming the parameter", async () => {
    const blank = await getDashboard(c.leader, new URLSearchParams("fy=&bureau=&division=&category=&other=x"), TODAY);
    expect(blank.total).toBe(9);
    for (const [query, field] of [
      ["fy=2025", "fy"],
      ["fy=2025-27", "fy"],
      ["division=FINANCE", "division"],
      ["category=e_service", "category"],
      ["bureau=IT%20IB", "bureau"],
    ] as const) {
      await expect(getDashboard(c.leader, new URLSearchParams(query), TODAY)).rejects.toMatchObject({
        status: 400,
        fields: { [field]: expect.any(Array) },
      });
    }
  });
});

describe("who sees what", () => {
  it("a reviewer sees the initiatives their division leads or must sign off, and only that division's reviews", async () => {
    const di = await getDashboard(c.di, {}, TODAY);
    expect(di.scope).toEqual({ role: "REVIEWER", division: "DIGITAL_INFRASTRUCTURE" });
    expect(di.byStage).toEqual({ ...ZERO_STAGES, rejected: 1, delivery: 1 }); // charlie, hotel
    expect(di.byDivision).toEqual([
      {
        division: "DIGITAL_INFRASTRUCTURE",
        pending: 0,
        overdue: 0,
        decisions: 3,
        medianReviewDays: 10,
        p90ReviewDays: 13.2,
      },
    ]);
    expect(di.oldestPending).toEqual([]);
    expect(di.funding).toMatchObject({ requested: 20_000_000, approved: 15_000_000, referred: 0 });

    // Data Governance must sign off alpha and delta (personal data) and leads bravo and lima.
    const dgov = await getDashboard(c.dgov, {}, TODAY);
    expect(dgov.total).toBe(4);
    expect(dgov.byStage).toEqual({
      ...ZERO_STAGES,
      delivery: 1,
      closed: 1,
      efficiencyReview: 1,
      awaitingFinanceCommittee: 1,
    });
    expect(dgov.byDivision).toEqual([
      { division: "DATA_GOVERNANCE", pending: 0, overdue: 0, decisions: 4, medianReviewDays: 8.5, p90ReviewDays: 12.8 },
    ]);
    // Delta waits on Digital Government, not on Data Governance.
    expect(dgov.oldestPending).toEqual([]);

    const dg = await getDashboard(c.dg, {}, TODAY);
    expect(dg.total).toBe(5); // alpha, delta, echo, india, kilo
    expect(dg.byDivision).toEqual([
      { division: "DIGITAL_GOVERNMENT", pending: 1, overdue: 1, decisions: 4, medianReviewDays: 6, p90ReviewDays: 8.4 },
    ]);
    expect(dg.oldestPending.map((p) => [p.ref, p.division])).toEqual([[refs.delta, "DIGITAL_GOVERNMENT"]]);
  });

  it("officers and administrators are refused", async () => {
    await expect(getDashboard(c.itb, {}, TODAY)).rejects.toMatchObject({ status: 403 });
    await expect(getDashboard(c.admin, {}, TODAY)).rejects.toMatchObject({ status: 403 });
    await expect(getDashboard({ ...c.dg, divisionCode: null }, {}, TODAY)).rejects.toMatchObject({ status: 403 });
  });
});

describe("the review SLA's cut-off", () => {
  it("agrees with workingDaysBetween for every start date over four months and several SLAs", () => {
    for (const today of ["2026-11-27", "2026-10-02", "2026-12-28", "2027-01-04"]) {
      for (const sla of [0, 1, 5, 10, 15]) {
        const cutoff = overdueBefore(today, sla).getTime();
        for (let n = 0; n < 120; n++) {
          for (const hour of ["00:00", "09:30", "23:59"]) {
            const start = new Date(Date.parse(`${today}T${hour}:00+08:00`) - n * 86_400_000);
            const overdue = workingDaysBetween(start, today) > sla;
            expect(start.getTime() < cutoff, `${today} SLA ${sla} start ${start.toISOString()}`).toBe(overdue);
          }
        }
      }
    }
  });
});

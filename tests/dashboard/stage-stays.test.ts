// The durations behind the dashboard's cycle and review times are data written by the transitions
// themselves: a StageStay per stay in a stage, closed by the transition that leaves it, and each sign-off's
// reviewDays. These tests drive initiatives through the real service and check those rows; then that the
// migration's backfill (run on the same audit log) computes exactly what the service wrote; then that the
// dashboard's percentiles equal a computation from scratch over the audit log for every scope.
import { beforeAll, describe, expect, it } from "vitest";
import { getDashboard, type Dashboard } from "~/dashboard/dashboard.queries.server.ts";
import { percentilesOf, type CountRow, type WalkRow } from "~/dashboard/dashboard-sql.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { createDraft, sendEvent, updateDraft } from "~/initiatives/initiatives.server.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";
import { CATEGORIES, DIVISIONS, type Division } from "~/lifecycle/divisions.ts";
import { STAGES } from "~/lifecycle/initiative.machine.ts";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { signoffBackfillSql, stayBackfillSql } from "../../scripts/stage-stays-backfill.ts";
import { completeProposal, demoCallers, type Callers } from "../factories/initiatives.ts";

const DAY = 86_400_000;
/** A Hong Kong time on an ISO date (10:00 unless given). */
const at = (date: string, time = "10:00") => new Date(`${date}T${time}:00+08:00`);
const TODAY = "2026-11-27";

let c: Callers;
beforeAll(async () => {
  // The demo portfolio (ninety initiatives driven through the service over three years) gives the
  // backfill and the scratch computation below every path of the lifecycle to agree on.
  await seed({ demoData: true });
  c = await demoCallers();
});

async function idOf(ref: string) {
  return (await db.initiative.findUniqueOrThrow({ where: { ref }, select: { id: true } })).id;
}

function staysOf(initiativeId: string) {
  return db.stageStay.findMany({
    where: { initiativeId },
    orderBy: [{ enteredAt: "asc" }],
    select: {
      stage: true,
      enteredAt: true,
      leftAt: true,
      days: true,
      submitted: true,
      financialYear: true,
      bureauCode: true,
      leadDivision: true,
      category: true,
      requiredDivisions: true,
    },
  });
}

function signoffsOf(initiativeId: string) {
  return db.signoff.findMany({
    where: { initiativeId },
    orderBy: [{ decidedAt: "asc" }],
    select: {
      round: true,
      division: true,
      decision: true,
      reviewDays: true,
      financialYear: true,
      bureauCode: true,
      leadDivision: true,
      category: true,
      requiredDivisions: true,
    },
  });
}

const stay = (stage: string, entered: Date, left: Date | null) => ({
  stage,
  enteredAt: entered,
  leftAt: left,
  days: left ? (left.getTime() - entered.getTime()) / DAY : null,
});

describe("the service writes the stays and review times", () => {
  it("through a return and a resubmission: one stay per stage visited, review days per round, filter copies kept current", async () => {
    const send = (who: Caller, body: Record<string, unknown>, when: Date) => sendEvent(who, ref, body, { now: when });
    // Created in financial year 2024-25, first submitted in 2025-26 (the financial year of first submission).
    const { ref } = await createDraft(
      c.itb,
      completeProposal({
        category: "E_SERVICE",
        leadDivision: "DIGITAL_GOVERNMENT",
        handlesPersonalData: true,
        citizenFacing: true,
      }),
      { now: at("2025-03-20") },
    );
    const id = await idOf(ref);
    expect(await staysOf(id)).toEqual([
      {
        ...stay("draft", at("2025-03-20"), null),
        submitted: false,
        financialYear: "2024-25",
        bureauCode: "ITIB",
        leadDivision: "DIGITAL_GOVERNMENT",
        category: "E_SERVICE",
        requiredDivisions: "",
      },
    ]);

    await send(c.itb, { type: "SUBMIT" }, at("2025-04-07"));
    await send(c.dgov, { type: "APPROVE" }, at("2025-04-10")); // one of two: no change of stage
    await send(
      c.dg,
      { type: "REQUEST_CHANGES", reason: "Costs", reasonCode: "INCOMPLETE_BUSINESS_CASE" },
      at("2025-04-14"),
    );
    let stays = await staysOf(id);
    expect(stays.map(({ stage, enteredAt, leftAt, days }) => ({ stage, enteredAt, leftAt, days }))).toEqual([
      stay("draft", at("2025-03-20"), at("2025-04-07")),
      stay("efficiencyReview", at("2025-04-07"), at("2025-04-14")),
      stay("returned", at("2025-04-14"), null),
    ]);
    expect(stays[0]!.days).toBe(18);
    // At submission every stay took the initiative's financial year, required divisions and submitted flag.
    for (const s of stays) {
      expect(s).toMatchObject({
        submitted: true,
        financialYear: "2025-26",
        requiredDivisions: "DIGITAL_GOVERNMENT,DATA_GOVERNANCE",
        category: "E_SERVICE",
      });
    }
    expect(await signoffsOf(id)).toEqual([
      expect.objectContaining({
        round: 1,
        division: "DATA_GOVERNANCE",
        decision: "APPROVED",
        reviewDays: 3,
        financialYear: "2025-26",
      }),
      expect.objectContaining({
        round: 1,
        division: "DIGITAL_GOVERNMENT",
        decision: "CHANGES_REQUESTED",
        reviewDays: 7,
      }),
    ]);

    // While returned, the officer changes the category and drops personal data: the category follows at
    // once on every stay and sign-off, the required divisions at resubmission.
    await updateDraft(c.itb, ref, { category: "AI_AUTOMATION", handlesPersonalData: false }, { now: at("2025-04-20") });
    for (const row of [...(await staysOf(id)), ...(await signoffsOf(id))]) {
      expect(row).toMatchObject({ category: "AI_AUTOMATION", requiredDivisions: "DIGITAL_GOVERNMENT,DATA_GOVERNANCE" });
    }
    await send(c.itb, { type: "RESUBMIT" }, at("2025-04-24"));
    // A decision at 12:00 on a round submitted at 10:00: fractional days, to the millisecond.
    await send(c.dg, { type: "APPROVE" }, at("2025-04-29", "12:00"));

    stays = await staysOf(id);
    expect(stays.map(({ stage, enteredAt, leftAt, days }) => ({ stage, enteredAt, leftAt, days }))).toEqual([
      stay("draft", at("2025-03-20"), at("2025-04-07")),
      stay("efficiencyReview", at("2025-04-07"), at("2025-04-14")),
      stay("returned", at("2025-04-14"), at("2025-04-24")),
      stay("efficiencyReview", at("2025-04-24"), at("2025-04-29", "12:00")),
      stay("fundingReview", at("2025-04-29", "12:00"), null),
    ]);
    expect(stays[3]!.days).toBeCloseTo(5 + 2 / 24, 12);
    for (const s of stays) {
      expect(s).toMatchObject({
        submitted: true,
        financialYear: "2025-26",
        bureauCode: "ITIB",
        leadDivision: "DIGITAL_GOVERNMENT",
        category: "AI_AUTOMATION",
        requiredDivisions: "DIGITAL_GOVERNMENT",
      });
    }
    const signoffs = await signoffsOf(id);
    expect(signoffs.map((s) => [s.round, s.division, s.reviewDays])).toEqual([
      [1, "DATA_GOVERNANCE", 3],
      [1, "DIGITAL_GOVERNMENT", 7],
      [2, "DIGITAL_GOVERNMENT", (at("2025-04-29", "12:00").getTime() - at("2025-04-24").getTime()) / DAY],
    ]);
    for (const s of signoffs)
      expect(s).toMatchObject({
        category: "AI_AUTOMATION",
        requiredDivisions: "DIGITAL_GOVERNMENT",
        financialYear: "2025-26",
      });
  });

  it("keeps delivery one stay across a pause and a resumption, and leaves the final stage's stay open", async () => {
    const { ref } = await createDraft(c.immd, completeProposal({ handlesPersonalData: false, citizenFacing: true }), {
      now: at("2025-01-06"),
    });
    const send = (who: Caller, body: Record<string, unknown>, when: string) =>
      sendEvent(who, ref, body, { now: at(when) });
    await send(c.immd, { type: "SUBMIT" }, "2025-01-13");
    await send(c.dg, { type: "APPROVE" }, "2025-01-20");
    await send(c.dg, { type: "APPROVE_FUNDING", amount: 8_500_000 }, "2025-02-03");
    await send(c.immd, { type: "PAUSE", reason: "Vendor change", reasonCode: "OTHER" }, "2025-03-03");
    await send(c.immd, { type: "RESUME", reason: "New vendor" }, "2025-03-17");
    const { milestones } = await getInitiative(c.immd, ref);
    for (const m of milestones)
      await send(c.immd, { type: "REPORT_PROGRESS", milestoneId: m.id, date: "2025-09-01" }, "2025-09-01");
    await send(c.immd, { type: "COMPLETE" }, "2025-09-15");
    await send(
      c.immd,
      { type: "REPORT_BENEFITS", realisedAnnualSavings: 1, realisedStaffHoursSaved: 1, note: "Measured" },
      "2026-03-16",
    );
    await send(c.dg, { type: "CLOSE" }, "2026-03-30");

    const stays = await staysOf(await idOf(ref));
    expect(stays.map(({ stage, enteredAt, leftAt, days }) => ({ stage, enteredAt, leftAt, days }))).toEqual([
      stay("draft", at("2025-01-06"), at("2025-01-13")),
      stay("efficiencyReview", at("2025-01-13"), at("2025-01-20")),
      stay("fundingReview", at("2025-01-20"), at("2025-02-03")),
      stay("delivery", at("2025-02-03"), at("2025-09-15")), // 224 days, the pause inside it
      stay("benefitsReview", at("2025-09-15"), at("2026-03-30")),
      stay("closed", at("2026-03-30"), null), // a final stage: never left, never counted
    ]);
    expect(stays[3]!.days).toBe(224);
  });

  it("closes a draft withdrawn before submission but keeps it unsubmitted, out of the dashboard", async () => {
    const { ref } = await createDraft(c.itb, { titleEn: "Abandoned idea" }, { now: at("2026-01-05") });
    await sendEvent(c.itb, ref, { type: "WITHDRAW", reason: "Duplicate" }, { now: at("2026-01-09") });
    const stays = await staysOf(await idOf(ref));
    expect(stays).toEqual([
      expect.objectContaining({ ...stay("draft", at("2026-01-05"), at("2026-01-09")), submitted: false }),
      expect.objectContaining({ ...stay("withdrawn", at("2026-01-09"), null), submitted: false }),
    ]);
  });

  it("keeps exactly one open stay per initiative, in the initiative's stage", async () => {
    const open = await db.stageStay.findMany({ where: { leftAt: null }, select: { initiativeId: true, stage: true } });
    const initiatives = await db.initiative.findMany({ select: { id: true, stage: true } });
    expect(open.length).toBe(initiatives.length);
    const stageOf = new Map(open.map((s) => [s.initiativeId, s.stage]));
    for (const i of initiatives) expect(stageOf.get(i.id), i.id).toBe(i.stage);
  });
});

describe("the migration's backfill", () => {
  it("computes from the audit log, rounds and initiatives exactly the stays and review times the service wrote", async () => {
    // The migration's own INSERT statements, run into scratch tables of this test's database.
    await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "check_StageStay"`);
    await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "check_Signoff"`);
    await db.$executeRawUnsafe(`CREATE TABLE "check_StageStay" AS SELECT * FROM "StageStay" WHERE 0`);
    await db.$executeRawUnsafe(`CREATE TABLE "check_Signoff" AS SELECT * FROM "Signoff" WHERE 0`);
    await db.$executeRawUnsafe(stayBackfillSql("check_StageStay"));
    await db.$executeRawUnsafe(signoffBackfillSql("check_Signoff"));

    // Compared in SQL (EXCEPT both ways), value for value as stored (timestamps as their text), every column
    // but the id and updatedAt (bookkeeping: the service also touches a stay when it rewrites the copies).
    const differing = async (table: string, columns: string[]) => {
      const cols = columns.map((col) => `"${col}"`).join(", ");
      const except = (a: string, b: string) =>
        db.$queryRawUnsafe<Record<string, unknown>[]>(
          `SELECT ${cols} FROM "${a}" EXCEPT SELECT ${cols} FROM "${b}" LIMIT 5`,
        );
      return {
        onlyWritten: await except(table, `check_${table}`),
        onlyBackfilled: await except(`check_${table}`, table),
      };
    };
    const count = async (table: string) =>
      Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM "${table}"`))[0]!.n);
    // The durations: the service's and the backfill's are the same milliseconds / 86,400,000, but Prisma
    // writes a Float with at most 16 significant digits (143.82638888888889 is stored as 143.8263888888889),
    // so they may differ in the last digit — a few 1e-14 days, far below the dashboard's 0.1 day.
    const largestGap = async (sql: string) =>
      Number((await db.$queryRawUnsafe<{ gap: number | null }[]>(sql))[0]!.gap ?? 0);

    expect(await count("StageStay")).toBeGreaterThan(300);
    expect(await count("check_StageStay")).toBe(await count("StageStay"));
    expect(
      await differing("StageStay", [
        "initiativeId",
        "stage",
        "enteredAt",
        "leftAt",
        "submitted",
        "financialYear",
        "bureauCode",
        "leadDivision",
        "category",
        "requiredDivisions",
        "createdAt",
      ]),
    ).toEqual({ onlyWritten: [], onlyBackfilled: [] });
    expect(
      await largestGap(`SELECT MAX(ABS(s."days" - b."days")) AS gap FROM "StageStay" s
        JOIN "check_StageStay" b ON b."initiativeId" = s."initiativeId" AND b."enteredAt" = s."enteredAt" AND b."stage" = s."stage"`),
    ).toBeLessThan(1e-9);
    expect(await db.stageStay.count({ where: { leftAt: { not: null }, days: null } })).toBe(0);

    expect(await count("Signoff")).toBeGreaterThan(100);
    expect(await count("check_Signoff")).toBe(await count("Signoff"));
    expect(await db.signoff.count({ where: { reviewDays: null } })).toBe(0);
    expect(
      await differing("Signoff", [
        "id",
        "financialYear",
        "bureauCode",
        "leadDivision",
        "category",
        "requiredDivisions",
      ]),
    ).toEqual({ onlyWritten: [], onlyBackfilled: [] });
    expect(
      await largestGap(
        `SELECT MAX(ABS(s."reviewDays" - b."reviewDays")) AS gap FROM "Signoff" s JOIN "check_Signoff" b ON b."id" = s."id"`,
      ),
    ).toBeLessThan(1e-9);

    await db.$executeRawUnsafe(`DROP TABLE "check_StageStay"`);
    await db.$executeRawUnsafe(`DROP TABLE "check_Signoff"`);
  });
});

// ---------------------------------------------------------------------------------------------------
// The dashboard's percentiles against a computation from scratch: stays from the audit log (LEAD over
// each initiative's changes of stage), review times from sign-offs and rounds, scope from the initiatives'
// current columns, percentile_cont by sorting in JavaScript.
// ---------------------------------------------------------------------------------------------------

type Ini = {
  id: string;
  round: number;
  financialYear: string;
  bureauCode: string;
  leadDivision: string | null;
  category: string | null;
  requiredDivisions: string;
};
type Filters = { fy?: string; bureau?: string; division?: Division; category?: string };

function percentileCont(values: number[]) {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  const pick = (num: number, den: number) => {
    const lo = Math.floor((num * (n - 1)) / den);
    const hi = Math.ceil((num * (n - 1)) / den);
    return Math.round((v[lo]! + (((num * (n - 1)) % den) / den) * (v[hi]! - v[lo]!)) * 10) / 10;
  };
  return { median: pick(1, 2), p90: pick(9, 10), count: n };
}

async function fromScratch() {
  const initiatives = (await db.initiative.findMany({
    select: {
      id: true,
      round: true,
      financialYear: true,
      bureauCode: true,
      leadDivision: true,
      category: true,
      requiredDivisions: true,
    },
  })) as Ini[];
  const audit = await db.auditEvent.findMany({
    where: { initiativeId: { not: null }, toState: { not: null } },
    orderBy: { seq: "asc" },
    select: { initiativeId: true, fromState: true, toState: true, createdAt: true },
  });
  const stage = (label: string) => label.split(".")[0]!;
  const stays: { initiativeId: string; stage: string; days: number }[] = [];
  const open = new Map<string, { stage: string; at: Date }>();
  for (const a of audit) {
    if (a.fromState !== null && stage(a.fromState) === stage(a.toState!)) continue;
    const before = open.get(a.initiativeId!);
    if (before)
      stays.push({
        initiativeId: a.initiativeId!,
        stage: before.stage,
        days: (a.createdAt.getTime() - before.at.getTime()) / DAY,
      });
    open.set(a.initiativeId!, { stage: stage(a.toState!), at: a.createdAt });
  }
  const rounds = await db.submissionRound.findMany({ select: { initiativeId: true, round: true, createdAt: true } });
  const roundStart = new Map(rounds.map((r) => [`${r.initiativeId}/${r.round}`, r.createdAt.getTime()]));
  const signoffs = (
    await db.signoff.findMany({ select: { initiativeId: true, round: true, division: true, decidedAt: true } })
  ).map((s) => ({
    initiativeId: s.initiativeId,
    division: s.division,
    days: (s.decidedAt.getTime() - roundStart.get(`${s.initiativeId}/${s.round}`)!) / DAY,
  }));

  return (filters: Filters, reviewer?: Division) => {
    const inScope = new Set(
      initiatives
        .filter(
          (i) =>
            i.round > 0 &&
            (!filters.fy || i.financialYear === filters.fy) &&
            (!filters.bureau || i.bureauCode === filters.bureau) &&
            (!filters.division || i.leadDivision === filters.division) &&
            (!filters.category || i.category === filters.category) &&
            (!reviewer || i.leadDivision === reviewer || i.requiredDivisions.split(",").includes(reviewer)),
        )
        .map((i) => i.id),
    );
    const cycle: Record<string, { median: number; p90: number; count: number }> = {};
    for (const s of STAGES) {
      const values = stays.filter((x) => x.stage === s && inScope.has(x.initiativeId)).map((x) => x.days);
      if (values.length) cycle[s] = percentileCont(values);
    }
    const review = (reviewer ? [reviewer] : [...DIVISIONS]).map((d) => {
      const values = signoffs.filter((x) => x.division === d && inScope.has(x.initiativeId)).map((x) => x.days);
      const p = values.length ? percentileCont(values) : null;
      return {
        division: d,
        decisions: values.length,
        medianReviewDays: p?.median ?? null,
        p90ReviewDays: p?.p90 ?? null,
      };
    });
    return { cycle, review };
  };
}

const shown = (d: Dashboard) => ({
  cycle: d.cycleTimeDays,
  review: d.byDivision.map(({ division, decisions, medianReviewDays, p90ReviewDays }) => ({
    division,
    decisions,
    medianReviewDays,
    p90ReviewDays,
  })),
});

describe("the dashboard's cycle and review times", () => {
  it("equal a computation from scratch over the audit log, for every filter, combinations and reviewer scopes", async () => {
    const expected = await fromScratch();
    const years = (
      await db.initiative.findMany({
        where: { round: { gt: 0 } },
        distinct: ["financialYear"],
        select: { financialYear: true },
      })
    ).map((r) => r.financialYear);
    expect(years.length).toBeGreaterThanOrEqual(3);
    const scopes: Filters[] = [
      {},
      ...years.map((fy) => ({ fy })),
      { bureau: "ITIB" },
      { bureau: "IMMD" },
      ...CATEGORIES.map((category) => ({ category })),
      ...DIVISIONS.map((division) => ({ division })),
      { fy: years[1], category: "E_SERVICE" },
      { fy: years[0], bureau: "IMMD", division: "DATA_GOVERNANCE" },
      { bureau: "ITIB", category: "DATA_SHARING", division: "DATA_GOVERNANCE", fy: years[2] },
    ];
    let nonEmpty = 0;
    for (const filters of scopes) {
      const want = expected(filters);
      if (Object.keys(want.cycle).length) nonEmpty++;
      expect(shown(await getDashboard(c.leader, filters, TODAY)), JSON.stringify(filters)).toEqual(want);
    }
    expect(nonEmpty).toBeGreaterThan(10);
    const reviewers: [Caller, Division][] = [
      [c.dg, "DIGITAL_GOVERNMENT"],
      [c.dgov, "DATA_GOVERNANCE"],
      [c.di, "DIGITAL_INFRASTRUCTURE"],
    ];
    for (const [caller, division] of reviewers) {
      for (const filters of [
        {},
        { fy: years[1] },
        { category: "E_SERVICE" },
        { bureau: "IMMD", fy: years[0] },
      ] as Filters[]) {
        expect(shown(await getDashboard(caller, filters, TODAY)), `${division} ${JSON.stringify(filters)}`).toEqual(
          expected(filters, division),
        );
      }
    }
  });
});

describe("percentilesOf", () => {
  /** What the two walks return for sorted values: ranks lo, lo + 1 ascending; hi, hi − 1 descending. */
  function walked(k: string, sorted: number[]): { counts: CountRow[]; walks: WalkRow[] } {
    const n = sorted.length;
    const lo = Math.floor((n - 1) / 2);
    const hi = Math.ceil((9 * (n - 1)) / 10);
    const desc = [...sorted].reverse();
    return {
      counts: [{ k, n: BigInt(n) }],
      walks: [
        ...sorted.slice(lo, lo + 2).map((v) => ({ k, w: "m" as const, v })),
        ...desc.slice(n - 1 - hi, n - 1 - hi + 2).map((v) => ({ k, w: "p" as const, v })),
      ],
    };
  }

  it("interpolates like percentile_cont for every size from 1 to 40, with ties, from at most four values", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 1; n <= 40; n++) {
      for (let trial = 0; trial < 5; trial++) {
        const values = Array.from({ length: n }, () => (trial % 2 ? Math.floor(rand() * 5) : rand() * 300));
        const sorted = [...values].sort((a, b) => a - b);
        const { counts, walks } = walked("s", sorted);
        expect(walks.length).toBeLessThanOrEqual(4);
        expect(percentilesOf(counts, walks).get("s"), `n=${n}`).toEqual(percentileCont(values));
      }
    }
  });

  it("leaves out groups without values", () => {
    expect(percentilesOf([{ k: "draft", n: 0 }], []).size).toBe(0);
  });
});

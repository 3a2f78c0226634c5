// The demo portfolio: built only through the lifecycle service, it must cover every state and substate,
// give every division a review queue, span three financial years, never look into the future, leave an
// audit trail per initiative that tells its whole story, and be built only once.
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server.ts";
import { isWorkingDay, workingDaysBetween } from "~/calendar/working-days.ts";
import { getRound } from "~/funding-rounds/funding-rounds.server.ts";
import { deliveryHealth } from "~/initiatives/delivery-health.ts";
import { DIVISIONS, REASON_CODES } from "~/lifecycle/divisions.ts";
import { STAGES } from "~/lifecycle/initiative.machine.ts";
import { db } from "~/utils/db.server.ts";
import { PORTFOLIO_START, PORTFOLIO_TODAY } from "../../prisma/seed/portfolio/index.ts";
import { seed } from "../../prisma/seed/index.ts";

type Row = Awaited<ReturnType<typeof loadInitiatives>>[number];

function loadInitiatives() {
  return db.initiative.findMany({
    orderBy: { ref: "asc" },
    select: {
      id: true,
      ref: true,
      bureauCode: true,
      stage: true,
      substate: true,
      round: true,
      pendingSignoffs: true,
      requiredDivisions: true,
      financialYear: true,
      stageEnteredAt: true,
      plannedEnd: true,
      nonRecurrentCost: true,
      milestones: { select: { due: true, status: true } },
      conditions: { select: { due: true, status: true } },
    },
  });
}

let rows: Row[];

beforeAll(async () => {
  await seed({ demoData: true });
  rows = await loadInitiatives();
});

const label = (r: { stage: string; substate: string | null }) => (r.substate ? `${r.stage}.${r.substate}` : r.stage);

describe("the demo portfolio", () => {
  // How long the build takes is measured by timing `npm run db:setup`, not asserted here.
  it("has at least 80 initiatives", () => {
    expect(rows.length).toBeGreaterThanOrEqual(80);
  });

  it("ends in every stage and both delivery substates", () => {
    const stages = new Set(rows.map((r) => r.stage));
    for (const stage of STAGES) expect(stages, stage).toContain(stage);
    const substates = new Set(rows.filter((r) => r.stage === "delivery").map((r) => r.substate));
    expect([...substates].sort()).toEqual(["inProgress", "onHold"]);
    // Several of each waiting state, so every screen has something to show.
    const count = (stage: string) => rows.filter((r) => r.stage === stage).length;
    expect(count("efficiencyReview")).toBeGreaterThanOrEqual(10);
    expect(count("returned")).toBeGreaterThanOrEqual(3);
  });

  it("gives every division a review queue, with some items past the 10-working-day SLA", () => {
    for (const division of DIVISIONS) {
      const queue = rows.filter((r) => r.pendingSignoffs.includes(`,${division},`));
      expect(queue.length, division).toBeGreaterThan(0);
      const ages = queue.map((r) => workingDaysBetween(r.stageEnteredAt, PORTFOLIO_TODAY));
      expect(Math.max(...ages), division).toBeGreaterThan(10);
      expect(Math.min(...ages), division).toBeLessThanOrEqual(10);
      expect(queue.every((r) => r.stage === "efficiencyReview")).toBe(true);
    }
    // Some reviews are part-way: one division has signed, another has not.
    const partial = rows.filter(
      (r) =>
        r.stage === "efficiencyReview" &&
        r.pendingSignoffs.split(",").filter(Boolean).length < r.requiredDivisions.split(",").length,
    );
    expect(partial.length).toBeGreaterThanOrEqual(3);
  });

  it("spreads over the financial years 2024-25, 2025-26 and 2026-27, and many B/Ds", () => {
    const years = new Set(rows.map((r) => r.financialYear));
    for (const fy of ["2024-25", "2025-26", "2026-27"]) expect(years).toContain(fy);
    expect(new Set(rows.map((r) => r.bureauCode)).size).toBeGreaterThanOrEqual(20);
    expect(rows.filter((r) => r.bureauCode === "ITIB").length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.bureauCode === "IMMD").length).toBeGreaterThanOrEqual(3);
  });

  it("has returned proposals in later rounds, costs on both sides of the block-allocation limit, and every delivery health", () => {
    expect(rows.some((r) => r.stage === "returned" && r.round >= 2)).toBe(true);
    expect(rows.some((r) => r.round === 3)).toBe(true);
    const costs = rows.flatMap((r) => (r.nonRecurrentCost ? [r.nonRecurrentCost] : []));
    expect(Math.min(...costs)).toBeLessThan(3_000_000);
    expect(Math.max(...costs)).toBeGreaterThan(150_000_000);
    const health = new Set(
      rows.map((r) =>
        deliveryHealth(
          { stage: r.stage, plannedEnd: r.plannedEnd, milestones: r.milestones, conditions: r.conditions },
          PORTFOLIO_TODAY,
        ),
      ),
    );
    for (const h of ["green", "amber", "red"]) expect(health).toContain(h);
  });

  it("has Finance Committee papers, rejections at each level, conditions met and open, and every reason code", async () => {
    const funding = await db.fundingDecision.findMany({ select: { decision: true, paperRef: true } });
    const decisions = new Set(funding.map((f) => f.decision));
    for (const d of ["APPROVED", "REFERRED", "FC_APPROVED", "FC_REJECTED", "DEFERRED", "REJECTED"])
      expect(decisions).toContain(d);
    const papers = funding.filter((f) => f.decision.startsWith("FC_")).map((f) => f.paperRef);
    expect(papers.length).toBeGreaterThan(3);
    for (const ref of papers) expect(ref).toMatch(/^FCR\(\d{4}-\d{2}\)\d+$/);
    expect(await db.signoff.count({ where: { decision: "REJECTED" } })).toBeGreaterThan(0);
    expect(await db.condition.count({ where: { status: "met" } })).toBeGreaterThan(0);
    expect(await db.condition.count({ where: { status: "open" } })).toBeGreaterThan(0);
    expect(await db.comment.count()).toBeGreaterThan(0);
    expect(await db.benefitReport.count()).toBeGreaterThan(0);
    const codes = new Set<string>();
    for (const e of await db.auditEvent.findMany({ select: { payload: true } })) {
      const code = (JSON.parse(e.payload) as { reasonCode?: string }).reasonCode;
      if (code) codes.add(code);
    }
    for (const code of REASON_CODES) expect(codes, code).toContain(code);
  });

  it("creates an officer for each B/D it uses, with the demo password hash", async () => {
    const officers = await db.user.findMany({
      where: { role: "OFFICER" },
      select: { bureauCode: true, passwordHash: true, email: true },
    });
    const bureaux = new Set(rows.map((r) => r.bureauCode));
    for (const code of bureaux)
      expect(
        officers.some((o) => o.bureauCode === code),
        code,
      ).toBe(true);
    const edb = officers.find((o) => o.email === "officer.edb@demo.gov.hk");
    const itb = officers.find((o) => o.email === "officer.itb@demo.gov.hk");
    expect(edb?.bureauCode).toBe("EDB");
    expect(edb?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(
      new Set(
        officers
          .filter((o) => o.email !== itb?.email && o.email !== "officer.immd@demo.gov.hk")
          .map((o) => o.passwordHash),
      ).size,
    ).toBe(1);
  });

  it("records nothing in the future and nothing before 1 April 2024", async () => {
    const now = Date.now();
    const start = Date.parse(`${PORTFOLIO_START}T00:00:00+08:00`);
    const todayIso = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
    const times: Date[] = [];
    for (const r of await db.initiative.findMany({
      select: { createdAt: true, updatedAt: true, stageEnteredAt: true, submittedAt: true },
    })) {
      times.push(r.createdAt, r.updatedAt, r.stageEnteredAt, ...(r.submittedAt ? [r.submittedAt] : []));
    }
    for (const e of await db.auditEvent.findMany({ select: { createdAt: true } })) times.push(e.createdAt);
    for (const s of await db.signoff.findMany({ select: { decidedAt: true } })) times.push(s.decidedAt);
    for (const f of await db.fundingDecision.findMany({ select: { createdAt: true, decisionDate: true } })) {
      times.push(f.createdAt);
      if (f.decisionDate) expect(f.decisionDate <= todayIso).toBe(true);
    }
    for (const c of await db.comment.findMany({ select: { createdAt: true } })) times.push(c.createdAt);
    for (const b of await db.benefitReport.findMany({ select: { createdAt: true } })) times.push(b.createdAt);
    for (const c of await db.condition.findMany({ select: { createdAt: true, metAt: true } }))
      times.push(c.createdAt, ...(c.metAt ? [c.metAt] : []));
    for (const m of await db.milestone.findMany({ select: { createdAt: true, updatedAt: true, actualDate: true } })) {
      times.push(m.createdAt, m.updatedAt);
      if (m.actualDate) expect(m.actualDate <= todayIso).toBe(true);
    }
    expect(times.length).toBeGreaterThan(1000);
    const ms = times.map((t) => t.getTime());
    expect(Math.max(...ms)).toBeLessThanOrEqual(now);
    expect(Math.min(...ms)).toBeGreaterThanOrEqual(start);
  });

  it("gives each initiative an audit trail from CREATE to its current state, chained intact", async () => {
    const events = await db.auditEvent.findMany({
      orderBy: { seq: "asc" },
      select: { initiativeId: true, event: true, fromState: true, toState: true, createdAt: true },
    });
    const byInitiative = new Map<string, typeof events>();
    for (const e of events)
      if (e.initiativeId)
        (byInitiative.get(e.initiativeId) ?? byInitiative.set(e.initiativeId, []).get(e.initiativeId)!).push(e);
    for (const r of rows) {
      const trail = byInitiative.get(r.id) ?? [];
      expect(trail[0]?.event, r.ref).toBe("CREATE");
      // An open change request is named after a `+` (delivery.inProgress+change.requested).
      expect(trail[trail.length - 1]!.toState!.split("+")[0], r.ref).toBe(label(r));
      // A connected path: each entry starts where the previous one ended (comments and edits name only the
      // stage), and time moves forward.
      for (let i = 1; i < trail.length; i++) {
        const prev = trail[i - 1]!.toState!;
        const from = trail[i]!.fromState!;
        expect(
          from === prev || prev.startsWith(`${from}.`) || from.startsWith(`${prev}.`),
          `${r.ref} #${i} ${trail[i]!.event}`,
        ).toBe(true);
        expect(trail[i]!.createdAt.getTime()).toBeGreaterThan(trail[i - 1]!.createdAt.getTime());
      }
    }
    // People work on working days (Hong Kong time), and the chain's order is the order of time.
    const hkDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const portfolio = events.filter((e) => e.createdAt.getTime() < Date.parse(`${PORTFOLIO_TODAY}T00:00:00+08:00`));
    expect(portfolio.filter((e) => !isWorkingDay(hkDate(e.createdAt)))).toEqual([]);
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.createdAt.getTime());
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: events.length });
  });

  it("has a finalised 2025-26 funding round and an open 2026-27 one whose bids ask for more than its envelope", async () => {
    const leader = await db.user.findUniqueOrThrow({ where: { email: "leader@demo.gov.hk" } });
    const caller = { id: leader.id, role: "LEADERSHIP" as const, bureauCode: null, divisionCode: null };
    const last = await getRound(caller, "2025-26");
    expect(last.status).toBe("FINALISED");
    expect(new Set(last.bids.map((b) => b.outcome))).toEqual(new Set(["APPROVED", "SHELVED"]));
    const open = await getRound(caller, "2026-27");
    expect(open.status).toBe("OPEN");
    const asked = open.bids.filter((b) => b.route === "BLOCK_ALLOCATION").reduce((sum, b) => sum + b.requested, 0);
    expect(asked).toBeGreaterThan(open.envelope);
    expect(open.bids.some((b) => b.aboveLine) && open.bids.some((b) => !b.aboveLine)).toBe(true);
    // A bid shelved in 2025-26 bids again in 2026-27 as its next round.
    expect(open.bids.some((b) => b.submissionRound === 2 && last.bids.some((l) => l.ref === b.ref))).toBe(true);
  });

  it("is built only once: a second seed adds nothing", async () => {
    const counts = async () => ({
      initiatives: await db.initiative.count(),
      audit: await db.auditEvent.count(),
      users: await db.user.count(),
      milestones: await db.milestone.count(),
    });
    const before = await counts();
    await seed({ demoData: true });
    expect(await counts()).toEqual(before);
  });
});

describe("the demo inboxes", () => {
  it("every demo account with a workflow role has notifications from the portfolio, at most five unread", async () => {
    const demo = [
      "officer.itb@demo.gov.hk",
      "officer.immd@demo.gov.hk",
      "reviewer.dg@demo.gov.hk",
      "reviewer.dgov@demo.gov.hk",
      "reviewer.di@demo.gov.hk",
      "leader@demo.gov.hk",
    ];
    for (const email of demo) {
      const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
      const all = await db.notification.count({ where: { userId: user.id } });
      const unread = await db.notification.count({ where: { userId: user.id, readAt: null } });
      expect(all, email).toBeGreaterThan(0);
      expect(unread, email).toBeGreaterThan(0);
      expect(unread, email).toBeLessThanOrEqual(5);
    }
    // The heads of the divisions are among leadership.
    const heads = await db.user.findMany({
      where: { email: { startsWith: "head." } },
      select: { role: true, divisionCode: true },
      orderBy: { email: "asc" },
    });
    expect(heads).toEqual([
      { role: "LEADERSHIP", divisionCode: "DIGITAL_GOVERNMENT" },
      { role: "LEADERSHIP", divisionCode: "DATA_GOVERNANCE" },
      { role: "LEADERSHIP", divisionCode: "DIGITAL_INFRASTRUCTURE" },
    ]);
    // No e-mail about years of demo history waits to be sent.
    expect(await db.notificationDelivery.count({ where: { status: { in: ["PENDING", "DIGEST"] } } })).toBe(0);
  });
});

// A small portfolio whose dashboard figures are worked out by hand (see dashboard.test.ts). Every
// initiative is driven through the real lifecycle service with timestamps in the past, every step at
// 10:00 Hong Kong time, so that stays and review times are whole days.
//
// Reference data comes from `seed({ demoData: false })` and the demo users are created here: the demo
// seed would add its own ninety-initiative portfolio, and these answers must be exact.
import { ensureBusinessCase } from "~/attachments/business-case.server.ts";
import { hashPassword } from "~/auth/password.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { addComment, createDraft, sendEvent } from "~/initiatives/initiatives.server.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";
import { db } from "~/utils/db.server.ts";
import { DEMO_PASSWORD, DEMO_USERS, seed } from "../../prisma/seed/index.ts";
import { completeProposal, demoCallers, type Callers } from "../factories/initiatives.ts";

/** The date the portfolio's figures are measured on (a Friday). */
export const TODAY = "2026-11-27";

/** 10:00 Hong Kong time on an ISO date. */
export const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

/** Reference data and the demo accounts, without the demo portfolio. */
export async function seedUsersOnly(): Promise<Callers> {
  await seed({ demoData: false, adminPassword: "x".repeat(12) });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    await db.user.create({
      data: {
        email: u.email,
        name: u.name,
        role: u.role,
        bureauCode: u.bureauCode ?? null,
        divisionCode: u.divisionCode ?? null,
        passwordHash,
      },
    });
  }
  return demoCallers();
}

type Step = [who: Caller, body: Record<string, unknown>, date: string];

async function drive(
  owner: Caller,
  proposal: Record<string, unknown>,
  created: string,
  steps: (c: { ms: string[] }) => Step[],
) {
  const { ref } = await createDraft(owner, completeProposal(proposal), { now: at(created) });
  const detail = await getInitiative(owner, ref);
  for (const [who, body, date] of steps({ ms: detail.milestones.map((m) => m.id) })) {
    // Above the threshold a proposal is submitted with its business case, as an officer must.
    if (body.type === "SUBMIT" || body.type === "RESUBMIT") await ensureBusinessCase(who, ref, at(date));
    await sendEvent(who, ref, body, { now: at(date) });
  }
  return ref;
}

const flags = (
  f: Partial<
    Record<"handlesPersonalData" | "sharesDataAcrossBureaux" | "needsNewInfrastructure" | "citizenFacing", boolean>
  >,
) => ({
  handlesPersonalData: false,
  sharesDataAcrossBureaux: false,
  needsNewInfrastructure: false,
  citizenFacing: false,
  ...f,
});

/**
 * Builds the portfolio; returns the references by name. Visible to leadership: alpha … lima except
 * foxtrot (a draft) and golf (withdrawn while a draft).
 */
export async function buildPortfolio(c: Callers) {
  const refs: Record<string, string> = {};

  // Alpha — ITIB e-service led by DG, signed off by DG and DGOV; funded HK$8m; delivering on time.
  refs.alpha = await drive(
    c.itb,
    {
      titleEn: "Alpha licensing portal",
      category: "E_SERVICE",
      leadDivision: "DIGITAL_GOVERNMENT",
      ...flags({ handlesPersonalData: true, citizenFacing: true }),
      nonRecurrentCost: 8_000_000,
      expectedAnnualSavings: 2_000_000,
      expectedStaffHoursSaved: 10_000,
      plannedStart: "2025-06-01",
      plannedEnd: "2027-06-30",
      milestones: [
        { name: "Design", due: "2025-12-31" },
        { name: "Live", due: "2027-03-31" },
      ],
    },
    "2025-05-02",
    ({ ms }) => [
      [c.itb, { type: "SUBMIT" }, "2025-05-12"],
      [c.dg, { type: "APPROVE" }, "2025-05-15"],
      [c.dgov, { type: "APPROVE" }, "2025-05-22"],
      [c.dg, { type: "APPROVE_FUNDING", amount: 8_000_000 }, "2025-06-01"],
      [c.itb, { type: "REPORT_PROGRESS", milestoneId: ms[0], date: "2025-12-20" }, "2025-12-20"],
    ],
  );
  // A comment during the review: an audit entry that is not a change of stage.
  await addComment(c.leader, refs.alpha, { body: "Please keep leadership informed." }, { now: at("2025-05-18") });

  // Bravo — IMMD data sharing led by DGOV, HK$30m referred to and approved by the Finance Committee,
  // paused and resumed, completed, benefits reported, closed.
  refs.bravo = await drive(
    c.immd,
    {
      titleEn: "Bravo data exchange",
      category: "DATA_SHARING",
      leadDivision: "DATA_GOVERNANCE",
      ...flags({ sharesDataAcrossBureaux: true }),
      nonRecurrentCost: 30_000_000,
      expectedAnnualSavings: 9_000_000,
      expectedStaffHoursSaved: 40_000,
      plannedStart: "2024-07-01",
      plannedEnd: "2025-12-31",
      milestones: [
        { name: "Pilot", due: "2025-03-31" },
        { name: "Roll-out", due: "2025-11-30" },
      ],
    },
    "2024-05-06",
    ({ ms }) => [
      [c.immd, { type: "SUBMIT" }, "2024-05-13"],
      [c.dgov, { type: "APPROVE" }, "2024-05-27"],
      [c.dgov, { type: "REFER_TO_FINANCE_COMMITTEE", amount: 30_000_000 }, "2024-06-06"],
      [c.leader, { type: "RECORD_FC_APPROVAL", paperRef: "FCR(2024-25)12", date: "2024-07-05" }, "2024-07-05"],
      [c.immd, { type: "PAUSE", reason: "Vendor change", reasonCode: "OTHER" }, "2025-01-06"],
      [c.immd, { type: "RESUME", reason: "New vendor on board" }, "2025-01-20"],
      [c.immd, { type: "REPORT_PROGRESS", milestoneId: ms[0], date: "2025-03-20" }, "2025-03-20"],
      [c.immd, { type: "REPORT_PROGRESS", milestoneId: ms[1], date: "2025-11-25" }, "2025-11-25"],
      [c.immd, { type: "COMPLETE" }, "2025-12-05"],
      [
        c.immd,
        {
          type: "REPORT_BENEFITS",
          realisedAnnualSavings: 8_000_000,
          realisedStaffHoursSaved: 35_000,
          note: "First year",
        },
        "2026-06-05",
      ],
      [c.dgov, { type: "CLOSE" }, "2026-06-15"],
    ],
  );

  // Charlie — ITIB infrastructure led by DI: returned (security risk), resubmitted, rejected (cost).
  refs.charlie = await drive(
    c.itb,
    {
      titleEn: "Charlie data centre",
      category: "INFRASTRUCTURE",
      leadDivision: "DIGITAL_INFRASTRUCTURE",
      ...flags({ needsNewInfrastructure: true }),
      nonRecurrentCost: 5_000_000,
      expectedAnnualSavings: 500_000,
      expectedStaffHoursSaved: 1_000,
    },
    "2025-04-07",
    () => [
      [c.itb, { type: "SUBMIT" }, "2025-04-14"],
      [c.di, { type: "REQUEST_CHANGES", reason: "Threat model missing", reasonCode: "SECURITY_RISK" }, "2025-04-24"],
      [c.itb, { type: "RESUBMIT" }, "2025-05-08"],
      [
        c.di,
        { type: "REJECT", reason: "Too expensive for what it does", reasonCode: "COST_NOT_JUSTIFIED" },
        "2025-05-13",
      ],
    ],
  );

  // Delta — IMMD e-service led by DG: DGOV signed off, DG's sign-off pending since 5 Oct 2026.
  refs.delta = await drive(
    c.immd,
    {
      titleEn: "Delta visa e-service",
      category: "E_SERVICE",
      leadDivision: "DIGITAL_GOVERNMENT",
      ...flags({ handlesPersonalData: true, citizenFacing: true }),
      nonRecurrentCost: 12_000_000,
      plannedStart: "2027-01-01",
      plannedEnd: "2028-03-31",
      milestones: [{ name: "Live", due: "2028-01-31" }],
    },
    "2026-09-21",
    () => [
      [c.immd, { type: "SUBMIT" }, "2026-10-05"],
      [c.dgov, { type: "APPROVE" }, "2026-10-08"],
    ],
  );

  // Echo — ITIB AI led by DG, deferred for funding priority.
  refs.echo = await drive(
    c.itb,
    {
      titleEn: "Echo chatbot",
      category: "AI_AUTOMATION",
      leadDivision: "DIGITAL_GOVERNMENT",
      ...flags({}),
      nonRecurrentCost: 3_000_000,
      plannedStart: "2026-07-01",
      plannedEnd: "2027-06-30",
      milestones: [{ name: "Live", due: "2027-03-31" }],
    },
    "2026-04-20",
    () => [
      [c.itb, { type: "SUBMIT" }, "2026-04-27"],
      [c.dg, { type: "APPROVE" }, "2026-05-04"],
      [c.dg, { type: "DEFER", reason: "Next round", reasonCode: "FUNDING_PRIORITY" }, "2026-05-11"],
    ],
  );

  // Foxtrot — an ITIB draft: invisible to leadership. Golf — an IMMD draft withdrawn: invisible too.
  refs.foxtrot = await drive(c.itb, { titleEn: "Foxtrot draft", nonRecurrentCost: 50_000_000 }, "2026-11-02", () => []);
  refs.golf = await drive(
    c.immd,
    { titleEn: "Golf abandoned draft", nonRecurrentCost: 40_000_000 },
    "2026-03-02",
    () => [[c.immd, { type: "WITHDRAW", reason: "Duplicate" }, "2026-03-10"]],
  );

  // Hotel — IMMD cyber security led by DI, approved with a condition (due 31 Mar 2025, never met),
  // funded HK$15m; its planned end (30 Jun 2026) has passed: seriously late.
  refs.hotel = await drive(
    c.immd,
    {
      titleEn: "Hotel security operations centre",
      category: "CYBERSECURITY",
      leadDivision: "DIGITAL_INFRASTRUCTURE",
      ...flags({ needsNewInfrastructure: true }),
      nonRecurrentCost: 15_000_000,
      expectedAnnualSavings: 4_000_000,
      expectedStaffHoursSaved: 8_000,
      plannedStart: "2025-01-01",
      plannedEnd: "2026-06-30",
      milestones: [
        { name: "Build", due: "2025-06-30" },
        { name: "Operate", due: "2026-06-30" },
      ],
    },
    "2024-11-04",
    ({ ms }) => [
      [c.immd, { type: "SUBMIT" }, "2024-11-11"],
      [
        c.di,
        {
          type: "APPROVE_WITH_CONDITIONS",
          conditions: [{ text: "Complete a security risk assessment", due: "2025-03-31" }],
        },
        "2024-11-25",
      ],
      [c.di, { type: "APPROVE_FUNDING", amount: 15_000_000 }, "2024-12-09"],
      [c.immd, { type: "REPORT_PROGRESS", milestoneId: ms[0], date: "2025-07-15" }, "2025-07-15"],
    ],
  );

  // India — ITIB e-service led by DG, funded HK$5m of HK$6m; a milestone 17 days overdue: overdue.
  refs.india = await drive(
    c.itb,
    {
      titleEn: "India appointment booking",
      category: "E_SERVICE",
      leadDivision: "DIGITAL_GOVERNMENT",
      ...flags({ citizenFacing: true }),
      nonRecurrentCost: 6_000_000,
      expectedAnnualSavings: 1_500_000,
      expectedStaffHoursSaved: 6_000,
      plannedStart: "2026-02-01",
      plannedEnd: "2027-12-31",
      milestones: [
        { name: "Beta", due: "2026-11-10" },
        { name: "Live", due: "2027-06-30" },
      ],
    },
    "2026-01-05",
    () => [
      [c.itb, { type: "SUBMIT" }, "2026-01-12"],
      [c.dg, { type: "APPROVE" }, "2026-01-17"],
      [c.dg, { type: "APPROVE_FUNDING", amount: 5_000_000 }, "2026-01-26"],
    ],
  );

  // Kilo — ITIB, other, led by DG: delivered, in benefits review with benefits reported.
  refs.kilo = await drive(
    c.itb,
    {
      titleEn: "Kilo records digitisation",
      category: "OTHER",
      leadDivision: "DIGITAL_GOVERNMENT",
      ...flags({}),
      nonRecurrentCost: 2_000_000,
      expectedAnnualSavings: 600_000,
      expectedStaffHoursSaved: 3_000,
      plannedStart: "2025-02-01",
      plannedEnd: "2025-12-31",
      milestones: [{ name: "Scanned", due: "2025-10-31" }],
    },
    "2025-01-06",
    ({ ms }) => [
      [c.itb, { type: "SUBMIT" }, "2025-01-13"],
      [c.dg, { type: "APPROVE" }, "2025-01-22"],
      [c.dg, { type: "APPROVE_FUNDING", amount: 2_000_000 }, "2025-01-27"],
      [c.itb, { type: "REPORT_PROGRESS", milestoneId: ms[0], date: "2025-10-20" }, "2025-10-20"],
      [c.itb, { type: "COMPLETE" }, "2025-11-03"],
      [
        c.itb,
        { type: "REPORT_BENEFITS", realisedAnnualSavings: 1_500_000, realisedStaffHoursSaved: 5_000, note: "Measured" },
        "2026-05-04",
      ],
    ],
  );

  // Lima — IMMD data sharing led by DGOV, HK$25m referred to the Finance Committee, awaiting it.
  refs.lima = await drive(
    c.immd,
    {
      titleEn: "Lima shared registry",
      category: "DATA_SHARING",
      leadDivision: "DATA_GOVERNANCE",
      ...flags({ sharesDataAcrossBureaux: true }),
      nonRecurrentCost: 25_000_000,
      plannedStart: "2026-09-01",
      plannedEnd: "2028-03-31",
      milestones: [{ name: "Live", due: "2027-12-31" }],
    },
    "2026-06-01",
    () => [
      [c.immd, { type: "SUBMIT" }, "2026-06-08"],
      [c.dgov, { type: "APPROVE" }, "2026-06-15"],
      [c.dgov, { type: "REFER_TO_FINANCE_COMMITTEE", amount: 25_000_000 }, "2026-06-22"],
    ],
  );

  return refs;
}

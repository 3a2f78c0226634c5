// Builders for users and initiatives in any state. Initiatives are always driven through the real
// service and machine, never written into a state directly.
import { ensureBusinessCase } from "~/attachments/business-case.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { createDraft, sendEvent } from "~/initiatives/initiatives.server.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";
import type { Role } from "~/auth/roles.ts";
import { db } from "~/utils/db.server.ts";

/** The demo users as callers, by short name. Run the seed first. */
export async function demoCallers() {
  const rows = await db.user.findMany({
    select: { id: true, email: true, role: true, bureauCode: true, divisionCode: true },
  });
  const by = (email: string): Caller => {
    const u = rows.find((r) => r.email === email);
    if (!u) throw new Error(`no user ${email}: seed first`);
    return { id: u.id, role: u.role as Role, bureauCode: u.bureauCode, divisionCode: u.divisionCode };
  };
  return {
    itb: by("officer.itb@demo.gov.hk"),
    immd: by("officer.immd@demo.gov.hk"),
    dg: by("reviewer.dg@demo.gov.hk"),
    dgov: by("reviewer.dgov@demo.gov.hk"),
    di: by("reviewer.di@demo.gov.hk"),
    leader: by("leader@demo.gov.hk"),
    admin: by("admin@demo.gov.hk"),
  };
}
export type Callers = Awaited<ReturnType<typeof demoCallers>>;

/** A complete proposal. By default citizen-facing with personal data: DG (lead) and DGOV must sign. */
export function completeProposal(overrides: Record<string, unknown> = {}) {
  return {
    titleEn: "Online appointment booking for identity card replacement",
    titleZh: "網上預約更換身份證",
    category: "E_SERVICE",
    leadDivision: "DIGITAL_GOVERNMENT",
    summary: "Let residents book and reschedule identity card replacement appointments online.",
    handlesPersonalData: true,
    sharesDataAcrossBureaux: false,
    needsNewInfrastructure: false,
    citizenFacing: true,
    nonRecurrentCost: 8_500_000,
    recurrentCost: 1_200_000,
    expectedAnnualSavings: 3_000_000,
    expectedStaffHoursSaved: 12_000,
    plannedStart: "2026-04-01",
    plannedEnd: "2027-09-30",
    milestones: [
      { name: "Tender awarded", due: "2026-07-31" },
      { name: "System live", due: "2027-06-30" },
    ],
    ...overrides,
  };
}

export type Path =
  | "draft"
  | "efficiencyReview"
  | "returned"
  | "fundingReview"
  | "deferred"
  | "awaitingFinanceCommittee"
  | "delivery"
  | "benefitsReview"
  | "closed"
  | "rejected"
  | "withdrawn";

/**
 * Creates an initiative owned by `owner` (ITB by default) and drives it to `target` through the service.
 * For awaitingFinanceCommittee the proposal costs HK$45,000,000 unless overridden.
 */
export async function initiativeIn(
  target: Path,
  c: Callers,
  opts: { owner?: Caller; proposal?: Record<string, unknown> } = {},
) {
  const owner = opts.owner ?? c.itb;
  const fc = target === "awaitingFinanceCommittee";
  const proposal = completeProposal({ ...(fc ? { nonRecurrentCost: 45_000_000 } : {}), ...opts.proposal });
  const { ref } = await createDraft(owner, proposal);
  const send = (who: Caller, body: Record<string, unknown>) => sendEvent(who, ref, body);
  if (target === "draft") return ref;
  if (target === "withdrawn") {
    await send(owner, { type: "WITHDRAW", reason: "No longer needed" });
    return ref;
  }
  // Above the business-case threshold an officer attaches one before submitting; so does the factory.
  await ensureBusinessCase(owner, ref);
  await send(owner, { type: "SUBMIT" });
  if (target === "efficiencyReview") return ref;
  if (target === "returned") {
    await send(c.dg, {
      type: "REQUEST_CHANGES",
      reason: "Cost breakdown missing",
      reasonCode: "INCOMPLETE_BUSINESS_CASE",
    });
    return ref;
  }
  if (target === "rejected") {
    await send(c.dgov, { type: "REJECT", reason: "Privacy risk too high", reasonCode: "DATA_PRIVACY_RISK" });
    return ref;
  }
  const view = await getInitiative(c.leader, ref);
  const reviewers: Record<string, Caller> = {
    DIGITAL_GOVERNMENT: c.dg,
    DATA_GOVERNANCE: c.dgov,
    DIGITAL_INFRASTRUCTURE: c.di,
  };
  for (const [division, status] of Object.entries(view.signoffs)) {
    if (status === "pending") await send(reviewers[division]!, { type: "APPROVE" });
  }
  if (target === "fundingReview") return ref;
  const lead = reviewers[view.leadDivision as string]!;
  if (target === "deferred") {
    await send(lead, { type: "DEFER", reason: "Next funding round", reasonCode: "FUNDING_PRIORITY" });
    return ref;
  }
  const requested = Number(proposal.nonRecurrentCost);
  if (fc) {
    await send(lead, { type: "REFER_TO_FINANCE_COMMITTEE", amount: requested });
    return ref;
  }
  await send(lead, { type: "APPROVE_FUNDING", amount: requested });
  if (target === "delivery") return ref;
  const detail = await getInitiative(owner, ref);
  for (const m of detail.milestones) await send(owner, { type: "REPORT_PROGRESS", milestoneId: m.id, date: m.due });
  await send(owner, { type: "COMPLETE" });
  if (target === "benefitsReview") return ref;
  await send(owner, {
    type: "REPORT_BENEFITS",
    realisedAnnualSavings: 2_800_000,
    realisedStaffHoursSaved: 11_000,
    note: "Measured over the first year",
  });
  await send(lead, { type: "CLOSE" });
  return ref;
}

/** Read models for initiatives: one initiative with everything its page and the API show, and registers. */
import { z } from "zod";
import { availableEvents } from "~/lifecycle/available-events.ts";
import { CATEGORIES, DIVISIONS } from "~/lifecycle/divisions.ts";
import { STAGES } from "~/lifecycle/initiative.machine.ts";
import { changeStateOf, restoreSnapshot, signoffsOf } from "~/lifecycle/snapshot.ts";
import { getSettings, type Settings } from "~/settings/settings.server.ts";
import { containsIgnoringCase, db } from "~/utils/db.server.ts";
import { parseFilters } from "~/utils/filters.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { logDenied } from "~/auth/security-log.server.ts";
import { actorOf, canSee, visibleWhere, type Caller } from "./access.server.ts";
import { actingFor, asDelegator } from "~/delegations/acting-as.server.ts";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { initiativeRound } from "~/funding-rounds/initiative-round.server.ts";
import { attachmentViews, lastDecisionOf } from "~/attachments/attachments.server.ts";
import { deliveryHealth } from "./delivery-health.ts";
import { healthOf } from "./register-health.server.ts";
import { registerTotal } from "./register-totals.server.ts";
import { readDataStamp, type DataStamp } from "~/utils/db/data-stamp.server.ts";
import { PROPOSAL_FIELDS, PROPOSAL_SELECT, type ProposalField } from "./initiative-row.server.ts";
import { initiativeLists } from "./initiative-lists.server.ts";
import { namedPlan, planOf, planPeople } from "./plan.queries.server.ts";
import { reasonsFromAudit } from "./reasons.ts";
import { REPORT_WORKING_DAYS } from "~/status-reports/quarters.ts";
import { statusReportsOf } from "~/status-reports/status-reports.server.ts";

const DETAIL_SELECT = {
  id: true,
  ref: true,
  bureauCode: true,
  ...PROPOSAL_SELECT,
  snapshot: true,
  stage: true,
  substate: true,
  round: true,
  version: true,
  requiredDivisions: true,
  pendingSignoffs: true,
  financialYear: true,
  submittedAt: true,
  stageEnteredAt: true,
  fundedAmount: true,
  baseline: true,
  realisedAnnualSavings: true,
  realisedStaffHoursSaved: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.InitiativeSelect;

export type DetailOptions = {
  comments?: boolean;
  audit?: boolean;
  rounds?: boolean;
  /** Its attachments as the page lists them (not part of the view: the API answers them apart). */
  attachments?: boolean;
  /** The settings in force, when the caller has just read them (a transition reads them first). */
  settings?: Settings;
};

/**
 * One initiative as the caller may see it, with the events they may send now. 404 when it does not
 * exist or the caller may not see it (the two look the same).
 */
export async function getInitiative(user: Caller, ref: string, opts: DetailOptions = {}) {
  return (await loadInitiative(user, ref, opts)).view;
}

export type InitiativeView = Awaited<ReturnType<typeof getInitiative>>;

/**
 * {@link getInitiative}'s view, with what the page needs besides and has just been read for it: the
 * initiative's columns that say who may attach to it, the settings in force and, when asked for, its
 * attachments.
 */
export async function loadInitiative(user: Caller, ref: string, opts: DetailOptions = {}) {
  // The columns, every list (one statement) and what depends on the caller alone, side by side (the lists
  // are not shown unless the columns say the caller may see them).
  const [columns, lists, settings, acting] = await Promise.all([
    db.initiative.findUnique({ where: { ref }, select: DETAIL_SELECT }),
    initiativeLists(ref, opts),
    opts.settings ?? getSettings(),
    actingFor(user),
  ]);
  if (!columns || !lists || !canSee(user, columns)) {
    if (columns) logDenied(user, "read initiative", "not visible to the caller", ref);
    throw new HttpError(404, { key: "problems.initiativeNotFound", values: { ref } });
  }
  const row = { ...columns, ...lists };
  const r = row as unknown as Record<string, unknown>;
  const snapshot = restoreSnapshot(row.snapshot);
  const proposal = Object.fromEntries(PROPOSAL_FIELDS.map((f) => [f, r[f] ?? null])) as {
    [K in ProposalField]: (typeof row)[K];
  };
  const today = todayInHongKong();
  const plan = planOf(
    {
      plannedEnd: proposal.plannedEnd,
      fundedAmount: row.fundedAmount,
      stageEnteredAt: row.stageEnteredAt,
      milestones: row.milestones,
    },
    row.baselines,
    row.changeRequests,
  );
  const fundingRound = initiativeRound(
    { stage: row.stage, plannedStart: proposal.plannedStart, stageEnteredAt: row.stageEnteredAt },
    row.bids,
    row.fundingRounds,
  );
  const status = statusReportsOf(row.deliveryStays, row.statusReports, today);
  const { comments, audit, rounds, attachments } = row;
  // What was said with a pause, withdrawal, refusal…: shown on the page and in the API whatever is
  // included; taken from the whole audit trail when that is read anyway.
  const reasonRows = row.reasons;

  const auditPayloads = (audit ?? []).map((a) => JSON.parse(a.payload) as Record<string, unknown>);
  // reasonsFromAudit keeps only the events that carry a reason.
  const reasonEntries = reasonRows
    ? reasonRows.map((a) => ({ ...a, payload: JSON.parse(a.payload) as Record<string, unknown> }))
    : (audit ?? []).map((a, i) => ({ ...a, payload: auditPayloads[i]! }));
  const onBehalfOf = (p: Record<string, unknown>) => (typeof p.onBehalfOf === "string" ? p.onBehalfOf : null);
  const userIds = new Set<string>([
    ...row.signoffs.map((s) => s.reviewerId),
    ...(comments ?? []).map((c) => c.authorId),
    ...(audit ?? []).flatMap((a) => (a.actorId ? [a.actorId] : [])),
    ...auditPayloads.flatMap((p) => onBehalfOf(p) ?? []),
    ...reasonEntries.flatMap((a) => (a.actorId ? [a.actorId] : [])),
    ...(status?.reports ?? []).map((r) => r.reportedById),
    ...planPeople(plan),
    ...(attachments ?? []).map((a) => a.uploadedById),
  ]);
  const actor = actorOf(user);
  const limitOpts = { blockAllocationLimit: settings.blockAllocationLimit };
  // A new initiative has no one to name yet: Prisma would still send the (empty) query.
  const people = userIds.size
    ? await db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } })
    : [];
  const names = new Map(people.map((u) => [u.id, u.name]));

  const view = {
    ref: row.ref,
    ...proposal,
    bureau: row.bureau,
    stage: row.stage,
    substate: row.substate,
    state: snapshot.value,
    version: row.version,
    round: row.round,
    financialYear: row.financialYear,
    requiredDivisions: row.requiredDivisions ? row.requiredDivisions.split(",") : [],
    signoffs: signoffsOf(snapshot),
    signoffHistory: row.signoffs.map(({ reviewerId, ...s }) => ({ ...s, reviewer: names.get(reviewerId) ?? null })),
    milestones: row.milestones,
    // C1, C2, … number conditions in the order attached; several attached at once share a createdAt.
    conditions: row.conditions
      .map(({ key, ...c }) => ({ id: key, ...c }))
      .sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1))),
    funding: {
      requested: row.nonRecurrentCost ?? null,
      approved: row.fundedAmount,
      blockAllocationLimit: settings.blockAllocationLimit,
      decisions: row.funding,
    },
    // The plan over time (issue 15): health is measured against the current plan, the latest baseline (its
    // milestones and planned end are the columns an approved change rewrote); variance against the first.
    health: deliveryHealth(
      { stage: row.stage, plannedEnd: proposal.plannedEnd, milestones: row.milestones, conditions: row.conditions },
      today,
    ),
    baseline: row.baseline,
    changeState: changeStateOf(snapshot),
    ...namedPlan(plan, names),
    benefits: {
      expectedAnnualSavings: row.expectedAnnualSavings ?? null,
      expectedStaffHoursSaved: row.expectedStaffHoursSaved ?? null,
      realisedAnnualSavings: row.realisedAnnualSavings,
      realisedStaffHoursSaved: row.realisedStaffHoursSaved,
      reports: row.benefits,
    },
    reasons: reasonsFromAudit(
      reasonEntries.map(({ actorId, ...a }) => ({ ...a, actor: actorId ? (names.get(actorId) ?? null) : null })),
    ),
    // Quarterly status reports, from the quarter delivery began; null before funding.
    statusReports: status
      ? {
          deliveryStart: status.deliveryStart,
          deliveryEnd: status.deliveryEnd,
          dueWorkingDays: REPORT_WORKING_DAYS,
          reportingQuarter: status.reportingQuarter,
          quarters: status.quarters,
          current: status.current,
          reports: status.reports.map(({ reportedById, ...r }) => ({
            ...r,
            reportedBy: names.get(reportedById) ?? null,
          })),
        }
      : null,
    statusReportsOverdue: status?.overdue ?? [],
    // The round it bids in, or whose deadline it missed: the officer sees which round and the deadline.
    fundingRound,
    submittedAt: row.submittedAt,
    stageEnteredAt: row.stageEnteredAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    availableEvents: availableEvents(snapshot, actor, limitOpts),
    // What the caller may do now on behalf of each reviewer or leader they stand in for today.
    actingFor: acting.map((a) => ({
      delegationId: a.delegationId,
      delegator: {
        name: a.delegator.name,
        email: a.delegator.email,
        role: a.delegator.role,
        divisionCode: a.delegator.divisionCode,
      },
      until: a.until,
      availableEvents: availableEvents(snapshot, actorOf(asDelegator(user, a.delegator)), limitOpts),
    })),
    ...(comments
      ? { comments: comments.map(({ authorId, ...c }) => ({ ...c, author: names.get(authorId) ?? null })) }
      : {}),
    ...(audit
      ? {
          audit: audit.map(({ actorId, payload: _raw, ...a }, i) => {
            const payload = auditPayloads[i]!;
            const behalf = onBehalfOf(payload);
            return {
              ...a,
              actor: actorId ? (names.get(actorId) ?? null) : null,
              onBehalfOf: behalf ? (names.get(behalf) ?? null) : null,
              payload,
            };
          }),
        }
      : {}),
    ...(rounds
      ? { rounds: rounds.map((x) => ({ ...x, proposal: JSON.parse(x.proposal) as Record<string, unknown> })) }
      : {}),
  };
  const target = {
    id: row.id,
    ref: row.ref,
    bureauCode: row.bureauCode,
    round: row.round,
    stage: row.stage,
    leadDivision: proposal.leadDivision,
    pendingSignoffs: row.pendingSignoffs,
  };
  const decidedAt = lastDecisionOf(view);
  return {
    view,
    target,
    settings,
    attachments: attachments ? attachmentViews(attachments, decidedAt, names) : null,
  };
}

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The highest page number a register accepts (errors.badPaging says the same). */
export const MAX_PAGE = 10_000;

/** Register filters, from a query string or the API's query parameters. Unknown values are a 400. */
export const registerFiltersSchema = z.object({
  stage: z.preprocess(blank, z.enum(STAGES).optional()),
  bureau: z.preprocess(blank, z.string().max(20).optional()),
  division: z.preprocess(blank, z.enum(DIVISIONS).optional()),
  category: z.preprocess(blank, z.enum(CATEGORIES).optional()),
  fy: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{4}-\d{2}$/, "like 2026-27")
      .optional(),
  ),
  q: z.preprocess(blank, z.string().max(200).optional()),
  sort: z.preprocess(blank, z.enum(["ref", "title", "stage", "cost", "updated"]).default("updated")),
  dir: z.preprocess(blank, z.enum(["asc", "desc"]).default("desc")),
  // Bounded: a page far past the end is a mistake, and 1e308 is an "integer" no database can skip to.
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(MAX_PAGE).default(1)),
  pageSize: z.preprocess(blank, z.coerce.number().int().min(1).max(500).default(50)),
});
export type RegisterFilters = z.infer<typeof registerFiltersSchema>;

/** Parses register filters from URL search params; a bad value is a 400 naming the parameter. */
export function parseRegisterFilters(params: URLSearchParams): RegisterFilters {
  return parseFilters(registerFiltersSchema, params);
}

/** The Prisma filter for a register query, always narrowed to what the caller may see. */
export function registerWhere(user: Caller, f: Partial<RegisterFilters>): Prisma.InitiativeWhereInput {
  const and: Prisma.InitiativeWhereInput[] = [visibleWhere(user)];
  if (f.stage) and.push({ stage: f.stage });
  if (f.bureau) and.push({ bureauCode: f.bureau });
  if (f.division) and.push({ leadDivision: f.division });
  if (f.category) and.push({ category: f.category });
  if (f.fy) and.push({ financialYear: f.fy });
  if (f.q) {
    const q = containsIgnoringCase(f.q);
    and.push({ OR: [{ ref: q }, { titleEn: q }, { titleZh: q }] });
  }
  return { AND: and };
}

const SORT_COLUMNS: Record<RegisterFilters["sort"], keyof Prisma.InitiativeOrderByWithRelationInput> = {
  ref: "ref",
  title: "titleEn",
  stage: "stage",
  cost: "nonRecurrentCost",
  updated: "updatedAt",
};

/** A page of the register the caller may see, each row with its delivery health. */
export async function listInitiatives(
  user: Caller,
  f: RegisterFilters,
  today = todayInHongKong(),
  stamp: Promise<DataStamp> = readDataStamp(),
) {
  const where = registerWhere(user, f);
  const [total, rows] = await Promise.all([
    registerTotal(where, stamp),
    db.initiative.findMany({
      where,
      orderBy: [{ [SORT_COLUMNS[f.sort]]: f.dir }, { ref: "asc" }],
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
      select: {
        id: true,
        ref: true,
        titleEn: true,
        titleZh: true,
        bureauCode: true,
        category: true,
        leadDivision: true,
        stage: true,
        substate: true,
        round: true,
        version: true,
        financialYear: true,
        nonRecurrentCost: true,
        recurrentCost: true,
        fundedAmount: true,
        plannedStart: true,
        plannedEnd: true,
        submittedAt: true,
        updatedAt: true,
      },
    }),
  ]);
  const health = await healthOf(rows, today);
  const items = rows.map(({ id, ...row }) => ({ ...row, health: health.get(id) ?? null }));
  return { items, total, page: f.page, pageSize: f.pageSize };
}

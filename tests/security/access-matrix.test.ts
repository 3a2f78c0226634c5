// The access-control matrix (issue 8), generated from the route list: every route file in app/routes is
// imported and called by every kind of caller (anonymous, a disabled user, the owning B/D's officer,
// another B/D's officer, each division's reviewer, leadership, an administrator), for routes with `:ref`
// against initiatives of the owning B/D in every lifecycle state; and every lifecycle event is sent by
// every caller in every state, through the page action and through the API.
//
// The expected answer never comes from the app: routes from the ACCESS table below (a route file on disk
// without an entry fails the test), events from an ORACLE transcribed from DESIGN.md §1's table. Allowed
// mutations run on a fresh initiative built for the case and must really happen (audited, in the state
// DESIGN.md names); every denial must answer 401/403/404 (422 where the caller may send the event in
// principle but not now, or nobody may send it in that state; pages send visitors to the sign-in page
// instead of 401) AND leave the database as it was: row counts of every table, the last update time of
// the tables whose rows change in place, the initiatives' versions and the last audit hash. Denials are
// fingerprinted in batches (all denials of one event in one state, or of one route); a batch that changed
// anything is replayed one case at a time to name the culprit. The audit chain is verified at the end.
// Known differences between the app and the oracle would be listed in KNOWN_DEVIATIONS, counted and
// printed; any other difference fails.
//
// Run: npx vitest run --config tests/vitest.config.ts tests/security/access-matrix.test.ts
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server.ts";
import { NO_ROLE, type Role } from "~/auth/roles.ts";
import { issueToken } from "~/api/tokens.server.ts";
import { createSession, csrfTokenFor, getSessionCookie } from "~/auth/session.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { sendEvent } from "~/initiatives/initiatives.server.ts";
import type { Division } from "~/lifecycle/divisions.ts";
import { EVENT_TYPES, type EventType } from "~/lifecycle/events.ts";
import { createUser, setUserDisabled } from "~/users/users.server.ts";
import { openRound } from "~/funding-rounds/funding-rounds.server.ts";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { createDelegation } from "~/delegations/delegations.server.ts";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { tokenFor } from "../api/client.ts";
import { completeProposal, demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, ORIGIN, post, run, type Session } from "../helpers/http.ts";

const ROUTES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");

// ————————————————————————————————————————————————————————————————————————————————————————————————
// Routes on disk → URL patterns (Remix v2 flat routes)
// ————————————————————————————————————————————————————————————————————————————————————————————————

/**
 * `initiatives.$ref._index.tsx` → `/initiatives/:ref`, `initiatives.export[.]csv.ts` →
 * `/initiatives/export.csv`, `_index.tsx` → `/`, `$.tsx` → `/*`, `_auth.login.tsx` → `/login`,
 * `foo_.bar.tsx` → `/foo/bar`, a folder `x.y/route.tsx` as `x.y.tsx`.
 */
function routePattern(file: string): string {
  const base = file.replace(/\/route\.[jt]sx?$/, "").replace(/\.[jt]sx?$/, "");
  // Split on dots outside [brackets]; a bracketed character is literal (never a param, index or layout mark).
  type Ch = { c: string; escaped: boolean };
  const segments: Ch[][] = [[]];
  let escaped = false;
  for (const c of base) {
    if (c === "[" && !escaped) escaped = true;
    else if (c === "]" && escaped) escaped = false;
    else if (c === "." && !escaped) segments.push([]);
    else segments[segments.length - 1]!.push({ c, escaped });
  }
  const out: string[] = [];
  for (const seg of segments) {
    const raw = seg.map((x) => x.c).join("");
    const plain = seg.every((x) => !x.escaped);
    if (plain && raw === "_index") continue;
    if (seg[0] && !seg[0].escaped && seg[0].c === "_") continue; // pathless layout
    const chars =
      seg[seg.length - 1] && !seg[seg.length - 1]!.escaped && seg[seg.length - 1]!.c === "_" ? seg.slice(0, -1) : seg;
    const text = chars.map((x) => x.c).join("");
    if (chars.length === 1 && chars[0]!.c === "$" && !chars[0]!.escaped) out.push("*");
    else if (chars[0] && chars[0].c === "$" && !chars[0].escaped) out.push(`:${text.slice(1)}`);
    else if (chars[0] && chars[0].c === "(" && !chars[0].escaped) out.push(`${text.slice(1, -1).replace(/^\$/, ":")}?`);
    else out.push(text);
  }
  return `/${out.join("/")}`;
}

function routeFiles(): string[] {
  return readdirSync(ROUTES_DIR)
    .filter((name) => {
      const full = path.join(ROUTES_DIR, name);
      if (statSync(full).isDirectory()) return readdirSync(full).some((f) => /^route\.[jt]sx?$/.test(f));
      return /\.[jt]sx?$/.test(name) && !/\.test\.[jt]sx?$/.test(name);
    })
    .map((name) => {
      const full = path.join(ROUTES_DIR, name);
      if (!statSync(full).isDirectory()) return name;
      return `${name}/${readdirSync(full).find((f) => /^route\.[jt]sx?$/.test(f))!}`;
    })
    .sort();
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// Callers
// ————————————————————————————————————————————————————————————————————————————————————————————————

const OWNER_BUREAU = "ITIB";

const DELEGATE_EMAIL = "acting.dgov@demo.gov.hk";

type CallerKey =
  | "anonymous"
  | "disabled"
  | "officerOwn"
  | "officerOther"
  | "reviewerDG"
  | "reviewerDGOV"
  | "reviewerDI"
  | "leadership"
  | "admin"
  | "noRole"
  | "delegate";

type MatrixCaller = {
  key: CallerKey;
  /** Null for a caller without a live session or token (anonymous, disabled); NONE for a user awaiting access. */
  role: Role | typeof NO_ROLE | null;
  bureau: string | null;
  division: Division | null;
  email: string | null;
  /** An acting reviewer: sends every event on behalf of this delegator, with the delegator's role and division. */
  actsFor?: { email: string; role: Role; division: Division | null };
  session?: Session;
  token?: string;
};

const CALLER_SPECS: Omit<MatrixCaller, "session" | "token">[] = [
  { key: "anonymous", role: null, bureau: null, division: null, email: null },
  // An officer of the owning B/D whom an administrator disabled after they signed in and got a token.
  { key: "disabled", role: null, bureau: null, division: null, email: "disabled.officer@demo.gov.hk" },
  { key: "officerOwn", role: "OFFICER", bureau: OWNER_BUREAU, division: null, email: "officer.itb@demo.gov.hk" },
  { key: "officerOther", role: "OFFICER", bureau: "IMMD", division: null, email: "officer.immd@demo.gov.hk" },
  {
    key: "reviewerDG",
    role: "REVIEWER",
    bureau: null,
    division: "DIGITAL_GOVERNMENT",
    email: "reviewer.dg@demo.gov.hk",
  },
  {
    key: "reviewerDGOV",
    role: "REVIEWER",
    bureau: null,
    division: "DATA_GOVERNANCE",
    email: "reviewer.dgov@demo.gov.hk",
  },
  {
    key: "reviewerDI",
    role: "REVIEWER",
    bureau: null,
    division: "DIGITAL_INFRASTRUCTURE",
    email: "reviewer.di@demo.gov.hk",
  },
  { key: "leadership", role: "LEADERSHIP", bureau: null, division: null, email: "leader@demo.gov.hk" },
  { key: "admin", role: "ADMIN", bureau: null, division: null, email: "admin@demo.gov.hk" },
  // Signed in through the identity provider with no mapped group: a session and a token, but no role.
  { key: "noRole", role: NO_ROLE, bureau: null, division: null, email: "awaiting@demo.gov.hk" },
  // Issue 13: a leadership user acting for the Data Governance reviewer under a delegation in force today (set
  // up below). Pages and API answer them as leadership; every event they send names the delegator.
  {
    key: "delegate",
    role: "LEADERSHIP",
    bureau: null,
    division: null,
    email: DELEGATE_EMAIL,
    actsFor: { email: "reviewer.dgov@demo.gov.hk", role: "REVIEWER", division: "DATA_GOVERNANCE" },
  },
];

const DISABLED_PASSWORD = "Lion-Rock-Sunrise-Ferry-2026";

// ————————————————————————————————————————————————————————————————————————————————————————————————
// Lifecycle states: initiatives of ITIB, each with the facts the oracle needs, stated here from how the
// initiative is built (never read back from the app's machine)
// ————————————————————————————————————————————————————————————————————————————————————————————————

type Stage =
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

type Variant = {
  key: string;
  stage: Stage;
  substate?: "inProgress" | "onHold";
  /** Delivery: the open change request's state (issue 15), if one is open. */
  change?: "requested" | "awaitingFinanceCommittee";
  /** Left draft at some point (was submitted): reviewers and leadership see it. */
  submitted: boolean;
  /** Divisions whose efficiency-review sign-off is still pending. */
  pending: Division[];
  lead: Division;
  requested: number;
  openConditions: number;
  undoneMilestones: number;
  benefitsReported: boolean;
  build: () => Promise<string>;
};

const LIMIT = 20_000_000; // DESIGN.md §2: the default block-allocation limit (the seed keeps the default)
const REQUESTED = 8_500_000; // completeProposal()'s non-recurrent cost
const CONDITION_TEXT = "Complete a privacy impact assessment before launch";
/** Lead Digital Infrastructure, only DI must sign, HK$45M requested: above the limit. */
const INFRA_ABOVE_LIMIT = {
  titleEn: "Government cloud landing zone for ITIB",
  category: "INFRASTRUCTURE",
  leadDivision: "DIGITAL_INFRASTRUCTURE",
  handlesPersonalData: false,
  citizenFacing: false,
  needsNewInfrastructure: true,
  nonRecurrentCost: 45_000_000,
};
/** Lead Data Governance, only DGOV must sign. */
const DATA_SHARING = {
  titleEn: "Cross-bureau data exchange for ITIB grants",
  category: "DATA_SHARING",
  leadDivision: "DATA_GOVERNANCE",
  handlesPersonalData: true,
  sharesDataAcrossBureaux: true,
  citizenFacing: false,
  needsNewInfrastructure: false,
};

let c: Callers;
const send = (who: Caller, ref: string, body: Record<string, unknown>) => sendEvent(who, ref, body);
async function milestoneIds(ref: string) {
  return (
    await db.milestone.findMany({ where: { initiative: { ref } }, orderBy: { position: "asc" }, select: { id: true } })
  ).map((m) => m.id);
}
/** Efficiency review with DG's sign-off given with one condition; DGOV still pending. */
async function partlyApproved() {
  const ref = await initiativeIn("efficiencyReview", c);
  await send(c.dg, ref, { type: "APPROVE_WITH_CONDITIONS", conditions: [CONDITION_TEXT] });
  return ref;
}
async function fundingWithCondition() {
  const ref = await partlyApproved();
  await send(c.dgov, ref, { type: "APPROVE" });
  return ref;
}

const base = {
  submitted: true,
  pending: [] as Division[],
  lead: "DIGITAL_GOVERNMENT" as Division,
  requested: REQUESTED,
  openConditions: 0,
  undoneMilestones: 2,
  benefitsReported: false,
};

const VARIANTS: Variant[] = [
  { ...base, key: "draft", stage: "draft", submitted: false, build: () => initiativeIn("draft", c) },
  {
    ...base,
    key: "efficiencyReview",
    stage: "efficiencyReview",
    pending: ["DIGITAL_GOVERNMENT", "DATA_GOVERNANCE"],
    build: () => initiativeIn("efficiencyReview", c),
  },
  {
    ...base,
    key: "efficiencyReview·DG signed with a condition",
    stage: "efficiencyReview",
    pending: ["DATA_GOVERNANCE"],
    openConditions: 1,
    build: partlyApproved,
  },
  { ...base, key: "returned", stage: "returned", build: () => initiativeIn("returned", c) },
  {
    ...base,
    key: "fundingReview·within limit, open condition",
    stage: "fundingReview",
    openConditions: 1,
    build: fundingWithCondition,
  },
  {
    ...base,
    key: "fundingReview·above limit, DI lead",
    stage: "fundingReview",
    lead: "DIGITAL_INFRASTRUCTURE",
    requested: 45_000_000,
    build: () => initiativeIn("fundingReview", c, { proposal: INFRA_ABOVE_LIMIT }),
  },
  { ...base, key: "deferred", stage: "deferred", build: () => initiativeIn("deferred", c) },
  {
    ...base,
    key: "awaitingFinanceCommittee",
    stage: "awaitingFinanceCommittee",
    requested: 45_000_000,
    build: () => initiativeIn("awaitingFinanceCommittee", c),
  },
  {
    ...base,
    key: "delivery·open condition",
    stage: "delivery",
    substate: "inProgress",
    openConditions: 1,
    build: async () => {
      const ref = await fundingWithCondition();
      await send(c.dg, ref, { type: "APPROVE_FUNDING", amount: REQUESTED });
      return ref;
    },
  },
  {
    ...base,
    key: "delivery·on hold",
    stage: "delivery",
    substate: "onHold",
    build: async () => {
      const ref = await initiativeIn("delivery", c);
      await send(c.itb, ref, { type: "PAUSE", reason: "Vendor dispute", reasonCode: "OTHER" });
      return ref;
    },
  },
  {
    ...base,
    key: "delivery·every milestone done",
    stage: "delivery",
    substate: "inProgress",
    undoneMilestones: 0,
    build: async () => {
      const ref = await initiativeIn("delivery", c);
      for (const id of await milestoneIds(ref))
        await send(c.itb, ref, { type: "REPORT_PROGRESS", milestoneId: id, date: "2026-01-15" });
      return ref;
    },
  },
  {
    ...base,
    key: "delivery·change requested",
    stage: "delivery",
    substate: "inProgress",
    change: "requested",
    build: async () => {
      const ref = await initiativeIn("delivery", c);
      await send(c.itb, ref, { type: "REQUEST_CHANGE", reason: "The supplier is late", plannedEnd: "2028-03-31" });
      return ref;
    },
  },
  {
    ...base,
    key: "delivery·change awaiting the Finance Committee",
    stage: "delivery",
    substate: "inProgress",
    change: "awaitingFinanceCommittee",
    build: async () => {
      const ref = await initiativeIn("delivery", c);
      // HK$8,500,000 funded + HK$20,000,000 more: above the limit.
      await send(c.itb, ref, { type: "REQUEST_CHANGE", reason: "A second site", additionalFunding: 20_000_000 });
      return ref;
    },
  },
  {
    ...base,
    key: "benefitsReview",
    stage: "benefitsReview",
    undoneMilestones: 0,
    build: () => initiativeIn("benefitsReview", c),
  },
  {
    ...base,
    key: "benefitsReview·reported, DGOV lead",
    stage: "benefitsReview",
    lead: "DATA_GOVERNANCE",
    undoneMilestones: 0,
    benefitsReported: true,
    build: async () => {
      const ref = await initiativeIn("benefitsReview", c, { proposal: DATA_SHARING });
      await send(c.itb, ref, {
        type: "REPORT_BENEFITS",
        realisedAnnualSavings: 2_000_000,
        realisedStaffHoursSaved: 9_000,
        note: "First year",
      });
      return ref;
    },
  },
  {
    ...base,
    key: "closed",
    stage: "closed",
    undoneMilestones: 0,
    benefitsReported: true,
    build: () => initiativeIn("closed", c),
  },
  { ...base, key: "rejected", stage: "rejected", build: () => initiativeIn("rejected", c) },
  {
    ...base,
    key: "withdrawn·as a draft",
    stage: "withdrawn",
    submitted: false,
    build: () => initiativeIn("withdrawn", c),
  },
  {
    ...base,
    key: "withdrawn·during review",
    stage: "withdrawn",
    build: async () => {
      const ref = await initiativeIn("efficiencyReview", c);
      await send(c.itb, ref, { type: "WITHDRAW", reason: "Superseded by a central system" });
      return ref;
    },
  },
];

/** DESIGN.md §3: an officer sees their own B/D's initiatives; reviewers and leadership those that left draft. */
function sees(who: MatrixCaller, v: Variant): boolean {
  if (who.role === "OFFICER") return who.bureau === OWNER_BUREAU;
  if (who.role === "REVIEWER" || who.role === "LEADERSHIP") return v.submitted;
  return false;
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// The event ORACLE: DESIGN.md §1's table, written out
// ————————————————————————————————————————————————————————————————————————————————————————————————

type Sender = "owner" | "lead" | "leadership" | Division;

/** Who may send each event in a state, in principle (the "who may send them" column, ignoring facts). */
function senders(v: Variant): Partial<Record<EventType, Sender[]>> {
  switch (v.stage) {
    case "draft":
      return { SUBMIT: ["owner"], WITHDRAW: ["owner"] };
    case "efficiencyReview":
      return {
        APPROVE: v.pending,
        APPROVE_WITH_CONDITIONS: v.pending,
        REQUEST_CHANGES: v.pending,
        REJECT: v.pending,
        WITHDRAW: ["owner"],
        MEET_CONDITION: ["owner"], // "any time after approval"
      };
    case "returned":
      return { RESUBMIT: ["owner"], WITHDRAW: ["owner"], MEET_CONDITION: ["owner"] };
    case "fundingReview":
      return {
        APPROVE_FUNDING: ["lead"],
        REFER_TO_FINANCE_COMMITTEE: ["lead"],
        DEFER: ["lead"],
        REJECT: ["lead"],
        WITHDRAW: ["owner"],
        MEET_CONDITION: ["owner"],
      };
    case "deferred":
      // REBID (issue 16): the owning officer bids again in a later funding round.
      return { REOPEN: ["lead"], REBID: ["owner"], WITHDRAW: ["owner"], MEET_CONDITION: ["owner"] };
    case "awaitingFinanceCommittee":
      return { RECORD_FC_APPROVAL: ["leadership"], RECORD_FC_REJECTION: ["leadership"], MEET_CONDITION: ["owner"] };
    case "delivery": {
      // Substates are states too: PAUSE, REPORT_PROGRESS ("stays in inProgress") and COMPLETE belong to
      // inProgress, RESUME to onHold. REPORT_STATUS belongs to delivery itself: on hold, or with a change waiting, too.
      const work: Partial<Record<EventType, Sender[]>> =
        v.substate === "onHold"
          ? { RESUME: ["owner", "lead"], MEET_CONDITION: ["owner"] }
          : { PAUSE: ["owner", "lead"], REPORT_PROGRESS: ["owner"], COMPLETE: ["owner"], MEET_CONDITION: ["owner"] };
      // Issue 15: one change request at a time, decided by the lead division, or above the block-allocation
      // limit by the Finance Committee as leadership records it; the owning officer may withdraw it.
      const change: Partial<Record<EventType, Sender[]>> =
        v.change === "requested"
          ? { APPROVE_CHANGE: ["lead"], REJECT_CHANGE: ["lead"], WITHDRAW_CHANGE: ["owner"] }
          : v.change === "awaitingFinanceCommittee"
            ? { RECORD_FC_APPROVAL: ["leadership"], RECORD_FC_REJECTION: ["leadership"], WITHDRAW_CHANGE: ["owner"] }
            : { REQUEST_CHANGE: ["owner"] };
      return { ...work, ...change, REPORT_STATUS: ["owner"] };
    }
    case "benefitsReview":
      return { REPORT_BENEFITS: ["owner"], CLOSE: ["lead"] };
    default:
      return {}; // rejected, withdrawn, closed: final
  }
}

function isSender(who: MatrixCaller, s: Sender, v: Variant): boolean {
  if (s === "owner") return who.role === "OFFICER" && who.bureau === OWNER_BUREAU;
  if (s === "lead") return who.role === "REVIEWER" && who.division === v.lead;
  if (s === "leadership") return who.role === "LEADERSHIP";
  return who.role === "REVIEWER" && who.division === s;
}

/** The facts the event needs beyond who sends it (DESIGN.md §1's rules, with the payloads sent below). */
function factsAllow(type: EventType, v: Variant): boolean {
  switch (type) {
    case "APPROVE_FUNDING":
      return v.requested <= LIMIT; // the amount sent is the amount requested
    case "REFER_TO_FINANCE_COMMITTEE":
      return v.requested > LIMIT;
    case "REPORT_PROGRESS":
      return v.undoneMilestones > 0;
    case "COMPLETE":
      return v.undoneMilestones === 0 && v.openConditions === 0 && !v.change;
    case "MEET_CONDITION":
      return v.openConditions > 0;
    case "CLOSE":
      return v.benefitsReported;
    default:
      return true;
  }
}

type Expect = "ok" | "signIn" | 400 | 401 | 403 | 404 | 405 | 410 | 415 | 422;
const DENIALS = new Set<Expect>(["signIn", 401, 403, 404, 405, 422]);

type Tolerance = { accepts: Expect; note: string };

/** The oracle: what sending `type` to an initiative in `v` must answer for `who`. */
function expectedForEvent(
  who: MatrixCaller,
  v: Variant,
  type: EventType,
  channel: "page" | "api",
): { expected: Expect; tolerate?: Tolerance } {
  if (!who.role) return { expected: channel === "page" ? "signIn" : 401 };
  if (who.role === NO_ROLE) return { expected: 403 }; // awaiting access: every data route refuses
  // The initiative page is for officers, reviewers and leadership; an administrator is refused the route.
  if (channel === "page" && who.role === "ADMIN") return { expected: 403 };
  if (!sees(who, v)) return { expected: 404 };
  const allowedSenders = senders(v)[type] ?? [];
  if (allowedSenders.length === 0) return { expected: 422 }; // not possible in this state for anyone
  // An acting reviewer sends as the delegator: the delegator's role and division decide (DESIGN.md §6).
  const sender = who.actsFor ? { ...who, role: who.actsFor.role, division: who.actsFor.division } : who;
  if (!allowedSenders.some((s) => isSender(sender, s, v))) {
    // Visible, but not their role's event.
    return { expected: 403 };
  }
  return { expected: factsAllow(type, v) ? "ok" : 422 }; // theirs in principle; 422 when not now
}

/** Other known differences, by case. Each hit is counted and printed at the end; anything else fails. */
const KNOWN_DEVIATIONS: (Tolerance & { applies: (caseId: string) => boolean })[] = [];

/** The state DESIGN.md §1 says an accepted event leads to (null: stays where it was). */
function expectedStageAfter(type: EventType, v: Variant): Stage | null {
  switch (type) {
    case "SUBMIT":
    case "RESUBMIT":
      return "efficiencyReview";
    case "WITHDRAW":
      return "withdrawn";
    case "APPROVE":
    case "APPROVE_WITH_CONDITIONS":
      return v.pending.length === 1 ? "fundingReview" : "efficiencyReview";
    case "REQUEST_CHANGES":
      return "returned";
    case "REJECT":
      return "rejected";
    case "RECORD_FC_REJECTION":
      return v.stage === "delivery" ? null : "rejected"; // in delivery: a change request's decision
    case "APPROVE_FUNDING":
    case "RECORD_FC_APPROVAL":
      return "delivery";
    case "REFER_TO_FINANCE_COMMITTEE":
      return "awaitingFinanceCommittee";
    case "DEFER":
      return "deferred";
    case "REOPEN":
    case "REBID":
      return "fundingReview";
    case "COMPLETE":
      return "benefitsReview";
    case "CLOSE":
      return "closed";
    default:
      return null;
  }
}

type PayloadFacts = { requested: number; milestoneId: string; conditionId: string };

/** A valid-looking payload per event type. */
const PAYLOADS: Record<EventType, (f: PayloadFacts) => Record<string, unknown>> = {
  SUBMIT: () => ({}),
  RESUBMIT: () => ({}),
  WITHDRAW: () => ({ reason: "No longer a priority for the bureau" }),
  APPROVE: () => ({ comment: "Fits the digital government blueprint" }),
  APPROVE_WITH_CONDITIONS: () => ({
    conditions: ["Publish the data retention schedule before launch"],
    comment: "Subject to conditions",
  }),
  REQUEST_CHANGES: () => ({ reason: "The cost breakdown is missing", reasonCode: "INCOMPLETE_BUSINESS_CASE" }),
  REJECT: () => ({ reason: "Duplicates an existing central system", reasonCode: "DUPLICATES_EXISTING_SYSTEM" }),
  DEFER: () => ({ reason: "Next funding round", reasonCode: "FUNDING_PRIORITY" }),
  PAUSE: () => ({ reason: "Vendor dispute under review", reasonCode: "OTHER" }),
  RESUME: () => ({ reason: "Dispute settled" }),
  REOPEN: () => ({ reason: "The new funding round has opened" }),
  REBID: (f) => ({
    plannedStart: "2027-04-01",
    plannedEnd: "2028-09-30",
    nonRecurrentCost: f.requested,
    note: "A year later, once the platform it builds on is live",
  }),
  APPROVE_FUNDING: (f) => ({ amount: f.requested }),
  REFER_TO_FINANCE_COMMITTEE: (f) => ({ amount: f.requested }),
  RECORD_FC_APPROVAL: () => ({ paperRef: "FCR(2026-27)14", date: "2026-01-09" }),
  RECORD_FC_REJECTION: () => ({ paperRef: "FCR(2026-27)15", date: "2026-01-09", reason: "Not supported by members" }),
  REPORT_PROGRESS: (f) => ({ milestoneId: f.milestoneId, date: "2026-01-15" }),
  REPORT_STATUS: () => ({ rag: "amber", percentComplete: 40, spendToDate: 3_000_000, note: "Build under way" }),
  COMPLETE: () => ({}),
  REPORT_BENEFITS: () => ({
    realisedAnnualSavings: 2_800_000,
    realisedStaffHoursSaved: 11_000,
    note: "Measured over the first year",
  }),
  CLOSE: () => ({ note: "Benefits confirmed by the lead division" }),
  MEET_CONDITION: (f) => ({ conditionId: f.conditionId, note: "Assessment completed and filed" }),
  REQUEST_CHANGE: () => ({ reason: "The supplier is six months late", plannedEnd: "2028-06-30" }),
  WITHDRAW_CHANGE: () => ({ reason: "The supplier caught up" }),
  APPROVE_CHANGE: () => ({ comment: "A fair reason" }),
  REJECT_CHANGE: () => ({ reason: "The delay is not justified", reasonCode: "COST_NOT_JUSTIFIED" }),
};

async function payloadFacts(ref: string, v: Variant): Promise<PayloadFacts> {
  const milestones = await db.milestone.findMany({
    where: { initiative: { ref } },
    orderBy: { position: "asc" },
    select: { id: true, status: true },
  });
  const condition = await db.condition.findFirst({
    where: { initiative: { ref }, status: "open" },
    select: { key: true },
  });
  return {
    requested: v.requested,
    milestoneId: (milestones.find((m) => m.status !== "DONE") ?? milestones[0])?.id ?? "no-milestone",
    conditionId: condition?.key ?? "C1",
  };
}

function asForm(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? v.join("\n") : String(v)]));
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// The ACCESS table: one entry per route pattern
// ————————————————————————————————————————————————————————————————————————————————————————————————

type Ctx = { who: MatrixCaller; v?: Variant };
type MethodRule = {
  /** The expected answer for this caller (and state, for `:ref` routes). */
  expect: (ctx: Ctx) => Expect;
  /** A harmless but valid-looking form (pages) or JSON body (API). */
  body?: (ctx: Ctx & { ref?: string }) => Record<string, unknown>;
  /** The allowed call changes the initiative: run it on a fresh one. */
  fresh?: boolean;
  /** Each call ends the caller's session: use a new one. */
  endsSession?: boolean;
  /** Added to the URL (e.g. the largest page, so that the leak check sees every row). */
  query?: string;
  /** The register: the answer lists every initiative the caller sees (so that the leak check is not vacuous). */
  lists?: boolean;
  /** The public open-data feed: lists exactly the funded initiatives, whoever asks (no leak check by caller). */
  publicFeed?: boolean;
};
type RouteRule = {
  kind: "page" | "api";
  /** The access rule in words. */
  rule: string;
  methods: Partial<Record<"GET" | "POST" | "PATCH" | "PUT" | "DELETE" | "ANY", MethodRule>>;
  /** Lifecycle events are sent here (matrix of their own): as the form's `intent`, or as the JSON `type`. */
  events?: "form" | "json";
  /** Page mutations: checked for the session's CSRF token and the Origin, or for the Origin only. */
  csrf?: "token" | "origin";
};

const SIGNED_IN: Role[] = ["OFFICER", "REVIEWER", "LEADERSHIP", "ADMIN"];
/** Signed in, whether or not they have a role yet. */
const ANY_SESSION: (Role | typeof NO_ROLE)[] = [...SIGNED_IN, NO_ROLE];
const WORKFLOW: Role[] = ["OFFICER", "REVIEWER", "LEADERSHIP"];

/** A page for these roles: visitors are sent to sign in, other roles 403. */
const pageFor =
  (roles: Role[], ok: Expect = "ok") =>
  ({ who }: Ctx): Expect =>
    !who.role ? "signIn" : (roles as string[]).includes(who.role) ? ok : 403;
/** An API endpoint for these roles: 401 without a valid token, other roles 403. */
const apiFor =
  (roles: Role[], ok: Expect = "ok") =>
  ({ who }: Ctx): Expect =>
    !who.role ? 401 : (roles as string[]).includes(who.role) ? ok : 403;
const everyone = (e: Expect) => (): Expect => e;
/** A `:ref` page: the route's roles, then visibility (404 as if it did not exist). */
const refPage =
  (roles: Role[], editOnly = false) =>
  ({ who, v }: Ctx): Expect => {
    if (!who.role) return "signIn";
    if (!(roles as string[]).includes(who.role)) return 403;
    if (!sees(who, v!)) return 404;
    if (editOnly && v!.stage !== "draft" && v!.stage !== "returned") return 422;
    return "ok";
  };
const refApi =
  (roles: Role[] | null, editOnly = false) =>
  ({ who, v }: Ctx): Expect => {
    if (!who.role) return 401;
    if (who.role === NO_ROLE) return 403;
    if (roles && !(roles as string[]).includes(who.role)) return 403;
    if (!sees(who, v!)) return 404;
    if (editOnly && v!.stage !== "draft" && v!.stage !== "returned") return 422;
    return "ok";
  };

/**
 * Attaching (DESIGN.md §6): the owning B/D's officers in draft, returned and delivery; a reviewer whose
 * division's decision is open (pending sign-off, or the lead's funding decision). The harmless body is no
 * upload at all: the page answers 400 (nothing chosen), the API 415 (not multipart).
 */
const attachRule =
  (api: boolean) =>
  ({ who, v }: Ctx): Expect => {
    if (!who.role) return api ? 401 : "signIn";
    if (who.role === NO_ROLE) return 403;
    if (!api && !WORKFLOW.includes(who.role)) return 403;
    if (!sees(who, v!)) return 404;
    if (who.role !== "OFFICER" && who.role !== "REVIEWER") return 403;
    const mayNow =
      who.role === "OFFICER"
        ? ["draft", "returned", "delivery"].includes(v!.stage)
        : (v!.stage === "efficiencyReview" && v!.pending.includes(who.division!)) ||
          ((v!.stage === "fundingReview" || v!.stage === "deferred") && v!.lead === who.division);
    if (!mayNow) return 422;
    return api ? 415 : 400;
  };

function proposalForm(): Record<string, string> {
  const p = completeProposal({ titleEn: "Matrix proposal saved as a draft" }) as Record<string, unknown>;
  const form: Record<string, string> = { intent: "save" };
  for (const [k, val] of Object.entries(p)) {
    if (k === "milestones") continue;
    if (typeof val === "boolean") {
      if (val) form[k] = "on";
    } else form[k] = String(val);
  }
  (p.milestones as { name: string; due: string }[]).forEach((m, i) => {
    form[`milestones.${i}.name`] = m.name;
    form[`milestones.${i}.due`] = m.due;
  });
  return form;
}

/**
 * Per route pattern: the access rule in words and, per method, the expected answer for each caller (and
 * state). A route file without an entry fails the first test; an entry without a file (a route being
 * added elsewhere) is simply not exercised yet.
 */
const ACCESS: Record<string, RouteRule> = {
  "/": {
    kind: "page",
    rule: "any signed-in user (their own home; a user awaiting access is sent to that page)",
    methods: {
      GET: { expect: (ctx) => (ctx.who.role === NO_ROLE ? "ok" : pageFor(SIGNED_IN)(ctx)) },
    },
  },
  "/notifications": {
    kind: "page",
    rule: "any signed-in user with a role, for their own notifications (marking read touches only their own)",
    methods: {
      GET: { expect: pageFor(SIGNED_IN) },
      POST: { expect: pageFor(SIGNED_IN), body: () => ({ intent: "readAll" }) },
    },
    csrf: "token",
  },
  "/notifications/preferences": {
    kind: "page",
    rule: "any signed-in user with a role, for their own preferences (the harmless form is invalid: 400)",
    methods: {
      GET: { expect: pageFor(SIGNED_IN) },
      POST: { expect: pageFor(SIGNED_IN, 400), body: () => ({ email: "SOMETIMES", inApp: "ALL" }) },
    },
    csrf: "token",
  },
  "/admin/notifications": {
    kind: "page",
    rule: "administrators only (deliveries and their retry)",
    methods: {
      GET: { expect: pageFor(["ADMIN"]) },
      POST: { expect: pageFor(["ADMIN"]), body: () => ({ intent: "retryAll" }) },
    },
    csrf: "token",
  },
  "/*": { kind: "page", rule: "anyone: the not-found page (404)", methods: { GET: { expect: everyone(404) } } },
  "/account": {
    kind: "page",
    rule: "any signed-in user, for their own account (the harmless form has a wrong current password: 400)",
    methods: {
      GET: { expect: pageFor(SIGNED_IN) },
      POST: {
        expect: pageFor(SIGNED_IN, 400),
        body: () => ({
          currentPassword: "not-my-password-at-all",
          newPassword: "Victoria-Harbour-Lights-99",
          confirmPassword: "Victoria-Harbour-Lights-99",
        }),
      },
    },
    csrf: "token",
  },
  "/admin": {
    kind: "page",
    rule: "administrators only (users, B/Ds, settings)",
    methods: {
      GET: { expect: pageFor(["ADMIN"]) },
      POST: {
        expect: pageFor(["ADMIN"]),
        body: () => ({ intent: "settings", reviewSlaDays: "10", blockAllocationLimit: String(LIMIT) }),
      },
    },
    csrf: "token",
  },
  // The leadership dashboard (page and JSON): leadership sees every initiative, a reviewer their division's.
  "/dashboard": {
    kind: "page",
    rule: "leadership and reviewers; officers and administrators 403",
    methods: { GET: { expect: pageFor(["LEADERSHIP", "REVIEWER"]) } },
  },
  "/finance-committee": {
    kind: "page",
    rule: "leadership only (records Finance Committee outcomes)",
    methods: { GET: { expect: pageFor(["LEADERSHIP"]) } },
  },
  // Funding rounds (issue 16): the round of OTHER_PARAMS.fy, whose bids are the pool's initiatives in funding
  // review (see the set-up). Harmless bodies are invalid: an allowed caller gets 400 and nothing changes.
  "/funding-rounds": {
    kind: "page",
    rule: "officers, reviewers, leadership, administrators; opening a round: leadership and administrators",
    methods: {
      GET: { expect: pageFor(SIGNED_IN) },
      POST: { expect: pageFor(["LEADERSHIP", "ADMIN"], 400), body: () => ({ fy: "not-a-year" }) },
    },
    csrf: "token",
  },
  "/funding-rounds/:fy": {
    kind: "page",
    rule: "officers (their B/D's bids only), reviewers, leadership, administrators (no bids); moves and finalising: leadership; marking a late proposal urgent: leadership and administrators",
    methods: {
      GET: { expect: pageFor(SIGNED_IN) },
      POST: { expect: pageFor(["LEADERSHIP"], 400), body: () => ({ intent: "move" }) },
    },
    csrf: "token",
  },
  "/funding-rounds/:fy/bids/:ref": {
    kind: "page",
    rule: "reviewers only, for a bid of the round (else 404); the harmless score is empty (400)",
    methods: {
      GET: {
        expect: ({ who, v }) =>
          !who.role ? "signIn" : who.role !== "REVIEWER" ? 403 : v!.stage === "fundingReview" ? "ok" : 404,
      },
      POST: { expect: pageFor(["REVIEWER"], 400), body: () => ({}) },
    },
    csrf: "token",
  },
  "/healthz": { kind: "page", rule: "anyone (load balancers)", methods: { GET: { expect: everyone("ok") } } },
  "/readyz": { kind: "page", rule: "anyone (load balancers)", methods: { GET: { expect: everyone("ok") } } },
  "/initiatives": {
    kind: "page",
    rule: "officers, reviewers, leadership; rows filtered by visibility",
    methods: { GET: { expect: pageFor(WORKFLOW), query: "?pageSize=500", lists: true } },
  },
  "/initiatives/export.csv": {
    kind: "page",
    rule: "officers, reviewers, leadership; rows filtered by visibility",
    methods: { GET: { expect: pageFor(WORKFLOW), lists: true } },
  },
  "/initiatives/new": {
    kind: "page",
    rule: "department officers only (a draft for their own B/D)",
    methods: {
      GET: { expect: pageFor(["OFFICER"]) },
      POST: { expect: pageFor(["OFFICER"]), body: () => proposalForm() },
    },
    csrf: "token",
  },
  "/initiatives/:ref": {
    kind: "page",
    rule: "officers, reviewers, leadership who can see the initiative (else 404); comments by anyone who sees it; events by the oracle",
    methods: {
      GET: { expect: refPage(WORKFLOW) },
      POST: {
        expect: refPage(WORKFLOW),
        body: () => ({ intent: "comment", body: "Please attach the latest cost breakdown." }),
      },
    },
    events: "form",
    csrf: "token",
  },
  "/initiatives/:ref/attachments": {
    kind: "page",
    rule: "list: whoever sees the initiative (else 404); attach and delete: see attachRule",
    methods: {
      GET: { expect: refPage(WORKFLOW) },
      POST: { expect: attachRule(false), body: () => ({ intent: "delete" }) },
    },
    csrf: "token",
  },
  "/initiatives/:ref/attachments/:id": {
    kind: "page",
    rule: "the file: whoever sees the initiative (else 404)",
    methods: { GET: { expect: refPage(WORKFLOW) } },
  },
  "/initiatives/:ref/edit": {
    kind: "page",
    rule: "officers of the owning B/D (else 404, other roles 403); saving only in draft or returned (else 422); the form elsewhere redirects to the initiative",
    methods: {
      GET: { expect: refPage(["OFFICER"]) },
      POST: { expect: refPage(["OFFICER"], true), body: () => proposalForm(), fresh: true },
    },
    csrf: "token",
  },
  "/lang": {
    kind: "page",
    rule: "anyone, visitors too (checked for Origin only: the language form is on every page, signed in or not)",
    methods: {
      GET: { expect: everyone("ok") },
      POST: { expect: everyone("ok"), body: () => ({ lang: "en", redirectTo: "/" }) },
    },
    csrf: "origin",
  },
  "/login": {
    kind: "page",
    rule: "anyone (a signed-in user is sent home); the harmless form is empty: 400",
    methods: {
      GET: { expect: everyone("ok") },
      POST: { expect: everyone(400), body: () => ({ email: "", password: "" }) },
    },
    csrf: "origin",
  },
  "/logout": {
    kind: "page",
    rule: "anyone (ends the caller's own session)",
    methods: { GET: { expect: everyone("ok") }, POST: { expect: everyone("ok"), body: () => ({}), endsSession: true } },
    csrf: "token",
  },
  // Identity (issue 14): single sign-on, sign-in steps, reset links, administration of users, B/Ds and
  // sign-in settings, and the account's second factor and API tokens.
  "/auth/oidc/start": {
    kind: "page",
    rule: "visitors (single sign-on is off here: 404); a signed-in user is sent home",
    methods: { GET: { expect: ({ who }) => (who.role ? "ok" : 404) } },
  },
  "/auth/oidc/callback": {
    kind: "page",
    rule: "anyone (single sign-on is off here: 404 for everyone)",
    methods: { GET: { expect: everyone(404) } },
  },
  "/awaiting-access": {
    kind: "page",
    rule: "any signed-in user (a user with a role is sent home)",
    methods: { GET: { expect: pageFor(ANY_SESSION as Role[]) } },
  },
  "/login/mfa": {
    kind: "page",
    rule: "only a browser between its password and its code (a signed cookie); anyone else to the sign-in page",
    methods: {
      GET: { expect: everyone("signIn") },
      POST: { expect: everyone("signIn"), body: () => ({ code: "123456" }) },
    },
    csrf: "origin",
  },
  "/login/mfa-setup": {
    kind: "page",
    rule: "only a browser between its password and enrolment; anyone else to the sign-in page",
    methods: {
      GET: { expect: everyone("signIn") },
      POST: { expect: everyone("signIn"), body: () => ({ code: "123456" }) },
    },
    csrf: "origin",
  },
  "/login/new-password": {
    kind: "page",
    rule: "only a browser whose account must choose its first password; anyone else to the sign-in page",
    methods: {
      GET: { expect: everyone("signIn") },
      POST: {
        expect: everyone("signIn"),
        body: () => ({ newPassword: "Victoria-Harbour-Lights-99", confirmPassword: "Victoria-Harbour-Lights-99" }),
      },
    },
    csrf: "origin",
  },
  "/reset-password/:token": {
    kind: "page",
    rule: "anyone holding a live link (the link is the credential); an unknown link is 410 for everyone",
    methods: {
      GET: { expect: everyone(410) },
      POST: {
        expect: everyone(410),
        body: () => ({ newPassword: "Victoria-Harbour-Lights-99", confirmPassword: "Victoria-Harbour-Lights-99" }),
      },
    },
    csrf: "origin",
  },
  "/admin/users": {
    kind: "page",
    rule: "administrators only",
    methods: { GET: { expect: pageFor(["ADMIN"]), query: "?status=active" } },
  },
  "/admin/users/:id": {
    kind: "page",
    rule: "administrators only (issues a reset link for another user)",
    methods: {
      GET: { expect: pageFor(["ADMIN"]) },
      POST: { expect: pageFor(["ADMIN"]), body: () => ({ intent: "resetLink" }) },
    },
    csrf: "token",
  },
  "/admin/users/import": {
    kind: "page",
    rule: "administrators only (the harmless form is a preview: writes nothing)",
    methods: {
      GET: { expect: pageFor(["ADMIN"]) },
      POST: {
        expect: pageFor(["ADMIN"]),
        body: () => ({
          intent: "preview",
          csv: "email,name,role,unit\nnew.officer@itib.gov.hk,New Officer,OFFICER,ITIB",
        }),
      },
    },
    csrf: "token",
  },
  "/admin/bureaux": {
    kind: "page",
    rule: "administrators only (the harmless form reinstates an active B/D: no change)",
    methods: {
      GET: { expect: pageFor(["ADMIN"]) },
      POST: { expect: pageFor(["ADMIN"]), body: () => ({ intent: "reinstate", code: "IMMD" }) },
    },
    csrf: "token",
  },
  "/admin/sign-in": {
    kind: "page",
    rule: "administrators only (the harmless form saves the current values: no change)",
    methods: {
      GET: { expect: pageFor(["ADMIN"]) },
      POST: { expect: pageFor(["ADMIN"]), body: () => ({ roleMap: "" }) },
    },
    csrf: "token",
  },
  "/account/tokens": {
    kind: "page",
    rule: "any user with a role, for their own tokens",
    methods: {
      GET: { expect: pageFor(SIGNED_IN) },
      POST: { expect: pageFor(SIGNED_IN), body: () => ({ intent: "create", name: "Matrix script", days: "30" }) },
    },
    csrf: "token",
  },
  "/account/mfa": {
    kind: "page",
    rule: "any user with a role, for their own second factor (the harmless form's code is wrong: 400)",
    methods: {
      GET: { expect: pageFor(SIGNED_IN) },
      POST: { expect: pageFor(SIGNED_IN, 400), body: () => ({ intent: "confirm", code: "000000" }) },
    },
    csrf: "token",
  },
  "/reviews": {
    kind: "page",
    rule: "reviewers (their division's queue) and whoever acts for a reviewer today (the delegator's queue too)",
    methods: { GET: { expect: (ctx) => (ctx.who.actsFor ? "ok" : pageFor(["REVIEWER"])(ctx)) } },
  },

  "/api/docs": { kind: "page", rule: "anyone: the API reference", methods: { GET: { expect: everyone("ok") } } },
  "/open-data": { kind: "page", rule: "anyone: the open-data page", methods: { GET: { expect: everyone("ok") } } },
  "/open-data/initiatives.csv": {
    kind: "page",
    rule: "anyone: funded initiatives only, whoever asks",
    methods: { GET: { expect: everyone("ok"), publicFeed: true } },
  },
  "/open-data/initiatives.json": {
    kind: "page",
    rule: "anyone: funded initiatives only, whoever asks",
    methods: { GET: { expect: everyone("ok"), publicFeed: true } },
  },

  "/api/v1/*": { kind: "api", rule: "anyone: JSON 404 for every method", methods: { ANY: { expect: everyone(404) } } },
  "/api/v1/openapi.json": {
    kind: "api",
    rule: "anyone: the OpenAPI contract (describes, reveals no data)",
    methods: { GET: { expect: everyone("ok") } },
  },
  "/api/v1/dashboard": {
    kind: "api",
    rule: "leadership and reviewers; officers and administrators 403",
    methods: { GET: { expect: apiFor(["LEADERSHIP", "REVIEWER"]) } },
  },
  "/api/v1/initiatives": {
    kind: "api",
    rule: "list: any signed-in user, filtered by visibility (administrators: empty); create: officers only",
    methods: {
      GET: { expect: apiFor(SIGNED_IN), query: "?pageSize=500", lists: true },
      POST: { expect: apiFor(["OFFICER"]), body: () => completeProposal({ titleEn: "Matrix draft via the API" }) },
    },
  },
  "/api/v1/initiatives/:ref": {
    kind: "api",
    rule: "read: whoever sees it (else 404, administrators included); edit: officers of the owning B/D in draft or returned",
    methods: {
      GET: { expect: refApi(null) },
      PATCH: { expect: refApi(["OFFICER"], true), body: () => ({ titleEn: "Matrix edit via the API" }), fresh: true },
    },
  },
  "/api/v1/initiatives/:ref/comments": {
    kind: "api",
    rule: "whoever sees the initiative (else 404)",
    methods: {
      GET: { expect: refApi(null) },
      POST: { expect: refApi(null), body: () => ({ body: "Please attach the latest cost breakdown." }) },
    },
  },
  "/api/v1/initiatives/:ref/attachments": {
    kind: "api",
    rule: "list: whoever sees the initiative (else 404); attach: see attachRule",
    methods: { GET: { expect: refApi(null) }, POST: { expect: attachRule(true), body: () => ({ kind: "OTHER" }) } },
  },
  "/api/v1/initiatives/:ref/attachments/:id": {
    kind: "api",
    rule: "the file: whoever sees the initiative (else 404)",
    methods: { GET: { expect: refApi(null) } },
  },
  "/api/v1/initiatives/:ref/events": {
    kind: "api",
    rule: "events by the oracle (DESIGN.md §1)",
    methods: {},
    events: "json",
  },
  // Funding rounds (issue 16), for the round of OTHER_PARAMS.fy, opened in the set-up: the pool's initiatives in
  // funding review are its bids. The harmless bodies are invalid, so an allowed caller gets 400 and nothing changes.
  "/api/v1/funding-rounds": {
    kind: "api",
    rule: "list: officers, reviewers, leadership, administrators; open: leadership and administrators",
    methods: {
      GET: { expect: apiFor(SIGNED_IN) },
      POST: { expect: apiFor(["LEADERSHIP", "ADMIN"], 400), body: () => ({ fy: "not-a-year" }) },
    },
  },
  "/api/v1/funding-rounds/:fy": {
    kind: "api",
    rule: "officers (their B/D's bids only), reviewers, leadership; administrators the settings without bids",
    methods: { GET: { expect: apiFor(SIGNED_IN) } },
  },
  "/api/v1/funding-rounds/:fy/scores/:ref": {
    kind: "api",
    rule: "reviewers only (the lead division's score ranks, others advise)",
    methods: { PUT: { expect: apiFor(["REVIEWER"], 400), body: () => ({ scores: {} }) } },
  },
  "/api/v1/funding-rounds/:fy/moves": {
    kind: "api",
    rule: "leadership only",
    methods: { POST: { expect: apiFor(["LEADERSHIP"], 400), body: () => ({ aboveLine: "sideways" }) } },
  },
  "/api/v1/funding-rounds/:fy/urgent": {
    kind: "api",
    rule: "leadership and administrators (a late proposal bids in the round, with a recorded reason)",
    methods: { POST: { expect: apiFor(["LEADERSHIP", "ADMIN"], 400), body: () => ({ reason: "" }) } },
  },
  "/api/v1/funding-rounds/:fy/finalise": {
    kind: "api",
    rule: "leadership only",
    methods: { POST: { expect: apiFor(["LEADERSHIP"], 400), body: () => ({ overrides: "none" }) } },
  },
  "/api/v1/notifications": {
    kind: "api",
    rule: "any caller with a role: their own notifications",
    methods: { GET: { expect: apiFor(SIGNED_IN) } },
  },
  "/api/v1/notifications/read": {
    kind: "api",
    rule: "any caller with a role: marks their own notifications",
    methods: { POST: { expect: apiFor(SIGNED_IN), body: () => ({ all: true }) } },
  },
  // Acting reviewers (issue 13). The harmless body names an officer as the delegate: 422 for whoever may name
  // one (an administrator also lacks the delegator), 403 for roles that cannot; :id is no delegation (404).
  "/api/v1/delegations": {
    kind: "api",
    rule: "list: any caller with a role (their own); name one: reviewers, leadership, administrators",
    methods: {
      GET: { expect: apiFor(SIGNED_IN) },
      POST: {
        expect: apiFor(["REVIEWER", "LEADERSHIP", "ADMIN"], 422),
        body: () => ({ delegate: "officer.itb@demo.gov.hk", from: "2099-01-04", until: "2099-01-08" }),
      },
    },
  },
  "/api/v1/delegations/:id": {
    kind: "api",
    rule: "end one: its delegator, its delegate or an administrator (anyone else: 404, as if it did not exist)",
    methods: { DELETE: { expect: apiFor(SIGNED_IN, 404) } },
  },
  "/api/v1/tokens": {
    kind: "api",
    rule: "anyone (the credential check is public); the harmless body lacks the password: 400",
    methods: { POST: { expect: everyone(400), body: () => ({ email: "someone@demo.gov.hk" }) } },
  },
};

/** Stages of a funded initiative: the only ones open data may list (DESIGN.md §6). */
const FUNDED = new Set<Stage>(["delivery", "benefitsReview", "closed"]);

const API_METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;

// ————————————————————————————————————————————————————————————————————————————————————————————————
// Running cases
// ————————————————————————————————————————————————————————————————————————————————————————————————

type RouteModule = { loader?: (a: never) => unknown; action?: (a: never) => unknown };
type LoadedRoute = { file: string; pattern: string; module: RouteModule };

// Row counts of every domain table; the last update time too where rows are changed in place.
const COUNTED_TABLES = ["Signoff", "FundingDecision", "BenefitReport", "Comment", "SubmissionRound"];
const UPDATED_TABLES = [
  "Initiative",
  "Milestone",
  "Condition",
  "User",
  "Setting",
  "Attachment",
  "FundingRound",
  "FundingBid",
  "BidScore",
  "Notification",
  "NotificationDelivery",
  "Delegation",
];
const FINGERPRINT_SQL = `SELECT ${[
  ...COUNTED_TABLES.map((t) => `'${t}=' || (SELECT COUNT(*) FROM "${t}")`),
  ...UPDATED_TABLES.map(
    (t) => `'${t}=' || (SELECT COUNT(*) || '@' || COALESCE(CAST(MAX("updatedAt") AS TEXT), '') FROM "${t}")`,
  ),
  `'versions=' || (SELECT COALESCE(SUM("version"), 0) FROM "Initiative")`,
  `'AuditEvent=' || (SELECT COUNT(*) FROM "AuditEvent") || '#' || COALESCE((SELECT "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1), '')`,
].join(" || ' ' || ")} AS fp`;

/** Row counts of every table, the last update of each, the initiatives' versions and the last audit hash. */
async function fingerprint(): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ fp: string }[]>(FINGERPRINT_SQL);
  return rows[0]!.fp;
}
function fingerprintDiff(a: string, b: string): string {
  const x = a.split(" ");
  const y = b.split(" ");
  return x
    .map((part, i) => (part === y[i] ? null : `${part} → ${y[i]}`))
    .filter(Boolean)
    .join(", ");
}

const stats = { cases: 0, allowed: 0, denied: 0, routeCases: 0, eventCases: 0, csrfCases: 0 };
const problems: string[] = [];
const deviations = new Map<string, string[]>();

function locationOf(res: Response): string {
  return res.headers.get("Location") ?? "";
}
function isSignInRedirect(res: Response): boolean {
  return res.status >= 300 && res.status < 400 && /^\/login(\?redirectTo=|$)/.test(locationOf(res));
}
function matches(expected: Expect, res: Response): boolean {
  if (expected === "ok") return res.status >= 200 && res.status < 400 && !isSignInRedirect(res);
  if (expected === "signIn") return isSignInRedirect(res);
  return res.status === expected;
}
function describeResponse(res: Response, body: string): string {
  const loc = locationOf(res);
  return `${res.status}${loc ? ` → ${loc}` : ""}${res.status >= 400 && body ? ` ${body.slice(0, 160).replace(/\s+/g, " ")}` : ""}`;
}

type Case = {
  id: string;
  expected: Expect;
  tolerate?: Tolerance;
  /** Builds the request when it runs (a pool initiative may have been rebuilt meanwhile) and answers it. */
  exec: () => Promise<Response>;
  /** For an allowed case that succeeded: what else must be true (null when all is well). */
  onAllowed?: (res: Response, body: string) => Promise<string | null> | string | null;
  /** The pool initiative a denial is sent to: rebuilt if a denial changed something. */
  variant?: Variant;
};

/** Runs one case and checks its answer (not the database: see {@link runBatch}). */
async function evaluate(c: Case, record = true): Promise<Response> {
  if (record) {
    stats.cases++;
    if (DENIALS.has(c.expected)) stats.denied++;
    else stats.allowed++;
  }
  const tolerate = c.tolerate ?? KNOWN_DEVIATIONS.find((d) => d.applies(c.id));
  const res = await c.exec();
  const body = await res.text();
  if (!record) return res;
  if (!matches(c.expected, res)) {
    if (tolerate && matches(tolerate.accepts, res)) {
      const seen = deviations.get(tolerate.note) ?? [];
      seen.push(c.id);
      deviations.set(tolerate.note, seen);
    } else problems.push(`${c.id}: expected ${c.expected}, got ${describeResponse(res, body)}`);
  } else if (!DENIALS.has(c.expected) && c.onAllowed) {
    const problem = await c.onAllowed(res, body);
    if (problem) problems.push(`${c.id}: ${problem}`);
  }
  return res;
}

/**
 * Runs cases: first every denial, which together must leave the database exactly as it was (row counts
 * of every table, last update times, initiative versions, the last audit hash); then every allowed case.
 * When the denials did change something, the pool initiatives they used are rebuilt and the denials are
 * replayed one at a time, each between two fingerprints, to name the culprit.
 */
async function runBatch(cases: Case[]): Promise<void> {
  const denied = cases.filter((c) => DENIALS.has(c.expected));
  if (denied.length) {
    const before = await fingerprint();
    for (const c of denied) await evaluate(c);
    const after = await fingerprint();
    if (after !== before) {
      for (const v of new Set(denied.map((c) => c.variant).filter((v): v is Variant => !!v))) await rebuildPool(v);
      let named = false;
      for (const c of denied) {
        const b = await fingerprint();
        const res = await evaluate(c, false);
        const a = await fingerprint();
        if (a !== b) {
          named = true;
          problems.push(`${c.id}: denied (${res.status}) but the database changed: ${fingerprintDiff(b, a)}`);
          if (c.variant) await rebuildPool(c.variant);
        }
      }
      if (!named)
        problems.push(
          `one of ${denied.map((c) => c.id).join("; ")} changed the database: ${fingerprintDiff(before, after)}`,
        );
    }
  }
  for (const c of cases.filter((c) => !DENIALS.has(c.expected))) await evaluate(c);
}

function pageRequest(method: string, url: string, who: MatrixCaller, fields?: Record<string, unknown>): Request {
  if (method === "GET") return get(url, who.session);
  return post(url, asForm(fields ?? {}), who.session);
}
function apiRequest(method: string, url: string, who: MatrixCaller, json?: Record<string, unknown>): Request {
  const headers: Record<string, string> = {};
  if (who.token) headers.Authorization = `Bearer ${who.token}`;
  let body: string | undefined;
  if (json !== undefined && method !== "GET" && method !== "HEAD") {
    body = JSON.stringify(json);
    headers["Content-Type"] = "application/json";
  }
  return new Request(`${ORIGIN}${url}`, { method, headers, body });
}
async function invoke(route: LoadedRoute, request: Request, params: Record<string, string>): Promise<Response> {
  const fn = request.method === "GET" || request.method === "HEAD" ? route.module.loader : route.module.action;
  if (!fn) throw new Error(`${route.file} has no ${request.method === "GET" ? "loader" : "action"}`);
  return run(() => Promise.resolve(fn(args(request, params) as never)));
}
function urlFor(pattern: string, ref?: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const url = pattern
    .split("/")
    .map((seg) => {
      if (seg === "*") {
        const rest = pattern.startsWith("/api/") ? "no-such-endpoint" : "no-such-page";
        params["*"] = rest;
        return rest;
      }
      if (seg === ":id" && pattern.includes("/:ref/")) {
        // An initiative's :id is the pool initiative's own attachment (see rebuildPool).
        const id = attachmentOf.get(ref!) ?? "no-such-attachment";
        params.id = id;
        return id;
      }
      if (seg.startsWith(":")) {
        // :ref is an initiative; other parameters have one fixed value (another user, an unknown link).
        const value = seg === ":ref" ? ref! : (OTHER_PARAMS[seg.slice(1)] ?? "unknown");
        params[seg.slice(1)] = value;
        return value;
      }
      return seg;
    })
    .join("/");
  return { url: url || "/", params };
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// Set-up
// ————————————————————————————————————————————————————————————————————————————————————————————————

const callers: MatrixCaller[] = [];
/** Values of route parameters other than :ref (set up in beforeAll). */
const OTHER_PARAMS: Record<string, string> = { token: "no-such-reset-link-0000000000000000", fy: "2026-27" };

/** A new session for a caller whose call ends theirs (the user awaiting access has no password). */
async function freshSession(who: MatrixCaller): Promise<Session> {
  if (who.role !== NO_ROLE) return login(who.email!);
  const user = await db.user.findUniqueOrThrow({ where: { email: who.email! }, select: { id: true } });
  const cookie = (await createSession(user.id, "vitest")).split(";")[0]!;
  return { cookie, csrf: csrfTokenFor((await getSessionCookie().parse(cookie)) as string) };
}
const pool = new Map<string, string>(); // variant key → ref
const poolFacts = new Map<string, PayloadFacts>();
let routes: LoadedRoute[] = [];
let started = 0;

async function buildChecked(v: Variant): Promise<string> {
  const ref = await v.build();
  const row = await db.initiative.findUniqueOrThrow({ where: { ref }, select: { stage: true, substate: true } });
  if (row.stage !== v.stage || (v.substate && row.substate !== v.substate)) {
    throw new Error(
      `the ${v.key} initiative came out ${row.stage}${row.substate ? `.${row.substate}` : ""}: fix its builder`,
    );
  }
  return ref;
}
/** Each pool initiative's attachment, for the routes with `:id`: a fixture row, as an upload would leave it. */
const attachmentOf = new Map<string, string>();

async function rebuildPool(v: Variant) {
  const ref = await buildChecked(v);
  const row = await db.initiative.findUniqueOrThrow({ where: { ref }, select: { id: true, round: true } });
  const content = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
  const attachment = await db.attachment.create({
    data: {
      initiativeId: row.id,
      round: Math.max(row.round, 1),
      kind: "OTHER",
      name: "matrix.pdf",
      mediaType: "application/pdf",
      size: content.length,
      sha256: "0".repeat(64),
      content,
      uploadedById: c.itb.id,
    },
    select: { id: true },
  });
  attachmentOf.set(ref, attachment.id);
  pool.set(v.key, ref);
  poolFacts.set(v.key, await payloadFacts(ref, v));
}

beforeAll(async () => {
  started = Date.now();
  await seed({ demoData: true });
  c = await demoCallers();

  // The disabled user: an ITIB officer who signed in and got a token, then was disabled by an administrator.
  const created = await createUser(c.admin, {
    name: "Disabled Officer",
    email: "disabled.officer@demo.gov.hk",
    role: "OFFICER",
    bureauCode: OWNER_BUREAU,
    password: DISABLED_PASSWORD,
  });
  if (!created.ok) throw new Error(`could not create the disabled user: ${JSON.stringify(created.fields)}`);
  // The user awaiting access, as the identity provider's first sign-in leaves them: no role, no password.
  const awaiting = await db.user.create({
    data: { email: "awaiting@demo.gov.hk", name: "Awaiting Access", role: NO_ROLE, passwordHash: "" },
    select: { id: true },
  });
  // The acting reviewer: a leadership user whom the Data Governance reviewer names for a period around today.
  const acting = await createUser(c.admin, {
    name: "Acting for Data Governance",
    email: DELEGATE_EMAIL,
    role: "LEADERSHIP",
    password: DISABLED_PASSWORD,
  });
  if (!acting.ok) throw new Error(`could not create the delegate: ${JSON.stringify(acting.fields)}`);
  // The demo password, like every demo account (a route that ends the session signs them in again with it).
  const { passwordHash } = await db.user.findUniqueOrThrow({ where: { email: "leader@demo.gov.hk" } });
  await db.user.update({ where: { email: DELEGATE_EMAIL }, data: { passwordHash, mustChangePassword: false } });
  await createDelegation(
    { ...c.dgov, email: "reviewer.dgov@demo.gov.hk" },
    {
      delegate: DELEGATE_EMAIL,
      from: todayInHongKong(),
      until: todayInHongKong(new Date(Date.now() + 30 * 86_400_000)),
    },
  );
  OTHER_PARAMS.id = (
    await db.user.findUniqueOrThrow({ where: { email: "officer.immd@demo.gov.hk" }, select: { id: true } })
  ).id;
  for (const spec of CALLER_SPECS) {
    const who: MatrixCaller = { ...spec };
    if (spec.role === NO_ROLE) {
      who.session = await freshSession(who);
      who.token = (await issueToken(awaiting.id)).token;
    } else if (spec.email) {
      const password = spec.key === "disabled" ? DISABLED_PASSWORD : undefined;
      who.session = await login(spec.email, password);
      who.token = await tokenFor(spec.email, password);
    }
    callers.push(who);
  }
  const disabledId = (
    await db.user.findUniqueOrThrow({ where: { email: "disabled.officer@demo.gov.hk" }, select: { id: true } })
  ).id;
  const disabled = await setUserDisabled(c.admin, disabledId, true);
  if (!disabled.ok) throw new Error("could not disable the user");

  // The funding round the :fy routes name (the demo data may have opened it already), open to bids for as long
  // as the pool is rebuilt: every pool initiative in funding review is one of its bids.
  const fy = OTHER_PARAMS.fy!;
  if (!(await db.fundingRound.findUnique({ where: { fy } }))) {
    await openRound(c.leader, { fy, envelope: 50_000_000, bidDeadline: "2099-12-31", decisionDate: "2099-12-31" });
  } else {
    await db.fundingRound.update({ where: { fy }, data: { bidDeadline: "2099-12-31", decisionDate: "2099-12-31" } });
  }
  for (const v of VARIANTS) await rebuildPool(v);

  routes = await Promise.all(
    routeFiles().map(async (file) => ({
      file,
      pattern: routePattern(file),
      module: (await import(/* @vite-ignore */ pathToFileURL(path.join(ROUTES_DIR, file)).href)) as RouteModule,
    })),
  );
}, 300_000);

afterAll(() => {
  const callerCount = callers.length;
  const routeCount = routes.filter((r) => r.module.loader || r.module.action).length;
  console.log(
    `access matrix: ${stats.cases} cases (routes ${routeCount}, callers ${callerCount}, states ${VARIANTS.length}, events ${EVENT_TYPES.length}): ` +
      `${stats.allowed} allowed, ${stats.denied} denied — ${stats.routeCases} route cases, ${stats.eventCases} event cases, ${stats.csrfCases} CSRF cases; ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const [note, ids] of deviations) {
    console.log(`known deviation (${ids.length} cases): ${note}; e.g. ${ids.slice(0, 3).join("; ")}`);
  }
});

/** Every problem found by a group, reported together (a few hundred lines beat a first failure). */
function expectNoProblems(group: string) {
  const found = problems.splice(0);
  expect(found, `${group}: ${found.length} case(s) differ from the access rules:\n${found.join("\n")}`).toEqual([]);
}

/** Refs of pool initiatives this caller may not see: none may appear in anything they are shown. */
function invisibleRefs(who: MatrixCaller): string[] {
  return VARIANTS.filter((v) => !sees(who, v)).map((v) => pool.get(v.key)!);
}

// ————————————————————————————————————————————————————————————————————————————————————————————————
// Tests
// ————————————————————————————————————————————————————————————————————————————————————————————————

describe("access-control matrix", () => {
  it("has an access rule for every route file on disk (and no rule for a loader or action that is not there)", () => {
    expect(routePattern("initiatives.$ref._index.tsx")).toBe("/initiatives/:ref");
    expect(routePattern("initiatives.export[.]csv.ts")).toBe("/initiatives/export.csv");
    expect(routePattern("api.v1.initiatives.$ref.events.ts")).toBe("/api/v1/initiatives/:ref/events");
    expect(routePattern("_index.tsx")).toBe("/");
    expect(routePattern("$.tsx")).toBe("/*");
    expect(routePattern("_auth.login.tsx")).toBe("/login");

    const missing: string[] = [];
    for (const r of routes) {
      const rule = ACCESS[r.pattern];
      if (!rule) {
        missing.push(
          `new route without an access rule: app/routes/${r.file} (${r.pattern}) — add it to ACCESS in this test`,
        );
        continue;
      }
      if (rule.kind === "page") {
        if (r.module.loader && !rule.methods.GET) missing.push(`${r.file} has a loader but its rule has no GET`);
        if (r.module.action && !rule.methods.POST && !rule.events)
          missing.push(`${r.file} has an action but its rule has no POST`);
        if (!r.module.loader && rule.methods.GET) missing.push(`${r.file} has no loader but its rule has a GET`);
        if (!r.module.action && (rule.methods.POST || rule.events))
          missing.push(`${r.file} has no action but its rule has a POST`);
      } else if (!r.module.loader || !r.module.action) {
        missing.push(`${r.file}: an API route exports both loader and action (every method reaches it)`);
      }
    }
    expect(missing).toEqual([]);
    // The two event endpoints exist, so the event matrix below really covers both channels.
    expect(
      routes
        .filter((r) => ACCESS[r.pattern]?.events)
        .map((r) => r.pattern)
        .sort(),
    ).toEqual(["/api/v1/initiatives/:ref/events", "/initiatives/:ref"]);
  });

  it("every caller × every page and API route (× every state for routes with :ref)", async () => {
    for (const route of routes) {
      const rule = ACCESS[route.pattern];
      if (!rule) continue;
      const takesRef = route.pattern.includes(":ref");
      const cases: Case[] = [];
      // API: methods without a handler answer 405 to everyone, before any authentication.
      if (rule.kind === "api" && !rule.methods.ANY) {
        const declared = [...Object.keys(rule.methods), ...(rule.events ? ["POST"] : [])];
        for (const method of API_METHODS.filter((m) => !declared.includes(m))) {
          for (const who of callers) {
            cases.push({
              id: `${method} ${route.pattern} as ${who.key}`,
              expected: 405,
              exec: () => {
                const { url, params } = urlFor(route.pattern, pool.get("efficiencyReview"));
                return invoke(route, apiRequest(method, url, who, method === "GET" ? undefined : {}), params);
              },
            });
          }
        }
      }
      for (const [declared, m] of Object.entries(rule.methods) as [keyof RouteRule["methods"], MethodRule][]) {
        for (const method of declared === "ANY" ? API_METHODS : [declared]) {
          for (const who of callers) {
            for (const v of takesRef ? VARIANTS : [undefined]) {
              const expected = m.expect({ who, v });
              const fresh = !!(v && m.fresh && expected === "ok");
              cases.push({
                id: `${method} ${route.pattern} as ${who.key}${v ? ` on ${v.key}` : ""}`,
                expected,
                variant: v && !fresh ? v : undefined,
                exec: async () => {
                  const ref = v ? (fresh ? await buildChecked(v) : pool.get(v.key)!) : undefined;
                  const { url: path, params } = urlFor(route.pattern, ref);
                  const url = path + (m.query ?? "");
                  const body = method === "GET" ? undefined : (m.body?.({ who, v, ref }) ?? {});
                  const caller =
                    m.endsSession && who.email && who.role ? { ...who, session: await freshSession(who) } : who;
                  const request =
                    rule.kind === "page"
                      ? pageRequest(method, url, caller, body)
                      : apiRequest(method, url, caller, body);
                  return invoke(route, request, params);
                },
                onAllowed: (_res, text) => {
                  if (method !== "GET") return null;
                  if (m.publicFeed) {
                    const wrong = VARIANTS.filter((x) => text.includes(pool.get(x.key)!) !== FUNDED.has(x.stage));
                    return wrong.length ? `open data wrong about: ${wrong.map((x) => x.key).join(", ")}` : null;
                  }
                  // No data of another B/D (or an unsubmitted draft) leaks through anything the caller is shown.
                  const leaked = invisibleRefs(who).filter((r) => text.includes(r));
                  if (leaked.length) return `shows initiatives the caller may not see: ${leaked.join(", ")}`;
                  const missing = m.lists
                    ? VARIANTS.filter((x) => sees(who, x))
                        .map((x) => pool.get(x.key)!)
                        .filter((r) => !text.includes(r))
                    : [];
                  return missing.length ? `does not list initiatives the caller may see: ${missing.join(", ")}` : null;
                },
              });
            }
          }
        }
      }
      stats.routeCases += cases.length;
      await runBatch(cases);
    }
    expectNoProblems("routes");
  }, 600_000);

  for (const channel of ["page", "api"] as const) {
    it(`every caller × every lifecycle event × every state, through the ${channel === "page" ? "page action (/initiatives/:ref, intent=<EVENT>)" : "API (POST /api/v1/initiatives/:ref/events)"}`, async () => {
      const route = routes.find((r) => ACCESS[r.pattern]?.events === (channel === "page" ? "form" : "json"))!;
      expect(route, "the event route").toBeDefined();
      const request = (who: MatrixCaller, ref: string, type: EventType, payload: Record<string, unknown>) => {
        const { url, params } = urlFor(route.pattern, ref);
        const behalf = who.actsFor ? { onBehalfOf: who.actsFor.email } : {};
        const req =
          channel === "page"
            ? pageRequest("POST", url, who, { intent: type, ...asForm(payload), ...behalf })
            : apiRequest("POST", url, who, { type, ...payload, ...behalf });
        return invoke(route, req, params);
      };
      for (const v of VARIANTS) {
        for (const type of EVENT_TYPES) {
          const cases: Case[] = callers.map((who) => {
            const { expected, tolerate } = expectedForEvent(who, v, type, channel);
            const id = `${type} via ${channel} as ${who.key} on ${v.key}`;
            if (expected !== "ok") {
              return {
                id,
                expected,
                tolerate,
                variant: v,
                exec: () => request(who, pool.get(v.key)!, type, PAYLOADS[type](poolFacts.get(v.key)!)),
              };
            }
            // Allowed: on a fresh initiative in this state, and it must really have happened.
            let ref = "";
            let auditBefore = 0;
            return {
              id,
              expected,
              exec: async () => {
                ref = await buildChecked(v);
                const payload = PAYLOADS[type](await payloadFacts(ref, v));
                auditBefore = await db.auditEvent.count();
                return request(who, ref, type, payload);
              },
              onAllowed: async (res) => {
                if (channel === "page" && !locationOf(res).includes(`done=${type}`))
                  return `accepted without the done=${type} redirect (${locationOf(res)})`;
                const last = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { event: true } });
                if ((await db.auditEvent.count()) !== auditBefore + 1 || last?.event !== type)
                  return `accepted but not audited as ${type}`;
                const stage = expectedStageAfter(type, v) ?? v.stage;
                const row = await db.initiative.findUniqueOrThrow({ where: { ref }, select: { stage: true } });
                return row.stage === stage ? null : `accepted but went to ${row.stage}, not ${stage}`;
              },
            };
          });
          stats.eventCases += cases.length;
          await runBatch(cases);
        }
      }
      expectNoProblems(`events via ${channel}`);
    }, 600_000);
  }

  it("refuses page mutations without the session's CSRF token, or from another site, and writes nothing", async () => {
    const own = callers.find((x) => x.key === "officerOwn")!;
    const other = callers.find((x) => x.key === "officerOther")!;
    const admin = callers.find((x) => x.key === "admin")!;
    const draft = VARIANTS.find((v) => v.key === "draft")!;
    const cases: Case[] = [];
    for (const route of routes) {
      const rule = ACCESS[route.pattern];
      if (!rule || rule.kind !== "page" || !rule.csrf) continue;
      const m = rule.methods.POST;
      const takesRef = route.pattern.includes(":ref");
      // The first caller this route lets post (an administrator for /admin, the owning officer elsewhere).
      const who = [own, admin].find((x) => m && m.expect({ who: x, v: draft }) !== 403) ?? own;
      const forms: Record<string, unknown>[] = [];
      if (m) forms.push(m.body?.({ who, v: draft }) ?? {});
      if (rule.events === "form") forms.push({ intent: "WITHDRAW", reason: "Forged" });
      for (const form of forms) {
        const attempts: [string, (session: Session, url: string) => Request][] = [
          ["from another site (Origin)", (s, url) => post(url, asForm(form), s, { Origin: "https://evil.example" })],
          [
            "from another site (Sec-Fetch-Site)",
            (s, url) => post(url, asForm(form), s, { Origin: "", "Sec-Fetch-Site": "cross-site" }),
          ],
          ["with Origin null", (s, url) => post(url, asForm(form), s, { Origin: "null" })],
        ];
        if (rule.csrf === "token") {
          attempts.push(
            ["without the CSRF token", (s, url) => post(url, asForm(form), undefined, { Cookie: s.cookie })],
            [
              "with another session's CSRF token",
              (s, url) => post(url, { ...asForm(form), _csrf: other.session!.csrf }, undefined, { Cookie: s.cookie }),
            ],
          );
        }
        for (const [how, make] of attempts) {
          cases.push({
            id: `POST ${route.pattern} ${String(form.intent ?? "")} as ${who.key} ${how}`.replace(/\s+/g, " "),
            expected: 403,
            variant: takesRef ? draft : undefined,
            exec: async () => {
              const { url, params } = urlFor(route.pattern, takesRef ? pool.get(draft.key) : undefined);
              const session = m?.endsSession ? await login(who.email!) : who.session!;
              return invoke(route, make(session, url), params);
            },
          });
        }
      }
    }
    stats.csrfCases += cases.length;
    await runBatch(cases);
    expectNoProblems("CSRF");
  }, 600_000);

  it("keeps the audit chain intact", async () => {
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ ok: true });
  });
});

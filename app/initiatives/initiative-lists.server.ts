/**
 * Everything an initiative's view lists, and its bureau, read in one statement (app/utils/db/json-lists):
 * milestones, conditions, funding decisions, sign-offs, benefit reports, baselines, change requests, funding
 * bids and the rounds it takes part in, its stays in delivery, status reports — and, when asked for, its
 * comments, audit trail (else only the entries that carry a reason), submission rounds and attachments.
 */
import { Prisma } from "~/generated/prisma/client.ts";
import { db, dbProvider } from "~/utils/db.server.ts";
import {
  jsonList,
  jsonObject,
  quoted,
  rowsOf,
  type Dialect,
  type ListSpec,
  type RowOf,
} from "~/utils/db/json-lists.server.ts";
import { REASON_EVENTS } from "./reasons.ts";

const OWN = `t."initiativeId" = i."id"`;

const AUDIT_COLUMNS = {
  seq: "int",
  event: "text",
  actorId: "text?",
  actorRole: "text",
  fromState: "text?",
  toState: "text?",
  payload: "text",
  createdAt: "date",
} as const;

/** The lists every view shows. */
const LISTS = {
  milestones: {
    table: "Milestone",
    columns: { id: "text", name: "text", due: "text", status: "text", actualDate: "text?" },
    where: OWN,
    orderBy: ["position"],
  },
  conditions: {
    table: "Condition",
    columns: {
      key: "text",
      text: "text",
      division: "text",
      round: "int",
      due: "text?",
      status: "text",
      metNote: "text?",
      metAt: "date?",
    },
    where: OWN,
    orderBy: ["createdAt"],
  },
  funding: {
    table: "FundingDecision",
    columns: {
      decision: "text",
      route: "text?",
      amount: "int?",
      paperRef: "text?",
      decisionDate: "text?",
      reasonCode: "text?",
      reason: "text?",
      createdAt: "date",
    },
    where: OWN,
    orderBy: ["createdAt"],
  },
  signoffs: {
    table: "Signoff",
    columns: {
      round: "int",
      division: "text",
      decision: "text",
      reasonCode: "text?",
      reason: "text?",
      comment: "text?",
      decidedAt: "date",
      reviewerId: "text",
    },
    where: OWN,
    orderBy: ["round", "decidedAt"],
  },
  benefits: {
    table: "BenefitReport",
    columns: { realisedAnnualSavings: "int", realisedStaffHoursSaved: "int", note: "text", createdAt: "date" },
    where: OWN,
    orderBy: ["createdAt"],
  },
  baselines: {
    table: "Baseline",
    columns: { number: "int", plannedEnd: "text?", milestones: "text", budget: "int", createdAt: "date" },
    where: OWN,
    orderBy: ["number"],
  },
  changeRequests: {
    table: "ChangeRequest",
    columns: {
      number: "int",
      status: "text",
      route: "text",
      reason: "text",
      plannedEnd: "text?",
      milestones: "text?",
      additionalFunding: "int",
      grantedFunding: "int?",
      requestedById: "text",
      createdAt: "date",
      decidedById: "text?",
      decidedAt: "date?",
      decisionReason: "text?",
      reasonCode: "text?",
      paperRef: "text?",
      decisionDate: "text?",
      baseline: "int?",
    },
    where: OWN,
    orderBy: ["number"],
  },
  bids: {
    table: "FundingBid",
    columns: { roundId: "text", urgent: "bool", outcome: "text?", createdAt: "date" },
    where: OWN,
    orderBy: ["createdAt", "id"],
  },
  /**
   * The rounds it bid in, and — while in funding review — the round of its planned start's financial year
   * (`2026-27` runs from 2026-04-01 to 2027-03-31; the round's year is written so when it is opened).
   */
  fundingRounds: {
    table: "FundingRound",
    columns: { id: "text", fy: "text", bidDeadline: "text", status: "text" },
    where:
      `t."id" IN (SELECT b."roundId" FROM "FundingBid" b WHERE b."initiativeId" = i."id")` +
      ` OR (i."stage" = 'fundingReview' AND i."plannedStart" >= substr(t."fy", 1, 4) || '-04-01'` +
      ` AND i."plannedStart" < CAST(CAST(substr(t."fy", 1, 4) AS INTEGER) + 1 AS TEXT) || '-04-01')`,
    orderBy: ["fy"],
  },
  deliveryStays: {
    table: "StageStay",
    columns: { enteredAt: "date", leftAt: "date?" },
    where: `${OWN} AND t."stage" = 'delivery'`,
    orderBy: ["enteredAt"],
  },
  statusReports: {
    table: "StatusReport",
    columns: {
      quarter: "text",
      periodEnd: "text",
      dueDate: "text",
      rag: "text",
      percentComplete: "int",
      spendToDate: "int",
      fundedAmount: "int",
      overspent: "bool",
      note: "text",
      risks: "text?",
      reportedById: "text",
      reportedAt: "date",
    },
    where: OWN,
    orderBy: ["quarter"],
  },
} as const satisfies Record<string, ListSpec>;

/** The lists read only when asked for; `reasons` only when the whole audit trail is not. */
const OPTIONAL = {
  comments: {
    table: "Comment",
    columns: { id: "text", body: "text", createdAt: "date", authorId: "text" },
    where: OWN,
    orderBy: ["createdAt"],
  },
  audit: { table: "AuditEvent", columns: AUDIT_COLUMNS, where: OWN, orderBy: ["seq"] },
  reasons: {
    table: "AuditEvent",
    columns: { event: "text", actorId: "text?", actorRole: "text", payload: "text", createdAt: "date" },
    where: `${OWN} AND t."event" IN (${REASON_EVENTS.map((e) => `'${e}'`).join(", ")})`,
    orderBy: ["seq"],
  },
  rounds: {
    table: "SubmissionRound",
    columns: { round: "int", proposal: "text", createdAt: "date" },
    where: OWN,
    orderBy: ["round"],
  },
  attachments: {
    table: "Attachment",
    columns: {
      id: "text",
      name: "text",
      kind: "text",
      conditionKey: "text?",
      mediaType: "text",
      size: "int",
      sha256: "text",
      round: "int",
      version: "int",
      replacesId: "text?",
      supersededAt: "date?",
      deletedAt: "date?",
      createdAt: "date",
      uploadedById: "text",
    },
    where: OWN,
    orderBy: ["round", "createdAt"],
  },
} as const satisfies Record<string, ListSpec>;

type Lists = typeof LISTS;
type Optional = typeof OPTIONAL;
export type Include = { [K in Exclude<keyof Optional, "reasons">]?: boolean };

const BUREAU_COLUMNS = { code: "text", nameEn: "text", nameZh: "text", kind: "text" } as const;

export type InitiativeLists = { bureau: RowOf<typeof BUREAU_COLUMNS> } & {
  [K in keyof Lists]: RowOf<Lists[K]["columns"]>[];
} & { [K in keyof Optional]: RowOf<Optional[K]["columns"]>[] | null };

/** The optional lists a reading asks for: the reasons stand in for the audit trail when it is not read. */
function optionalNames(include: Include): (keyof Optional)[] {
  const names = (["comments", "audit", "rounds", "attachments"] as const).filter((n) => include[n]);
  return include.audit ? names : [...names, "reasons"];
}

function listsSql(dialect: Dialect, optional: (keyof Optional)[]): string {
  const postgres = dialect === "postgresql";
  const bureau = `(SELECT ${jsonObject("b", BUREAU_COLUMNS, dialect)}${postgres ? "::text" : ""} FROM "Bureau" b WHERE b."code" = i."bureauCode")`;
  const specs: [string, ListSpec][] = [
    ...Object.entries(LISTS),
    ...optional.map((n): [string, ListSpec] => [n, OPTIONAL[n]]),
  ];
  const lists = specs.map(([name, spec]) => `${jsonList(spec, dialect)} AS ${quoted(name)}`);
  return `SELECT ${bureau} AS "bureau", ${lists.join(", ")} FROM "Initiative" i WHERE i."ref" = `;
}

/** Each statement's text, built once per database and choice of lists. */
const statements = new Map<string, string>();

/** The lists and bureau of the initiative with this reference; null when there is none. */
export async function initiativeLists(ref: string, include: Include = {}): Promise<InitiativeLists | null> {
  const dialect: Dialect = dbProvider() === "postgresql" ? "postgresql" : "sqlite";
  const optional = optionalNames(include);
  const id = `${dialect}:${optional.join(",")}`;
  const sql = statements.get(id) ?? statements.set(id, listsSql(dialect, optional)).get(id)!;
  const [row] = await db.$queryRaw<Record<string, string | null>[]>(Prisma.sql`${Prisma.raw(sql)}${ref}`);
  if (!row) return null;
  const lists: Record<string, unknown> = { bureau: JSON.parse(row.bureau!) };
  for (const [name, spec] of Object.entries(LISTS)) lists[name] = rowsOf(row[name], spec.columns);
  for (const name of Object.keys(OPTIONAL) as (keyof Optional)[])
    lists[name] = optional.includes(name) ? rowsOf(row[name], OPTIONAL[name].columns) : null;
  return lists as InitiativeLists;
}

/**
 * The lists an initiative's view shows (milestones, conditions, funding decisions, sign-offs, benefit
 * reports) and its bureau, read in one statement. Prisma sends one statement per relation, and each costs
 * the time of its query compiler; here each list is a JSON aggregate of a correlated subquery, spelled for
 * the database in use, and converted back to the values Prisma would have given.
 */
import { Prisma } from "~/generated/prisma/client.ts";
import { db, dbProvider } from "~/utils/db.server.ts";

/** A column's kind: text, a whole number, or a date and time. */
type Kind = "text" | "int" | "date";

type ListSpec = { table: string; columns: Record<string, Kind>; orderBy: string[] };

const LISTS = {
  milestones: {
    table: "Milestone",
    columns: { id: "text", name: "text", due: "text", status: "text", actualDate: "text" },
    orderBy: ["position"],
  },
  conditions: {
    table: "Condition",
    columns: {
      key: "text",
      text: "text",
      division: "text",
      round: "int",
      due: "text",
      status: "text",
      metNote: "text",
      metAt: "date",
    },
    orderBy: ["createdAt"],
  },
  funding: {
    table: "FundingDecision",
    columns: {
      decision: "text",
      route: "text",
      amount: "int",
      paperRef: "text",
      decisionDate: "text",
      reasonCode: "text",
      reason: "text",
      createdAt: "date",
    },
    orderBy: ["createdAt"],
  },
  signoffs: {
    table: "Signoff",
    columns: {
      round: "int",
      division: "text",
      decision: "text",
      reasonCode: "text",
      reason: "text",
      comment: "text",
      decidedAt: "date",
      reviewerId: "text",
    },
    orderBy: ["round", "decidedAt"],
  },
  benefits: {
    table: "BenefitReport",
    columns: { realisedAnnualSavings: "int", realisedStaffHoursSaved: "int", note: "text", createdAt: "date" },
    orderBy: ["createdAt"],
  },
} satisfies Record<string, ListSpec>;

const BUREAU_COLUMNS = { code: "text", nameEn: "text", nameZh: "text", kind: "text" } satisfies Record<string, Kind>;

export type InitiativeLists = {
  bureau: { code: string; nameEn: string; nameZh: string; kind: string };
  milestones: { id: string; name: string; due: string; status: string; actualDate: string | null }[];
  conditions: {
    key: string;
    text: string;
    division: string;
    round: number;
    due: string | null;
    status: string;
    metNote: string | null;
    metAt: Date | null;
  }[];
  funding: {
    decision: string;
    route: string | null;
    amount: number | null;
    paperRef: string | null;
    decisionDate: string | null;
    reasonCode: string | null;
    reason: string | null;
    createdAt: Date;
  }[];
  signoffs: {
    round: number;
    division: string;
    decision: string;
    reasonCode: string | null;
    reason: string | null;
    comment: string | null;
    decidedAt: Date;
    reviewerId: string;
  }[];
  benefits: { realisedAnnualSavings: number; realisedStaffHoursSaved: number; note: string; createdAt: Date }[];
};

const quoted = (name: string) => `"${name}"`;

/** One row as a JSON object: SQLite's json_object, PostgreSQL's json_build_object. */
function jsonObject(alias: string, columns: Record<string, Kind>, postgres: boolean): string {
  const pairs = Object.keys(columns).map((c) => `'${c}', ${alias}.${quoted(c)}`);
  return `${postgres ? "json_build_object" : "json_object"}(${pairs.join(", ")})`;
}

/** A list as a JSON array (text), in its order, empty when there are no rows. */
function jsonList(spec: ListSpec, postgres: boolean): string {
  const order = spec.orderBy.map((c) => `t.${quoted(c)}`).join(", ");
  const from = `FROM ${quoted(spec.table)} t WHERE t."initiativeId" = i."id"`;
  return postgres
    ? `(SELECT COALESCE(json_agg(${jsonObject("t", spec.columns, true)} ORDER BY ${order}), '[]'::json)::text ${from})`
    : `(SELECT json_group_array(${jsonObject("t", spec.columns, false)} ORDER BY ${order}) ${from})`;
}

function listsSql(postgres: boolean): string {
  const bureau = `(SELECT ${jsonObject("b", BUREAU_COLUMNS, postgres)}${postgres ? "::text" : ""} FROM "Bureau" b WHERE b."code" = i."bureauCode")`;
  const lists = Object.entries(LISTS).map(([name, spec]) => `${jsonList(spec, postgres)} AS ${quoted(name)}`);
  return `SELECT ${bureau} AS "bureau", ${lists.join(", ")} FROM "Initiative" i WHERE i."ref" = `;
}
const SQL = { sqlite: listsSql(false), postgresql: listsSql(true) };

/**
 * A stored date and time as JSON gives it: SQLite's text as Prisma writes it (with its offset) or as a
 * column default writes it (UTC, without one), or milliseconds; PostgreSQL's timestamp (UTC, without one).
 */
export function dateOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return new Date(value);
  const text = String(value);
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  return new Date(zoned ? text : `${text.replace(" ", "T")}Z`);
}

function convert(rows: Record<string, unknown>[], columns: Record<string, Kind>) {
  const dates = Object.keys(columns).filter((c) => columns[c] === "date");
  for (const row of rows) for (const c of dates) row[c] = dateOf(row[c]);
  return rows;
}

/** The lists and bureau of the initiative with this reference; null when there is none. */
export async function initiativeLists(ref: string): Promise<InitiativeLists | null> {
  const sql = SQL[dbProvider() === "postgresql" ? "postgresql" : "sqlite"];
  const [row] = await db.$queryRaw<Record<string, string | null>[]>(Prisma.sql`${Prisma.raw(sql)}${ref}`);
  if (!row) return null;
  const lists = Object.fromEntries(
    Object.entries(LISTS).map(([name, spec]) => [
      name,
      convert(JSON.parse(row[name] ?? "[]") as Record<string, unknown>[], spec.columns),
    ]),
  );
  return { ...lists, bureau: JSON.parse(row.bureau!) } as InitiativeLists;
}

/**
 * The public open-data feed: initiatives that have been funded (a block-allocation approval or the
 * Finance Committee's), never earlier, with only what the Government publishes about what it funds.
 * No comment, staff name, reason, condition or attachment is ever read here, so none can leak. The
 * filters are the dashboard's, applied to the same columns, so that for a filter the feed's total funded
 * amount is the dashboard's.
 */
import { createHash } from "node:crypto";
import { csvCell } from "~/initiatives/register-csv.server.ts";
import { parseDashboardFilters, type DashboardFilters } from "~/dashboard/dashboard-request.server.ts";
import { db } from "~/utils/db.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";

/** The feed's fields, in order: the CSV's columns, the JSON items' keys and the data dictionary's rows. */
export const OPEN_DATA_FIELDS = [
  { name: "ref", format: "code" },
  { name: "bureauCode", format: "code" },
  { name: "bureauNameEn", format: "text" },
  { name: "bureauNameZh", format: "text" },
  { name: "titleEn", format: "text" },
  { name: "titleZh", format: "text" },
  { name: "category", format: "code" },
  { name: "financialYear", format: "text" },
  { name: "fundingRoute", format: "code" },
  { name: "fundedAmount", format: "hkd" },
  { name: "stage", format: "code" },
  { name: "plannedStart", format: "date" },
  { name: "plannedEnd", format: "date" },
  { name: "actualStart", format: "date" },
  { name: "actualEnd", format: "date" },
  { name: "expectedAnnualSavings", format: "hkd" },
  { name: "expectedStaffHoursSaved", format: "hkd" },
  { name: "realisedAnnualSavings", format: "hkd" },
  { name: "realisedStaffHoursSaved", format: "hkd" },
] as const;

export type OpenDataField = (typeof OPEN_DATA_FIELDS)[number]["name"];
export type OpenDataItem = Record<OpenDataField, string | number | null>;

/** Which initiatives the feed lists: funded ones (only a funding approval sets fundedAmount) in the filters. */
export function openDataWhere(f: DashboardFilters): Prisma.InitiativeWhereInput {
  const and: Prisma.InitiativeWhereInput[] = [{ round: { gt: 0 } }, { fundedAmount: { not: null } }];
  if (f.fy) and.push({ financialYear: f.fy });
  if (f.bureau) and.push({ bureauCode: f.bureau });
  if (f.division) and.push({ leadDivision: f.division });
  if (f.category) and.push({ category: f.category });
  return { AND: and };
}

const ROUTE_OF: Record<string, string> = { APPROVED: "BLOCK_ALLOCATION", FC_APPROVED: "FINANCE_COMMITTEE" };

/** A timestamp as its Hong Kong calendar date (UTC+8 all year). */
const hkDate = (d: Date | null | undefined) =>
  d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null;

export type OpenDataset = {
  filters: DashboardFilters;
  items: OpenDataItem[];
  count: number;
  totalFundedAmount: number;
  lastModified: Date;
};

/** The feed for filters (URL parameters or parsed); a bad filter is a 400 naming it. */
export async function fundedInitiatives(input: URLSearchParams | DashboardFilters): Promise<OpenDataset> {
  const filters = input instanceof URLSearchParams ? parseDashboardFilters(input) : input;
  const rows = await db.initiative.findMany({
    where: openDataWhere(filters),
    orderBy: { ref: "asc" },
    select: {
      id: true,
      ref: true,
      bureauCode: true,
      titleEn: true,
      titleZh: true,
      category: true,
      financialYear: true,
      fundedAmount: true,
      stage: true,
      plannedStart: true,
      plannedEnd: true,
      expectedAnnualSavings: true,
      expectedStaffHoursSaved: true,
      realisedAnnualSavings: true,
      realisedStaffHoursSaved: true,
      updatedAt: true,
      bureau: { select: { nameEn: true, nameZh: true } },
    },
  });
  const ids = rows.map((r) => r.id);
  const [decisions, stays] = await Promise.all([
    db.fundingDecision.findMany({
      where: { initiativeId: { in: ids }, decision: { in: Object.keys(ROUTE_OF) } },
      orderBy: { createdAt: "asc" },
      select: { initiativeId: true, decision: true, createdAt: true },
    }),
    db.stageStay.findMany({
      where: { initiativeId: { in: ids }, stage: "delivery" },
      orderBy: { enteredAt: "asc" },
      select: { initiativeId: true, enteredAt: true, leftAt: true },
    }),
  ]);
  const routeOf = new Map<string, string>();
  let lastModified = new Date(0);
  for (const d of decisions) {
    routeOf.set(d.initiativeId, ROUTE_OF[d.decision]!);
    if (d.createdAt > lastModified) lastModified = d.createdAt;
  }
  const delivery = new Map<string, { start: Date; end: Date | null }>();
  for (const s of stays) {
    const seen = delivery.get(s.initiativeId);
    delivery.set(s.initiativeId, { start: seen?.start ?? s.enteredAt, end: s.leftAt });
  }
  const items = rows.map((r): OpenDataItem => {
    if (r.updatedAt > lastModified) lastModified = r.updatedAt;
    const d = delivery.get(r.id);
    return {
      ref: r.ref,
      bureauCode: r.bureauCode,
      bureauNameEn: r.bureau.nameEn,
      bureauNameZh: r.bureau.nameZh,
      titleEn: r.titleEn,
      titleZh: r.titleZh,
      category: r.category,
      financialYear: r.financialYear,
      fundingRoute: routeOf.get(r.id) ?? null,
      fundedAmount: r.fundedAmount,
      stage: r.stage,
      plannedStart: r.plannedStart,
      plannedEnd: r.plannedEnd,
      actualStart: hkDate(d?.start),
      actualEnd: r.stage === "delivery" ? null : hkDate(d?.end),
      expectedAnnualSavings: r.expectedAnnualSavings,
      expectedStaffHoursSaved: r.expectedStaffHoursSaved,
      realisedAnnualSavings: r.realisedAnnualSavings,
      realisedStaffHoursSaved: r.realisedStaffHoursSaved,
    };
  });
  // HTTP dates have whole seconds; a fraction would make If-Modified-Since never match.
  lastModified = new Date(Math.floor(lastModified.getTime() / 1000) * 1000);
  const totalFundedAmount = items.reduce((a, i) => a + Number(i.fundedAmount ?? 0), 0);
  return { filters, items, count: items.length, totalFundedAmount, lastModified };
}

/** The feed as CSV (UTF-8 with a byte-order mark, so that spreadsheets read the Chinese columns). */
export function openDataCsv(set: OpenDataset): string {
  const lines = [OPEN_DATA_FIELDS.map((f) => f.name).join(",")];
  for (const item of set.items) lines.push(OPEN_DATA_FIELDS.map((f) => csvCell(item[f.name])).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The feed as JSON. */
export function openDataJson(set: OpenDataset): string {
  return JSON.stringify({
    dataset: "funded-digital-government-initiatives",
    publisher: { en: "Digital Policy Office", zh: "數字政策辦公室" },
    filters: set.filters,
    count: set.count,
    totalFundedAmount: set.totalFundedAmount,
    lastModified: set.lastModified.toISOString(),
    items: set.items,
  });
}

/** A strong validator of a representation: its SHA-256. */
export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url")}"`;
}

import type { Locale } from "~/i18n/locales.ts";
import { getT } from "~/i18n/t.ts";
import type { Category, Division } from "~/lifecycle/divisions.ts";
import type { Stage } from "~/lifecycle/initiative.machine.ts";
import type { Caller } from "./access.server.ts";
import { listInitiatives, type RegisterFilters } from "./initiatives.queries.server.ts";

const BOM = "\uFEFF";
const BATCH = 500;

/**
 * Makes a cell safe for spreadsheets: text that starts with =, +, -, @ (or a tab or carriage return)
 * would be read as a formula, so it gets a leading apostrophe; cells with commas, quotes or line
 * breaks are quoted.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS = [
  "ref",
  "titleEn",
  "titleZh",
  "bureau",
  "category",
  "leadDivision",
  "stage",
  "round",
  "financialYear",
  "nonRecurrentCost",
  "recurrentCost",
  "fundedAmount",
  "plannedStart",
  "plannedEnd",
  "health",
  "updatedAt",
] as const;

/**
 * The register the caller may see, with the given filters, as CSV: UTF-8 with a byte-order mark so
 * that Excel shows Chinese correctly, headers in the caller's language, codes translated.
 */
export async function registerCsv(user: Caller, filters: RegisterFilters, locale: Locale): Promise<string> {
  const t = getT(locale);
  const lines = [COLUMNS.map((c) => csvCell(t(`csv.${c}`))).join(",")];
  for (let page = 1; ; page++) {
    const result = await listInitiatives(user, { ...filters, page, pageSize: BATCH });
    for (const i of result.items) {
      const row: (string | number | null)[] = [
        i.ref,
        i.titleEn,
        i.titleZh,
        i.bureauCode,
        i.category ? t(`categories.${i.category as Category}`) : null,
        i.leadDivision ? t(`divisions.${i.leadDivision as Division}`) : null,
        t(`stages.${i.stage as Stage}`),
        i.round,
        i.financialYear,
        i.nonRecurrentCost,
        i.recurrentCost,
        i.fundedAmount,
        i.plannedStart,
        i.plannedEnd,
        i.health ? t(`health.${i.health}`) : null,
        i.updatedAt.toISOString(),
      ];
      lines.push(row.map(csvCell).join(","));
    }
    if (page * BATCH >= result.total) break;
  }
  return BOM + lines.join("\r\n") + "\r\n";
}

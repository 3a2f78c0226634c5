/**
 * What a dashboard request asks for, and of whom: the filters (the register's `fy`, `bureau`, `division` =
 * lead division, `category`), who may read the dashboard (leadership, and reviewers with a division), and
 * the initiatives a caller's dashboard counts (a reviewer's: those their division leads or must sign off).
 */
import { z } from "zod";
import type { Caller } from "~/initiatives/access.server.ts";
import { registerWhere } from "~/initiatives/initiatives.queries.server.ts";
import { CATEGORIES, DIVISIONS, isDivision } from "~/lifecycle/divisions.ts";
import { financialYearRange } from "~/utils/financial-year.ts";
import { parseFilters } from "~/utils/filters.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { Scope } from "./dashboard-sql.server.ts";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The dashboard's filters, from a query string or the API's parameters. Unknown parameters are ignored. */
export const dashboardFiltersSchema = z.object({
  fy: z.preprocess(
    blank,
    z
      .string()
      .refine((v) => financialYearRange(v) !== null, "a financial year like 2026-27")
      .optional(),
  ),
  bureau: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,20}$/, "a B/D code like ITIB")
      .optional(),
  ),
  division: z.preprocess(blank, z.enum(DIVISIONS).optional()),
  category: z.preprocess(blank, z.enum(CATEGORIES).optional()),
});
export type DashboardFilters = z.infer<typeof dashboardFiltersSchema>;

/** Validates filters (URL parameters or an object); a bad value is a 400 naming the parameter. */
export function parseDashboardFilters(input: URLSearchParams | Record<string, unknown>): DashboardFilters {
  return parseFilters(dashboardFiltersSchema, input);
}

/** Roles that may read the dashboard. */
export function canReadDashboard(caller: Pick<Caller, "role">): boolean {
  return caller.role === "LEADERSHIP" || caller.role === "REVIEWER";
}

/** The filters of a dashboard request, after checking the caller may read the dashboard (403) and the filters (400). */
export function dashboardRequest(
  caller: Caller,
  input: DashboardFilters | URLSearchParams | Record<string, unknown>,
): DashboardFilters {
  if (!canReadDashboard(caller)) throw new HttpError(403, { key: "problems.dashboardAudience" });
  if (caller.role === "REVIEWER" && !isDivision(caller.divisionCode)) {
    throw new HttpError(403, { key: "problems.reviewerWithoutDivision" });
  }
  return parseDashboardFilters(input as URLSearchParams | Record<string, unknown>);
}

/** The Prisma filter for the caller's dashboard: the register's, plus a reviewer's division. */
export function dashboardWhere(caller: Caller, filters: DashboardFilters): Prisma.InitiativeWhereInput {
  const base = registerWhere(caller, filters);
  if (caller.role !== "REVIEWER") return base;
  const division = caller.divisionCode;
  if (!isDivision(division)) return { id: { in: [] } };
  return { AND: [base, { OR: [{ leadDivision: division }, { requiredDivisions: { contains: division } }] }] };
}

export function scopeOf(caller: Caller, filters: DashboardFilters): Scope {
  return {
    ...filters,
    ...(caller.role === "REVIEWER" && isDivision(caller.divisionCode) ? { reviewerDivision: caller.divisionCode } : {}),
  };
}

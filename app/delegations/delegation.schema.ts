/**
 * Acting reviewers (delegations), the rules that need no database: who may lend their authority, who may
 * act, what a period is. Browser-safe: the forms and the server read the same schema.
 */
import { z } from "zod";
import { isIsoDate } from "~/initiatives/proposal.schema.ts";
import type { MessageKey } from "~/i18n/t.ts";

/** Roles whose decisions can be lent, and the only roles that can take them: the DPO's reviewers and leaders. */
export const ACTING_ROLES = ["REVIEWER", "LEADERSHIP"] as const;

export function isActingRole(role: string | null | undefined): boolean {
  return (ACTING_ROLES as readonly string[]).includes(role ?? "");
}

/** The longest period one delegation may cover; a longer absence is a change of role, not a stand-in. */
export const MAX_PERIOD_DAYS = 183;

const E = (key: MessageKey) => key;
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const email = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
    z
      .string({ required_error: E("errors.required"), invalid_type_error: E("errors.invalidValue") })
      .max(254, E("errors.tooLong"))
      .email(E("delegations.errors.email")),
  );
const date = () =>
  z.preprocess(
    blank,
    z
      .string({ required_error: E("errors.required"), invalid_type_error: E("errors.invalidDate") })
      .refine(isIsoDate, E("errors.invalidDate")),
  );

/** `{ delegate, from, until }` and, for an administrator setting one for an absent user, `delegator`. */
export const delegationSchema = z
  .object({
    delegate: email(),
    from: date(),
    until: date(),
    delegator: z.preprocess(blank, email().optional()),
  })
  .superRefine((v, ctx) => {
    if (isIsoDate(v.from) && isIsoDate(v.until)) {
      if (v.until < v.from) {
        ctx.addIssue({ code: "custom", path: ["until"], message: E("delegations.errors.untilBeforeFrom") });
      } else if (daysBetween(v.from, v.until) + 1 > MAX_PERIOD_DAYS) {
        ctx.addIssue({ code: "custom", path: ["until"], message: E("delegations.errors.tooLong") });
      }
    }
  });

export type DelegationInput = z.infer<typeof delegationSchema>;

/** Days from one calendar date to another (both YYYY-MM-DD). */
export function daysBetween(from: string, until: string): number {
  return Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type DelegationStatus = "UPCOMING" | "ACTIVE" | "ENDED" | "EXPIRED";

/** Where a delegation stands on a Hong Kong date: periods are inclusive at both ends. */
export function delegationStatus(d: { from: string; until: string; endedAt: Date | string | null }, today: string) {
  if (d.endedAt) return "ENDED" as const;
  if (today > d.until) return "EXPIRED" as const;
  if (today < d.from) return "UPCOMING" as const;
  return "ACTIVE" as const;
}

/** Two inclusive periods share at least one day. */
export function periodsOverlap(a: { from: string; until: string }, b: { from: string; until: string }): boolean {
  return a.from <= b.until && b.from <= a.until;
}

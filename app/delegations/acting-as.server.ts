/**
 * Who may act for whom, in one place: the initiative page, the API, the review queue and the notifications
 * all ask this module. A delegate acts with the delegator's own role and division, only during the
 * delegation's period (inclusive Hong Kong dates), only while neither is disabled, and never with what the
 * delegator holds from someone else: acting is not passed on.
 */
import { hongKongDate } from "~/calendar/hong-kong.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { db, type Db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { ACTING_ROLES, isActingRole } from "./delegation.schema.ts";

type Reader = Pick<Db, "delegation" | "user">;

const PERSON = { id: true, name: true, email: true, role: true, divisionCode: true, bureauCode: true } as const;

export type Delegator = { id: string; name: string; email: string; role: string; divisionCode: string | null };

/** A standing delegation the caller may act on today. */
export type ActingFor = { delegationId: string; from: string; until: string; delegator: Delegator };

/** Delegations in force on `today` (YYYY-MM-DD) between active acting-role users. */
function inForce(today: string) {
  return {
    endedAt: null,
    from: { lte: today },
    until: { gte: today },
    delegator: { disabledAt: null, role: { in: [...ACTING_ROLES] } },
    delegate: { disabledAt: null, role: { in: [...ACTING_ROLES] } },
  };
}

/** Whom the caller acts for today (none for a role that cannot act), oldest delegation first. */
export async function actingFor(user: Pick<Caller, "id" | "role">, now = new Date(), tx: Reader = db) {
  if (!isActingRole(user.role)) return [];
  const rows = await tx.delegation.findMany({
    where: { delegateId: user.id, ...inForce(hongKongDate(now)) },
    orderBy: { createdAt: "asc" },
    select: { id: true, from: true, until: true, delegatorId: true },
  });
  // The delegators are read only when there are delegations: a nested select would query even without any.
  if (rows.length === 0) return [];
  const people = await tx.user.findMany({ where: { id: { in: rows.map((r) => r.delegatorId) } }, select: PERSON });
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((r): ActingFor => {
    const d = byId.get(r.delegatorId)!;
    return {
      delegationId: r.id,
      from: r.from,
      until: r.until,
      delegator: { id: d.id, name: d.name, email: d.email, role: d.role, divisionCode: d.divisionCode },
    };
  });
}

/**
 * The caller as they act on behalf of a delegator: their own identity with the delegator's role and
 * division (never the delegator's B/D: only reviewers and leaders delegate).
 */
export function asDelegator(user: Pick<Caller, "id">, delegator: Delegator): Caller {
  return {
    id: user.id,
    role: delegator.role as Caller["role"],
    bureauCode: null,
    divisionCode: delegator.divisionCode,
  };
}

/** The acting of one event: the caller as they act, and on whose behalf under which delegation. */
export type Acting = { caller: Caller; onBehalfOf: { id: string; name: string; delegationId: string } | null };

/**
 * Resolves "on behalf of" for one action: without `onBehalfOf` the caller acts as themselves; with it (the
 * delegator's e-mail address) only under a delegation in force today, else a 403 saying so.
 */
export async function resolveActing(tx: Reader, user: Caller, onBehalfOf: unknown, now = new Date()): Promise<Acting> {
  if (onBehalfOf === undefined || onBehalfOf === null || onBehalfOf === "") return { caller: user, onBehalfOf: null };
  const email = typeof onBehalfOf === "string" ? onBehalfOf.trim().toLowerCase() : "";
  const match = (await actingFor(user, now, tx)).find((a) => a.delegator.email.toLowerCase() === email);
  if (!match) {
    throw new HttpError(
      403,
      { key: "delegations.problems.notActingFor", values: { email: email || "?" } },
      {
        onBehalfOf: ["delegations.errors.notActingFor"],
      },
    );
  }
  return {
    caller: asDelegator(user, match.delegator),
    onBehalfOf: { id: match.delegator.id, name: match.delegator.name, delegationId: match.delegationId },
  };
}

/**
 * The delegates who stand in today for each of `userIds` (for notifications: what reaches the delegator
 * also reaches them). A map from delegator id to delegate ids.
 */
export async function delegatesOf(tx: Reader, userIds: string[], now: Date): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (userIds.length === 0) return out;
  const rows = await tx.delegation.findMany({
    where: { delegatorId: { in: userIds }, ...inForce(hongKongDate(now)) },
    select: { delegatorId: true, delegateId: true },
  });
  for (const r of rows) out.set(r.delegatorId, [...(out.get(r.delegatorId) ?? []), r.delegateId]);
  return out;
}

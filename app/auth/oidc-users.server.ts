/**
 * Who a single sign-on is: the user with the provider's verified e-mail address, created on first sign-in,
 * with the role that the provider's `groups` claim maps to (settings), or no role — "awaiting access" —
 * when no group is mapped. A later sign-in applies a mapped group's role again, so that the provider
 * stays the source of truth for people it knows; without a mapped group an administrator's grant stands.
 */
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { getRoleMap, grantFor, type RoleGrant } from "~/settings/identity-settings.server.ts";
import { NO_ROLE } from "./roles.ts";
import { endAllSessions } from "./session.server.ts";

export type ProviderClaims = {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  groups?: unknown;
};

export type Provisioned =
  | { ok: true; userId: string; role: string }
  | { ok: false; reason: "unverifiedEmail" | "disabled" | "subjectMismatch" };

const SYSTEM = { actorId: null, actorRole: "SYSTEM" } as const;

function columnsOf(grant: RoleGrant | null) {
  if (!grant) return { role: NO_ROLE, bureauCode: null, divisionCode: null };
  return {
    role: grant.role,
    bureauCode: grant.role === "OFFICER" ? (grant.bureau ?? null) : null,
    divisionCode: grant.role === "REVIEWER" || grant.role === "LEADERSHIP" ? (grant.division ?? null) : null,
  };
}

/** Finds or creates the user for a provider's claims. */
export async function provisionUser(claims: ProviderClaims): Promise<Provisioned> {
  if (typeof claims.email !== "string" || claims.email_verified !== true)
    return { ok: false, reason: "unverifiedEmail" };
  const email = claims.email.trim().toLowerCase();
  const groups = Array.isArray(claims.groups) ? claims.groups.filter((g): g is string => typeof g === "string") : [];
  const grant = grantFor(await getRoleMap(), groups);
  // A group mapped to a B/D that has since been retired grants nothing.
  const usable =
    grant?.bureau &&
    !(await db.bureau.findFirst({ where: { code: grant.bureau, active: true }, select: { code: true } }))
      ? null
      : grant;
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;

  const existing = await db.user.findUnique({
    where: { email },
    select: { id: true, role: true, bureauCode: true, divisionCode: true, disabledAt: true, oidcSubject: true },
  });
  if (!existing) {
    const user = await db.$transaction(async (tx) => {
      // No password: such a user signs in only through the provider.
      const created = await tx.user.create({
        data: { email, name, passwordHash: "", oidcSubject: claims.sub, ...columnsOf(usable) },
        select: { id: true, role: true },
      });
      await appendAuditEvent(tx, {
        ...SYSTEM,
        event: "USER_CREATED_BY_SIGN_ON",
        payload: { userId: created.id, email, role: created.role, groups },
      });
      return created;
    });
    return { ok: true, userId: user.id, role: user.role };
  }
  if (existing.disabledAt) return { ok: false, reason: "disabled" };
  // Another provider account with this e-mail address is not this user.
  if (existing.oidcSubject && existing.oidcSubject !== claims.sub) return { ok: false, reason: "subjectMismatch" };

  const next = usable ? columnsOf(usable) : null;
  const changed =
    next &&
    (next.role !== existing.role ||
      next.bureauCode !== existing.bureauCode ||
      next.divisionCode !== existing.divisionCode);
  if (changed || !existing.oidcSubject) {
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: existing.id }, data: { oidcSubject: claims.sub, ...(changed ? next : {}) } });
      if (changed) {
        await appendAuditEvent(tx, {
          ...SYSTEM,
          event: "USER_ROLE_CHANGED_BY_SIGN_ON",
          payload: { userId: existing.id, from: existing.role, to: next.role, groups, ...next },
        });
      }
    });
    // Sessions of the old role must not keep its rights.
    if (changed) await endAllSessions(existing.id);
  }
  return { ok: true, userId: existing.id, role: changed ? next.role : existing.role };
}

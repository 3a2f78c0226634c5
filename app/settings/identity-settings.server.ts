/**
 * The sign-in settings an administrator keeps: whether administrators and leadership must use a second
 * factor, and how the identity provider's `groups` map to roles. Stored as Setting rows beside the
 * workflow settings; every change is audited with the old and new values.
 */
import { z } from "zod";
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { DIVISIONS, ROLES, type Division, type Role } from "~/lifecycle/divisions.ts";
import { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";

const MFA_KEY = "MFA_REQUIRED_PRIVILEGED";
const ROLE_MAP_KEY = "OIDC_ROLE_MAP";

/** One group's grant: a role, and the B/D (officers) or division (reviewers, division heads) it comes with. */
export type RoleGrant = { role: Role; bureau?: string; division?: Division };
export type RoleMap = Record<string, RoleGrant>;

const grantSchema = z
  .object({
    role: z.enum(ROLES),
    bureau: z.string().trim().min(1).max(20).optional(),
    division: z.enum(DIVISIONS).optional(),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.role === "OFFICER" && !g.bureau) ctx.addIssue({ code: "custom", message: "an OFFICER needs a bureau" });
    if (g.role === "REVIEWER" && !g.division) {
      ctx.addIssue({ code: "custom", message: "a REVIEWER needs a division" });
    }
  });
const roleMapSchema = z.record(z.string().trim().min(1).max(200), grantSchema);

/** Parses a role map's JSON; the error names the first problem (for the admin form and the environment). */
export function parseRoleMap(text: string): { ok: true; map: RoleMap } | { ok: false; problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: "not valid JSON" };
  }
  const parsed = roleMapSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `${issue.path.join(".") || "map"}: ${issue.message}` };
  }
  return { ok: true, map: parsed.data as RoleMap };
}

/**
 * The grant for a set of groups: the first entry of the map (in its written order) whose group the user
 * has, so that an administrator decides precedence by ordering the map. Null when none matches.
 */
export function grantFor(map: RoleMap, groups: readonly string[]): RoleGrant | null {
  for (const [group, grant] of Object.entries(map)) if (groups.includes(group)) return grant;
  return null;
}

async function readSetting(key: string): Promise<string | null> {
  const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
  return row?.value ?? null;
}

/** The role map: the stored one, or until an administrator saves one, `OIDC_ROLE_MAP` from the environment. */
export async function getRoleMap(): Promise<RoleMap> {
  const text = (await readSetting(ROLE_MAP_KEY)) ?? process.env.OIDC_ROLE_MAP ?? "";
  if (!text.trim()) return {};
  const parsed = parseRoleMap(text);
  // A bad OIDC_ROLE_MAP maps nothing (everyone waits for access) rather than stopping sign-in.
  return parsed.ok ? parsed.map : {};
}

/**
 * Whether administrators and leadership must enrol a second factor. Until an administrator saves the
 * setting, MFA_REQUIRED decides, and without it: on in production, off elsewhere.
 */
export async function isMfaRequiredForPrivileged(): Promise<boolean> {
  const stored = await readSetting(MFA_KEY);
  if (stored !== null) return stored === "true";
  const fromEnv = process.env.MFA_REQUIRED?.trim().toLowerCase();
  if (fromEnv === "true" || fromEnv === "1" || fromEnv === "yes") return true;
  if (fromEnv === "false" || fromEnv === "0" || fromEnv === "no") return false;
  return process.env.NODE_ENV === "production";
}

/** The roles a required second factor applies to. */
export const PRIVILEGED_ROLES: readonly string[] = ["ADMIN", "LEADERSHIP"];

export type IdentitySettings = { mfaRequired: boolean; roleMap: string };

/** The current values for the administrator's form (the map as indented JSON). */
export async function getIdentitySettings(): Promise<IdentitySettings> {
  const [mfaRequired, roleMap] = await Promise.all([isMfaRequiredForPrivileged(), getRoleMap()]);
  return { mfaRequired, roleMap: Object.keys(roleMap).length ? JSON.stringify(roleMap, null, 2) : "" };
}

export type SaveResult = { ok: true; changed: boolean } | { ok: false; fields: Record<string, string[]> };

/**
 * Saves the sign-in settings (administrators only). A role map that does not parse, or names a B/D that
 * does not exist or is retired, is a field error and writes nothing.
 */
export async function updateIdentitySettings(
  actor: { id: string; role: string },
  input: { mfaRequired: boolean; roleMap: string },
): Promise<SaveResult> {
  if (actor.role !== "ADMIN") throw new HttpError(403, { key: "problems.settingsAdminsOnly" });
  const text = input.roleMap.trim();
  let map: RoleMap = {};
  if (text) {
    const parsed = parseRoleMap(text);
    if (!parsed.ok) return { ok: false, fields: { roleMap: ["identity.roleMapInvalid"] } };
    map = parsed.map;
    const bureaux = [...new Set(Object.values(map).flatMap((g) => (g.bureau ? [g.bureau] : [])))];
    const found = await db.bureau.count({ where: { code: { in: bureaux }, active: true } });
    if (found !== bureaux.length) return { ok: false, fields: { roleMap: ["identity.roleMapBureau"] } };
  }
  const before = await getIdentitySettings();
  const nextMap = Object.keys(map).length ? JSON.stringify(map, null, 2) : "";
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (before.mfaRequired !== input.mfaRequired) changes[MFA_KEY] = { from: before.mfaRequired, to: input.mfaRequired };
  if (before.roleMap !== nextMap) changes[ROLE_MAP_KEY] = { from: before.roleMap, to: nextMap };
  if (Object.keys(changes).length === 0) return { ok: true, changed: false };
  const now = new Date();
  await db.$transaction(async (tx) => {
    const write = (key: string, value: string) =>
      tx.setting.upsert({
        where: { key },
        create: { key, value, updatedById: actor.id },
        update: { value, updatedById: actor.id, updatedAt: now },
      });
    if (changes[MFA_KEY]) await write(MFA_KEY, String(input.mfaRequired));
    if (changes[ROLE_MAP_KEY]) await write(ROLE_MAP_KEY, JSON.stringify(map));
    await appendAuditEvent(tx, {
      actorId: actor.id,
      actorRole: actor.role,
      event: "SIGN_IN_SETTINGS_CHANGED",
      payload: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v])),
      createdAt: now,
    });
  });
  return { ok: true, changed: true };
}

/**
 * Passwords set without the old one: a reset link an administrator issues (single use, 24 hours, only
 * its SHA-256 stored; issuing a new one retires the earlier ones), and the first password of an account
 * an administrator created. Either way the user's sessions and tokens end.
 */
import { createHash, randomBytes } from "node:crypto";
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { hashPassword } from "./password.server.ts";
import { passwordProblem } from "./password-policy.server.ts";
import { endAllSessions } from "./session.server.ts";

export const RESET_TTL_MS = 24 * 3600_000;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Issues a reset link for a user (administrators only); the token is returned once, in clear. */
export async function issueResetLink(
  actor: { id: string; role: string },
  userId: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date; email: string }> {
  if (actor.role !== "ADMIN") throw new HttpError(403, { key: "problems.resetAdminsOnly" });
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, disabledAt: true } });
  if (!user) throw new HttpError(404, { key: "problems.noSuchUser" });
  if (user.disabledAt) throw new HttpError(422, { key: "problems.accountDisabled" });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
  await db.$transaction(async (tx) => {
    await tx.passwordReset.deleteMany({ where: { userId } });
    await tx.passwordReset.create({
      data: { userId, tokenHash: sha256(token), expiresAt, createdById: actor.id, createdAt: now, updatedAt: now },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      actorRole: actor.role,
      event: "PASSWORD_RESET_ISSUED",
      payload: { userId, expiresAt: expiresAt.toISOString() },
      createdAt: now,
    });
  });
  return { token, expiresAt, email: user.email };
}

export type ResetState = { ok: true; email: string } | { ok: false; reason: "invalid" };

/** Whether a reset link can still be used (one answer for unknown, used and expired: nothing to learn). */
export async function checkResetToken(token: string, now = new Date()): Promise<ResetState> {
  const row = await db.passwordReset.findUnique({
    where: { tokenHash: sha256(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { email: true, disabledAt: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now || row.user.disabledAt) return { ok: false, reason: "invalid" };
  return { ok: true, email: row.user.email };
}

type PasswordInput = { next: string; confirm: string };
export type PasswordSet = { ok: true } | { ok: false; fields: Record<string, string[]> };

async function checkNewPassword(userId: string, input: PasswordInput): Promise<PasswordSet> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
  const weak = passwordProblem(input.next, user);
  if (weak) return { ok: false, fields: { newPassword: [weak] } };
  if (input.next !== input.confirm) return { ok: false, fields: { confirmPassword: ["account.mismatch"] } };
  return { ok: true };
}

/**
 * Sets a new password with a reset link. The link is spent by a conditional update (unused and unexpired),
 * so two submissions racing with one link cannot both succeed.
 */
export async function resetPasswordWithToken(
  token: string,
  input: PasswordInput,
  now = new Date(),
): Promise<PasswordSet | { ok: false; reason: "invalid" }> {
  const row = await db.passwordReset.findUnique({
    where: { tokenHash: sha256(token) },
    select: { id: true, userId: true, usedAt: true, expiresAt: true, user: { select: { disabledAt: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now || row.user.disabledAt) return { ok: false, reason: "invalid" };
  const checked = await checkNewPassword(row.userId, input);
  if (!checked.ok) return checked;
  const passwordHash = await hashPassword(input.next);
  const spent = await db.$transaction(async (tx) => {
    const claim = await tx.passwordReset.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claim.count !== 1) return false;
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, mustChangePassword: false } });
    await appendAuditEvent(tx, {
      actorId: row.userId,
      actorRole: "USER",
      event: "PASSWORD_RESET_USED",
      payload: { userId: row.userId },
      createdAt: now,
    });
    return true;
  });
  if (!spent) return { ok: false, reason: "invalid" };
  await endAllSessions(row.userId);
  return { ok: true };
}

/** The first password of an account an administrator created, chosen at its first sign-in. */
export async function setFirstPassword(userId: string, input: PasswordInput): Promise<PasswordSet> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { role: true, mustChangePassword: true },
  });
  if (!user.mustChangePassword) return { ok: true };
  const checked = await checkNewPassword(userId, input);
  if (!checked.ok) return checked;
  const passwordHash = await hashPassword(input.next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false } });
    await appendAuditEvent(tx, {
      actorId: userId,
      actorRole: user.role,
      event: "PASSWORD_CHANGED",
      payload: { userId, firstSignIn: true },
    });
  });
  await endAllSessions(userId);
  return { ok: true };
}

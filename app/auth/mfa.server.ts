/**
 * A second factor for password accounts: TOTP (RFC 6238, the codes of any authenticator app), ten
 * single-use recovery codes stored as SHA-256 hashes, and throttled code attempts per account.
 * Users who sign in through the identity provider get their second factor there.
 */
import { createHash, randomInt } from "node:crypto";
import { generateTOTP, getTOTPAuthUri, verifyTOTP } from "@epic-web/totp";
import QRCode from "qrcode";
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { isMfaRequiredForPrivileged, PRIVILEGED_ROLES } from "~/settings/identity-settings.server.ts";

// What every authenticator app understands: SHA-1, 30-second steps, 6 digits.
const TOTP = { algorithm: "SHA-1", period: 30, digits: 6 } as const;
export const RECOVERY_CODE_COUNT = 10;
export const MFA_THROTTLE_WINDOW_MS = 15 * 60_000;
/** Wrong codes in a row (within the window) before further attempts are refused: the sixth is throttled. */
export const MAX_MFA_FAILURES = 5;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

// Recovery codes avoid look-alike characters (0/O, 1/I/L) so that they can be read off paper.
const RECOVERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
function newRecoveryCode(): string {
  let out = "";
  for (let i = 0; i < 10; i++) out += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}
/** Case, spaces and dashes do not matter when a recovery code is typed. */
function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

/** Whether this user must have a second factor before they may sign in. */
export async function mustEnrol(user: { role: string; mfaEnabledAt: Date | null; passwordHash: string }) {
  if (user.mfaEnabledAt || !user.passwordHash) return false;
  return PRIVILEGED_ROLES.includes(user.role) && (await isMfaRequiredForPrivileged());
}

export type Enrolment = { secret: string; uri: string; qrSvg: string };

/**
 * Starts (or restarts) enrolment: a fresh secret kept on the user but not in use until a code from it is
 * confirmed. A user who already has a confirmed factor keeps it.
 */
export async function beginEnrolment(userId: string): Promise<Enrolment | null> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, mfaEnabledAt: true } });
  if (user.mfaEnabledAt) return null;
  const { secret } = await generateTOTP(TOTP);
  await db.user.update({ where: { id: userId }, data: { totpSecret: secret } });
  return describeEnrolment(user.email, secret);
}

/** The pending enrolment's QR code and key, shown again when a confirmation code was wrong. */
export async function currentEnrolment(userId: string): Promise<Enrolment | null> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, totpSecret: true, mfaEnabledAt: true },
  });
  if (user.mfaEnabledAt || !user.totpSecret) return null;
  return describeEnrolment(user.email, user.totpSecret);
}

async function describeEnrolment(email: string, secret: string): Promise<Enrolment> {
  const uri = getTOTPAuthUri({ ...TOTP, secret, accountName: email, issuer: "DPO Initiative Tracker" });
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, uri, qrSvg };
}

export type CodeCheck =
  | { ok: true; recoveryCodesLeft?: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

async function throttleVerdict(userId: string, now: number): Promise<CodeCheck | null> {
  const recent = await db.mfaAttempt.findMany({
    where: { userId, createdAt: { gte: new Date(now - MFA_THROTTLE_WINDOW_MS) } },
    orderBy: { createdAt: "desc" },
    take: MAX_MFA_FAILURES,
    select: { createdAt: true },
  });
  if (recent.length < MAX_MFA_FAILURES) return null;
  const until = recent[MAX_MFA_FAILURES - 1]!.createdAt.getTime() + MFA_THROTTLE_WINDOW_MS;
  return { ok: false, reason: "throttled", retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
}

async function recordFailure(userId: string): Promise<CodeCheck> {
  await db.mfaAttempt.create({ data: { userId } });
  return { ok: false, reason: "invalid" };
}

async function totpMatches(secret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  return (await verifyTOTP({ ...TOTP, otp: code, secret, window: 1 })) !== null;
}

/**
 * Confirms enrolment with a code from the app. On success the factor is in use and ten recovery codes
 * are made; they are returned once, in clear, and only their hashes are kept.
 */
export async function confirmEnrolment(
  userId: string,
  code: string,
  now = Date.now(),
): Promise<(CodeCheck & { ok: false }) | { ok: true; recoveryCodes: string[] }> {
  const throttled = await throttleVerdict(userId, now);
  if (throttled && !throttled.ok) return throttled;
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, role: true, totpSecret: true, mfaEnabledAt: true },
  });
  const row = user;
  if (row.mfaEnabledAt || !row.totpSecret || !(await totpMatches(row.totpSecret, code.trim()))) {
    return (await recordFailure(user.id)) as CodeCheck & { ok: false };
  }
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { mfaEnabledAt: new Date(now) } });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.createMany({
      data: recoveryCodes.map((c) => ({ userId: user.id, codeHash: sha256(normaliseRecoveryCode(c)) })),
    });
    await tx.mfaAttempt.deleteMany({ where: { userId: user.id } });
    await appendAuditEvent(tx, {
      actorId: user.id,
      actorRole: user.role,
      event: "MFA_ENABLED",
      payload: { userId: user.id },
    });
  });
  return { ok: true, recoveryCodes };
}

/**
 * Checks a second-factor code at sign-in: a 6-digit code from the app, or a recovery code, which is
 * spent by this use (a conditional update, so two requests racing with one code cannot both pass).
 * Five wrong codes within 15 minutes refuse further attempts until the window moves on.
 */
export async function verifySecondFactor(userId: string, input: string, now = Date.now()): Promise<CodeCheck> {
  const throttled = await throttleVerdict(userId, now);
  if (throttled) return throttled;
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, role: true, totpSecret: true, mfaEnabledAt: true },
  });
  const row = user;
  if (!row.mfaEnabledAt || !row.totpSecret) return recordFailure(user.id);
  const code = input.trim();
  if (await totpMatches(row.totpSecret, code)) {
    await db.mfaAttempt.deleteMany({ where: { userId: user.id } });
    return { ok: true };
  }
  const normalised = normaliseRecoveryCode(code);
  if (normalised.length === 10) {
    const spent = await db.recoveryCode.updateMany({
      where: { userId: user.id, codeHash: sha256(normalised), usedAt: null },
      data: { usedAt: new Date(now) },
    });
    if (spent.count === 1) {
      const left = await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
      await db.$transaction(async (tx) => {
        await tx.mfaAttempt.deleteMany({ where: { userId: user.id } });
        await appendAuditEvent(tx, {
          actorId: user.id,
          actorRole: user.role,
          event: "MFA_RECOVERY_CODE_USED",
          payload: { userId: user.id, left },
        });
      });
      return { ok: true, recoveryCodesLeft: left };
    }
  }
  return recordFailure(user.id);
}

/** MFA status for lists and the account page. */
export async function mfaStatus(userId: string): Promise<{ enabled: boolean; recoveryCodesLeft: number }> {
  const [user, left] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { mfaEnabledAt: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { enabled: !!user.mfaEnabledAt, recoveryCodesLeft: left };
}

/**
 * Removes a user's second factor (an administrator, for someone who lost their phone and their codes).
 * They enrol again at their next sign-in when it is required for their role.
 */
export async function resetMfa(actor: { id: string; role: string }, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, mfaEnabledAt: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await appendAuditEvent(tx, { actorId: actor.id, actorRole: actor.role, event: "MFA_RESET", payload: { userId } });
  });
}

/** Whether a user has a second factor (then a password alone must not buy an API token either). */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { mfaEnabledAt: true } });
  return !!user?.mfaEnabledAt;
}

import { appendAuditEvent } from "~/audit/audit.server.ts";
import { hashPassword, verifyPassword } from "~/auth/password.server.ts";
import { passwordProblem } from "~/auth/password-policy.server.ts";
import { logDenied } from "~/auth/security-log.server.ts";
import { createSession, endAllSessions, type SessionUser } from "~/auth/session.server.ts";
import { db } from "~/utils/db.server.ts";
import { fieldErrorsOf } from "~/utils/field-errors.ts";
import { HttpError } from "~/utils/http.server.ts";
import { changeRoleSchema, createUserSchema } from "./user.schema.ts";

type Admin = Pick<SessionUser, "id" | "role">;

function assertAdmin(actor: Admin) {
  if (actor.role !== "ADMIN") {
    logDenied(actor, "manage users", "not an administrator");
    throw new HttpError(403, { key: "problems.usersAdminsOnly" });
  }
}

/** Every user, for the administrator's list. */
export async function listUsers() {
  return db.user.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      bureauCode: true,
      divisionCode: true,
      disabledAt: true,
    },
  });
}

/** Bureaux and departments and the divisions, for the user form's choices. */
export async function listOrganisation() {
  const [bureaux, divisions] = await Promise.all([
    db.bureau.findMany({
      where: { active: true },
      orderBy: [{ kind: "desc" }, { code: "asc" }],
      select: { code: true, nameEn: true, nameZh: true, kind: true },
    }),
    db.division.findMany({ orderBy: { code: "asc" }, select: { code: true, nameEn: true, nameZh: true } }),
  ]);
  return { bureaux, divisions };
}

export type UserCounts = { count: number; active: number };

/** How many users there are, and how many may sign in. */
export async function countUsers(): Promise<UserCounts> {
  const [count, active] = await Promise.all([db.user.count(), db.user.count({ where: { disabledAt: null } })]);
  return { count, active };
}

type Result = { ok: true; email: string } | { ok: false; fields: Record<string, string[]> };

/** Creates a user after validating the form; a duplicate email is a field error, not a crash. */
export async function createUser(actor: Admin, input: Record<string, unknown>): Promise<Result> {
  assertAdmin(actor);
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fields: fieldErrorsOf(parsed.error) };
  const v = parsed.data;
  // A retired B/D is offered in no form and takes no new users.
  if (
    v.bureauCode &&
    !(await db.bureau.findFirst({ where: { code: v.bureauCode, active: true }, select: { code: true } }))
  ) {
    return { ok: false, fields: { bureauCode: ["admin.bureauRequired"] } };
  }
  if (await db.user.findUnique({ where: { email: v.email }, select: { id: true } })) {
    return { ok: false, fields: { email: ["admin.emailTaken"] } };
  }
  const weak = passwordProblem(v.password, { email: v.email, name: v.name });
  if (weak) return { ok: false, fields: { password: [weak] } };
  const passwordHash = await hashPassword(v.password);
  await db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: v.email,
        name: v.name,
        role: v.role,
        bureauCode: v.role === "OFFICER" ? v.bureauCode! : null,
        divisionCode: v.role === "REVIEWER" || v.role === "LEADERSHIP" ? (v.divisionCode ?? null) : null,
        passwordHash,
        // The administrator chose this password: the user replaces it at first sign-in.
        mustChangePassword: true,
      },
      select: { id: true },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      actorRole: actor.role,
      event: "USER_CREATED",
      payload: {
        userId: user.id,
        email: v.email,
        role: v.role,
        bureauCode: v.bureauCode,
        divisionCode: v.divisionCode,
      },
    });
  });
  return { ok: true, email: v.email };
}

/** Changes a user's role (and B/D or division); their sessions end so the new rights apply at once. */
export async function changeRole(actor: Admin, input: Record<string, unknown>): Promise<Result> {
  assertAdmin(actor);
  const parsed = changeRoleSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fields: fieldErrorsOf(parsed.error) };
  const v = parsed.data;
  const user = await db.user.findUnique({ where: { id: v.userId }, select: { id: true, email: true, role: true } });
  if (!user) throw new HttpError(404, { key: "problems.noSuchUser" });
  if (user.id === actor.id && v.role !== "ADMIN") {
    return { ok: false, fields: { role: ["admin.cannotDisableSelf"] } };
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: {
        role: v.role,
        bureauCode: v.role === "OFFICER" ? v.bureauCode! : null,
        divisionCode: v.role === "REVIEWER" || v.role === "LEADERSHIP" ? (v.divisionCode ?? null) : null,
      },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      actorRole: actor.role,
      event: "USER_ROLE_CHANGED",
      payload: { userId: user.id, from: user.role, to: v.role, bureauCode: v.bureauCode, divisionCode: v.divisionCode },
    });
  });
  await endAllSessions(user.id);
  return { ok: true, email: user.email };
}

/** Disables or re-enables a user; disabling ends every session and API token of theirs. */
export async function setUserDisabled(actor: Admin, userId: string, disabled: boolean): Promise<Result> {
  assertAdmin(actor);
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
  if (!user) throw new HttpError(404, { key: "problems.noSuchUser" });
  if (disabled && user.id === actor.id) return { ok: false, fields: { _form: ["admin.cannotDisableSelf"] } };
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { disabledAt: disabled ? new Date() : null } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      actorRole: actor.role,
      event: disabled ? "USER_DISABLED" : "USER_ENABLED",
      payload: { userId: user.id },
    });
  });
  if (disabled) await endAllSessions(user.id);
  return { ok: true, email: user.email };
}

export type PasswordChange = { ok: true; setCookie: string } | { ok: false; fields: Record<string, string[]> };

/**
 * Changes the signed-in user's own password after checking the current one. Every session and API
 * token of the user ends, and the browser that made the change gets a new session.
 */
export async function changeOwnPassword(
  user: Pick<SessionUser, "id" | "role" | "email" | "name">,
  input: { current: string; next: string; confirm: string },
  userAgent: string | null,
): Promise<PasswordChange> {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(input.current, row.passwordHash))) {
    return { ok: false, fields: { currentPassword: ["account.currentWrong"] } };
  }
  const weak = passwordProblem(input.next, user);
  if (weak) return { ok: false, fields: { newPassword: [weak] } };
  if (input.next !== input.confirm) return { ok: false, fields: { confirmPassword: ["account.mismatch"] } };
  const passwordHash = await hashPassword(input.next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await appendAuditEvent(tx, {
      actorId: user.id,
      actorRole: user.role,
      event: "PASSWORD_CHANGED",
      payload: { userId: user.id },
    });
  });
  await endAllSessions(user.id);
  return { ok: true, setCookie: await createSession(user.id, userAgent) };
}

/**
 * Bureaux and departments as administrators keep them: add, rename (English and Chinese), retire and
 * reinstate, each audited. A retired B/D keeps its initiatives and history but takes no new proposals
 * and is offered in no form (the forms list active B/Ds only).
 */
import { z } from "zod";
import { appendAuditEvent } from "~/audit/audit.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";

type Actor = { id: string; role: string };
export type BureauResult = { ok: true; code: string } | { ok: false; fields: Record<string, string[]> };

function assertAdmin(actor: Actor) {
  if (actor.role !== "ADMIN") throw new HttpError(403, { key: "problems.bureauxAdminsOnly" });
}

const names = {
  nameEn: z.string().trim().min(2, "bureaux.nameEnRequired").max(200, "bureaux.nameEnRequired"),
  nameZh: z.string().trim().min(1, "bureaux.nameZhRequired").max(100, "bureaux.nameZhRequired"),
};
const addSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9]{1,11}$/, "bureaux.codeInvalid"),
  kind: z.enum(["bureau", "department"], { errorMap: () => ({ message: "bureaux.kindInvalid" }) }),
  parentCode: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  ...names,
});
const renameSchema = z.object({ code: z.string().min(1), ...names });

function fields(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return out;
}

/** Every B/D, retired ones too, with how many users and initiatives each has (the administrator's list). */
export async function listBureaux() {
  const rows = await db.bureau.findMany({
    orderBy: [{ active: "desc" }, { kind: "desc" }, { code: "asc" }],
    select: {
      code: true,
      kind: true,
      parentCode: true,
      nameEn: true,
      nameZh: true,
      active: true,
      _count: { select: { users: true, initiatives: true } },
    },
  });
  return rows.map(({ _count, ...b }) => ({ ...b, users: _count.users, initiatives: _count.initiatives }));
}

/** Adds a B/D; a code in use is a field error. */
export async function addBureau(actor: Actor, input: Record<string, unknown>): Promise<BureauResult> {
  assertAdmin(actor);
  const parsed = addSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fields: fields(parsed.error) };
  const v = parsed.data;
  if (await db.bureau.findUnique({ where: { code: v.code }, select: { code: true } })) {
    return { ok: false, fields: { code: ["bureaux.codeTaken"] } };
  }
  if (v.kind === "department" && v.parentCode) {
    const parent = await db.bureau.findFirst({ where: { code: v.parentCode, kind: "bureau", active: true } });
    if (!parent) return { ok: false, fields: { parentCode: ["bureaux.parentInvalid"] } };
  }
  await db.$transaction(async (tx) => {
    await tx.bureau.create({
      data: {
        code: v.code,
        kind: v.kind,
        parentCode: v.kind === "department" ? (v.parentCode ?? null) : null,
        nameEn: v.nameEn,
        nameZh: v.nameZh,
      },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      actorRole: actor.role,
      event: "BUREAU_ADDED",
      payload: { code: v.code, kind: v.kind, nameEn: v.nameEn, nameZh: v.nameZh },
    });
  });
  return { ok: true, code: v.code };
}

/** Renames a B/D in English and Chinese. */
export async function renameBureau(actor: Actor, input: Record<string, unknown>): Promise<BureauResult> {
  assertAdmin(actor);
  const parsed = renameSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fields: fields(parsed.error) };
  const v = parsed.data;
  const before = await db.bureau.findUnique({ where: { code: v.code }, select: { nameEn: true, nameZh: true } });
  if (!before) throw new HttpError(404, { key: "problems.noSuchBureau" });
  if (before.nameEn === v.nameEn && before.nameZh === v.nameZh) return { ok: true, code: v.code };
  await db.$transaction(async (tx) => {
    await tx.bureau.update({ where: { code: v.code }, data: { nameEn: v.nameEn, nameZh: v.nameZh } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      actorRole: actor.role,
      event: "BUREAU_RENAMED",
      payload: { code: v.code, from: before, to: { nameEn: v.nameEn, nameZh: v.nameZh } },
    });
  });
  return { ok: true, code: v.code };
}

/** Retires a B/D (or reinstates it). Its users and initiatives stay as they are. */
export async function setBureauRetired(actor: Actor, code: string, retired: boolean): Promise<BureauResult> {
  assertAdmin(actor);
  const before = await db.bureau.findUnique({ where: { code }, select: { active: true } });
  if (!before) throw new HttpError(404, { key: "problems.noSuchBureau" });
  if (before.active === !retired) return { ok: true, code };
  await db.$transaction(async (tx) => {
    await tx.bureau.update({ where: { code }, data: { active: !retired } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      actorRole: actor.role,
      event: retired ? "BUREAU_RETIRED" : "BUREAU_REINSTATED",
      payload: { code },
    });
  });
  return { ok: true, code };
}

/**
 * Refuses a new proposal for a retired B/D (422), inside the caller's transaction so that a retirement
 * racing with the creation cannot slip between the check and the write.
 */
export async function assertBureauTakesProposals(tx: Pick<Db, "bureau">, code: string): Promise<void> {
  const bureau = await tx.bureau.findUnique({ where: { code }, select: { active: true } });
  if (!bureau?.active) {
    throw new HttpError(
      422,
      { key: "problems.bureauRetired" },
      {
        _form: ["bureaux.retiredNoProposals"],
      },
    );
  }
}

/** Whether a B/D takes new proposals (the new-proposal page says so before the officer starts typing). */
export async function bureauTakesProposals(code: string | null): Promise<boolean> {
  if (!code) return false;
  const bureau = await db.bureau.findUnique({ where: { code }, select: { active: true } });
  return !!bureau?.active;
}

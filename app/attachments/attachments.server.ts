/**
 * Attachments of an initiative: who may add, read, replace and delete them, and the audit of each change.
 * Read: whoever may see the initiative (else 404, as if it did not exist). Add: the owning B/D's officers
 * while the proposal is theirs to edit (draft, returned: proposal documents) or in delivery (evidence for a
 * condition, other); a reviewer while their division's decision is open (a decision note). An attachment
 * made before a decision (a sign-off or a funding decision) is frozen: it cannot be deleted, only replaced
 * by a new version. Deleting empties the stored content but keeps the row and its digest, with an audit entry.
 */
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { logDenied } from "~/auth/security-log.server.ts";
import { canSee, type Caller } from "~/initiatives/access.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { checkFileType, sanitiseName } from "./file-check.server.ts";
import {
  DELIVERY_KINDS,
  isAttachmentKind,
  PROPOSAL_KINDS,
  REVIEWER_KINDS,
  type AttachmentKind,
  type AttachmentView,
} from "./kinds.ts";
import type { ParsedUpload } from "./upload.server.ts";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

const TARGET_SELECT = {
  id: true,
  ref: true,
  bureauCode: true,
  round: true,
  stage: true,
  leadDivision: true,
  pendingSignoffs: true,
} as const;
/** What deciding who may attach needs of an initiative. */
export type AttachmentTarget = {
  id: string;
  ref: string;
  bureauCode: string;
  round: number;
  stage: string;
  leadDivision: string | null;
  pendingSignoffs: string;
};
type Target = AttachmentTarget;

const VIEW_SELECT = {
  id: true,
  name: true,
  kind: true,
  conditionKey: true,
  mediaType: true,
  size: true,
  sha256: true,
  round: true,
  version: true,
  replacesId: true,
  supersededAt: true,
  deletedAt: true,
  createdAt: true,
  uploadedById: true,
} as const;

async function loadTarget(user: Caller, ref: string, client: Tx | typeof db = db): Promise<Target> {
  const row = await client.initiative.findUnique({ where: { ref }, select: TARGET_SELECT });
  if (!row || !canSee(user, row)) {
    if (row) logDenied(user, "attachments", "not visible to the caller", ref);
    throw new HttpError(404, { key: "problems.initiativeNotFound", values: { ref } });
  }
  return row;
}

/** The kinds this caller may attach to this initiative now (empty: none now). */
export function kindsFor(user: Caller, t: Pick<Target, "bureauCode" | "stage" | "leadDivision" | "pendingSignoffs">) {
  if (user.role === "OFFICER" && user.bureauCode === t.bureauCode) {
    if (t.stage === "draft" || t.stage === "returned") return PROPOSAL_KINDS;
    if (t.stage === "delivery") return DELIVERY_KINDS;
    return [];
  }
  if (user.role === "REVIEWER" && user.divisionCode) {
    const reviewing = t.stage === "efficiencyReview" && t.pendingSignoffs.includes(`,${user.divisionCode},`);
    const funding = (t.stage === "fundingReview" || t.stage === "deferred") && t.leadDivision === user.divisionCode;
    return reviewing || funding ? REVIEWER_KINDS : [];
  }
  return [];
}

/**
 * The initiative a caller wants to attach to, checked before the upload is read: 404 when they cannot see
 * it, 403 for a role that never attaches, 422 when it is not theirs to attach to now.
 */
export async function attachTarget(user: Caller, ref: string) {
  const target = await loadTarget(user, ref);
  if (user.role !== "OFFICER" && user.role !== "REVIEWER") {
    logDenied(user, "attach", "role may not attach", ref);
    throw new HttpError(403, { key: "attachments.errors.roleMayNot" });
  }
  const kinds = kindsFor(user, target);
  if (kinds.length === 0) {
    throw new HttpError(
      422,
      { key: "attachments.errors.notNow" },
      {
        file: ["attachments.errors.notNow"],
      },
    );
  }
  return { target, kinds };
}

/** The latest decision on an initiative: attachments made before it are frozen. */
async function lastDecisionAt(initiativeId: string, client: Tx | typeof db = db): Promise<Date | null> {
  const [s, f] = await Promise.all([
    client.signoff.findFirst({ where: { initiativeId }, orderBy: { decidedAt: "desc" }, select: { decidedAt: true } }),
    client.fundingDecision.findFirst({
      where: { initiativeId },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
  ]);
  return latestOf([s?.decidedAt, f?.createdAt]);
}

function latestOf(times: (Date | null | undefined)[]): Date | null {
  const known = times.filter((d): d is Date => !!d);
  return known.length ? new Date(Math.max(...known.map((d) => d.getTime()))) : null;
}

/** {@link lastDecisionAt} from an initiative already read with its sign-offs and funding decisions. */
export function lastDecisionOf(view: {
  signoffHistory: { decidedAt: Date }[];
  funding: { decisions: { createdAt: Date }[] };
}): Date | null {
  return latestOf([...view.signoffHistory.map((s) => s.decidedAt), ...view.funding.decisions.map((f) => f.createdAt)]);
}

type Row = { [K in keyof typeof VIEW_SELECT]: unknown } & { createdAt: Date; uploadedById: string };

function toView(r: Row, decidedAt: Date | null, names: Map<string, string>): AttachmentView {
  const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);
  return {
    id: r.id as string,
    name: r.name as string,
    kind: r.kind as AttachmentKind,
    conditionId: (r.conditionKey as string | null) ?? null,
    mediaType: r.mediaType as string,
    size: r.size as number,
    sha256: r.sha256 as string,
    round: r.round as number,
    version: r.version as number,
    replacesId: (r.replacesId as string | null) ?? null,
    supersededAt: iso(r.supersededAt),
    deletedAt: iso(r.deletedAt),
    createdAt: r.createdAt.toISOString(),
    uploadedBy: names.get(r.uploadedById) ?? null,
    frozen: !!decidedAt && r.createdAt <= decidedAt,
  };
}

/** Every attachment of an initiative the caller may see, by round then upload time (deleted ones too, without content). */
export async function listAttachments(user: Caller, ref: string): Promise<AttachmentView[]> {
  const target = await loadTarget(user, ref);
  return attachmentsOf(target.id, lastDecisionAt(target.id));
}

async function attachmentsOf(initiativeId: string, decided: Promise<Date | null> | Date | null) {
  const [rows, decidedAt] = await Promise.all([
    db.attachment.findMany({
      where: { initiativeId },
      orderBy: [{ round: "asc" }, { createdAt: "asc" }],
      select: VIEW_SELECT,
    }),
    decided,
  ]);
  const uploaders = [...new Set(rows.map((r) => r.uploadedById))];
  // No attachments, no one to name: Prisma would still send the (empty) query.
  const users = uploaders.length
    ? await db.user.findMany({ where: { id: { in: uploaders } }, select: { id: true, name: true } })
    : [];
  return attachmentViews(rows, decidedAt, new Map(users.map((u) => [u.id, u.name])));
}

/** Attachments as listed, from their rows (by round then upload time), the last decision's time and uploaders' names. */
export function attachmentViews(rows: readonly Row[], decidedAt: Date | null, names: Map<string, string>) {
  return rows.map((r) => toView(r, decidedAt, names));
}

/**
 * The page's attachments section: the list, and what the caller may attach now. For an initiative the
 * caller has just read (and may see), with its attachments read beside it ({@link attachmentViews}).
 */
export function attachmentsSection(user: Caller, target: Target, items: AttachmentView[]) {
  return { items, kinds: [...kindsFor(user, target)], maxMb: getEnv().ATTACHMENT_MAX_MB };
}

/**
 * Stores an upload for a target from {@link attachTarget}: kind (taken from the replaced attachment for a
 * new version), condition for evidence, a file whose content is an accepted type. Bad input is a 400/415
 * and writes nothing.
 */
export async function storeAttachment(
  user: Caller,
  checked: Awaited<ReturnType<typeof attachTarget>>,
  upload: ParsedUpload,
  now = new Date(),
): Promise<AttachmentView> {
  const { target, kinds } = checked;
  const replacesId = upload.fields.replaces?.trim() || null;
  const replaced = replacesId
    ? await db.attachment.findFirst({
        where: { id: replacesId, initiativeId: target.id },
        select: { id: true, kind: true, conditionKey: true, version: true, supersededAt: true, deletedAt: true },
      })
    : null;
  if (replacesId && !replaced) throw new HttpError(404, { key: "attachments.errors.notFound" });
  if (replaced && (replaced.supersededAt || replaced.deletedAt)) {
    throw new HttpError(
      409,
      { key: "attachments.errors.gone" },
      {
        file: ["attachments.errors.gone"],
      },
    );
  }
  const kind = replaced ? replaced.kind : upload.fields.kind;
  if (!isAttachmentKind(kind) || !kinds.includes(kind)) {
    throw new HttpError(
      400,
      { key: "attachments.errors.kind", values: { kinds: kinds.join(", ") } },
      {
        kind: [kind ? "errors.invalidChoice" : "errors.required"],
      },
    );
  }
  let conditionKey: string | null = replaced?.conditionKey ?? null;
  if (kind === "CONDITION_EVIDENCE" && !replaced) {
    const key = upload.fields.conditionId?.trim() ?? "";
    const condition = key
      ? await db.condition.findFirst({ where: { initiativeId: target.id, key }, select: { key: true } })
      : null;
    if (!condition)
      throw new HttpError(400, { key: "attachments.errors.condition" }, { conditionId: ["errors.invalidChoice"] });
    conditionKey = condition.key;
  }
  const file = upload.file;
  if (!file || file.size === 0)
    throw new HttpError(400, { key: "attachments.errors.noFile" }, { file: ["errors.required"] });
  const type = await checkFileType(file.bytes, file.filename);
  if ("refused" in type) {
    throw new HttpError(
      415,
      { key: "attachments.errors.type" },
      { file: ["attachments.errors.type"] },
      "UNSUPPORTED_MEDIA_TYPE",
    );
  }
  const name = sanitiseName(file.filename, type.ext);
  const round = target.stage === "draft" || target.stage === "returned" ? target.round + 1 : target.round;
  const created = await db.$transaction(async (tx) => {
    const row = await tx.attachment.create({
      data: {
        initiativeId: target.id,
        round,
        kind,
        conditionKey,
        name,
        mediaType: type.mediaType,
        size: file.size,
        sha256: file.sha256,
        content: new Uint8Array(file.bytes),
        version: replaced ? replaced.version + 1 : 1,
        replacesId: replaced?.id ?? null,
        uploadedById: user.id,
        createdAt: now,
        updatedAt: now,
      },
      select: VIEW_SELECT,
    });
    if (replaced)
      await tx.attachment.update({ where: { id: replaced.id }, data: { supersededAt: now, updatedAt: now } });
    await appendAuditEvent(tx, {
      initiativeId: target.id,
      actorId: user.id,
      actorRole: user.role,
      event: "ATTACHMENT_ADDED",
      fromState: target.stage,
      toState: target.stage,
      payload: {
        attachmentId: row.id,
        kind,
        name,
        size: file.size,
        sha256: file.sha256,
        round,
        replaces: replaced?.id ?? null,
      },
      createdAt: now,
    });
    return row;
  });
  return toView(created, null, new Map([[user.id, ""]]));
}

/** One attachment's content for a caller who may see the initiative; 404 otherwise, 410 once deleted. */
export async function readAttachment(user: Caller, ref: string, id: string) {
  const target = await loadTarget(user, ref);
  const row = await db.attachment.findFirst({
    where: { id, initiativeId: target.id },
    select: { name: true, mediaType: true, size: true, sha256: true, content: true, deletedAt: true },
  });
  if (!row) throw new HttpError(404, { key: "attachments.errors.notFound" });
  if (row.deletedAt) throw new HttpError(410, { key: "attachments.errors.deleted" }, undefined, "GONE");
  return row;
}

/**
 * Deletes an attachment the caller could attach now, unless a decision has been made since it was
 * attached (409: replace it instead). The content goes; the row, its digest and an audit entry stay.
 */
export async function deleteAttachment(user: Caller, ref: string, id: string, now = new Date()): Promise<void> {
  const { target, kinds } = await attachTarget(user, ref);
  const row = await db.attachment.findFirst({
    where: { id, initiativeId: target.id },
    select: {
      id: true,
      kind: true,
      name: true,
      size: true,
      sha256: true,
      createdAt: true,
      deletedAt: true,
      supersededAt: true,
      uploadedById: true,
    },
  });
  if (!row) throw new HttpError(404, { key: "attachments.errors.notFound" });
  if (!kinds.includes(row.kind as AttachmentKind) || (user.role === "REVIEWER" && row.uploadedById !== user.id)) {
    throw new HttpError(403, { key: "attachments.errors.mayNotDelete" });
  }
  if (row.deletedAt)
    throw new HttpError(409, { key: "attachments.errors.gone" }, { file: ["attachments.errors.gone"] });
  const decidedAt = await lastDecisionAt(target.id);
  if (decidedAt && row.createdAt <= decidedAt) {
    throw new HttpError(
      409,
      { key: "attachments.errors.frozen" },
      {
        file: ["attachments.errors.frozen"],
      },
    );
  }
  await db.$transaction(async (tx) => {
    await tx.attachment.update({
      where: { id: row.id },
      data: { content: new Uint8Array(0), deletedAt: now, deletedById: user.id, updatedAt: now },
    });
    await appendAuditEvent(tx, {
      initiativeId: target.id,
      actorId: user.id,
      actorRole: user.role,
      event: "ATTACHMENT_DELETED",
      fromState: target.stage,
      toState: target.stage,
      payload: { attachmentId: row.id, kind: row.kind, name: row.name, size: row.size, sha256: row.sha256 },
      createdAt: now,
    });
  });
}

/**
 * The submission rule: a proposal asking for more than BUSINESS_CASE_THRESHOLD needs a current business
 * case (not deleted, not replaced). Called by the submission in its own transaction.
 */
export async function requireBusinessCase(tx: Tx, initiativeId: string, requested: number | null | undefined) {
  if ((requested ?? 0) <= getEnv().BUSINESS_CASE_THRESHOLD) return;
  const found = await tx.attachment.findFirst({
    where: { initiativeId, kind: "BUSINESS_CASE", deletedAt: null, supersededAt: null },
    select: { id: true },
  });
  if (!found) {
    throw new HttpError(
      422,
      { key: "attachments.errors.businessCaseRequired" },
      { attachments: ["attachments.errors.businessCaseRequired"] },
    );
  }
}

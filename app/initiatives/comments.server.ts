import { appendAuditEvent } from "~/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { writeNotifications } from "~/notifications/outbox.server.ts";
import { tellsForComment } from "~/notifications/rules.ts";
import { HttpError } from "~/utils/http.server.ts";
import type { Caller } from "./access.server.ts";
import { loadVisible } from "./initiative-row.server.ts";
import type { WriteOptions } from "./versioning.server.ts";

const MAX_COMMENT = 5000;

/** Adds a comment to an initiative the caller can see. Administrators, who see none, cannot comment. */
export async function addComment(
  user: Caller,
  ref: string,
  input: unknown,
  opts: WriteOptions<{ id: string; body: string; createdAt: Date }> = {},
) {
  const body = typeof input === "object" && input !== null ? (input as { body?: unknown }).body : undefined;
  const text = typeof body === "string" ? body.trim() : "";
  if (!text) throw new HttpError(400, { key: "problems.commentEmpty" }, { body: ["errors.required"] });
  if (text.length > MAX_COMMENT)
    throw new HttpError(400, { key: "problems.commentTooLong" }, { body: ["errors.tooLong"] });
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const row = await loadVisible(tx, user, ref);
    const comment = await tx.comment.create({
      data: { initiativeId: row.id, authorId: user.id, body: text, createdAt: now, updatedAt: now },
      select: { id: true, createdAt: true },
    });
    await appendAuditEvent(tx, {
      initiativeId: row.id,
      actorId: user.id,
      actorRole: user.role,
      event: "COMMENT",
      fromState: row.stage,
      toState: row.stage,
      payload: { commentId: comment.id },
      createdAt: now,
    });
    await writeNotifications(
      tx,
      { initiative: row, event: "COMMENT", actorId: user.id, round: row.round || null, now },
      tellsForComment(),
    );
    const result = { id: comment.id, body: text, createdAt: comment.createdAt };
    await opts.inTransaction?.(tx, ref, result);
    return result;
  });
}

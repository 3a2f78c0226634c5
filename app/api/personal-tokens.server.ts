/**
 * Personal API tokens: made on /account with a name and an expiry, listed with the 8-hour tokens of
 * POST /api/v1/tokens, and revocable one by one. Like every API token only the SHA-256 is stored; the
 * token itself is shown once. They authenticate exactly as the 8-hour tokens do (requireApiUser).
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";

import { TOKEN_LIFETIMES_DAYS } from "./token-lifetimes.ts";
/** How many live personal tokens one user may hold: enough for a few scripts, few enough to review. */
export const MAX_PERSONAL_TOKENS = 20;

const schema = z.object({
  name: z.string().trim().min(1, "tokens.nameRequired").max(80, "tokens.nameRequired"),
  days: z.coerce
    .number()
    .refine((d) => (TOKEN_LIFETIMES_DAYS as readonly number[]).includes(d), "tokens.expiryInvalid"),
});

type Owner = { id: string; role: string };

/** Creates a personal token; returns it once, in clear. */
export async function createPersonalToken(
  user: Owner,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<
  { ok: true; token: string; name: string; expiresAt: Date } | { ok: false; fields: Record<string, string[]> }
> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fields[issue.path.join(".") || "_form"] ??= []).push(issue.message);
    return { ok: false, fields };
  }
  const live = await db.apiToken.count({ where: { userId: user.id, name: { not: null }, expiresAt: { gt: now } } });
  if (live >= MAX_PERSONAL_TOKENS) return { ok: false, fields: { _form: ["tokens.tooMany"] } };
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + parsed.data.days * 24 * 3600_000);
  await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        userId: user.id,
        name: parsed.data.name,
        tokenHash: createHash("sha256").update(token).digest("hex"),
        expiresAt,
      },
      select: { id: true },
    });
    await appendAuditEvent(tx, {
      actorId: user.id,
      actorRole: user.role,
      event: "API_TOKEN_CREATED",
      payload: { tokenId: row.id, name: parsed.data.name, expiresAt: expiresAt.toISOString() },
    });
  });
  return { ok: true, token, name: parsed.data.name, expiresAt };
}

/** The user's live tokens, personal and 8-hour alike, newest first. */
export async function listTokens(userId: string, now = new Date()) {
  return db.apiToken.findMany({
    where: { userId, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, createdAt: true, expiresAt: true, lastUsedAt: true },
  });
}

/** Revokes one of the user's own tokens; another user's token id revokes nothing. */
export async function revokeToken(user: Owner, tokenId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const removed = await tx.apiToken.deleteMany({ where: { id: tokenId, userId: user.id } });
    if (removed.count === 0) return false;
    await appendAuditEvent(tx, {
      actorId: user.id,
      actorRole: user.role,
      event: "API_TOKEN_REVOKED",
      payload: { tokenId },
    });
    return true;
  });
}

/**
 * Bearer tokens for the JSON API. A token is shown to the client once; the database keeps only its
 * SHA-256, so a copy of the database (a backup, a leaked dump) cannot be replayed against the API.
 */
import { createHash, randomBytes } from "node:crypto";
import { NO_ROLE, type Role } from "~/auth/roles.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { db } from "~/utils/db.server.ts";
import { HttpError, type Message } from "~/utils/http.server.ts";

/** How long a token is valid (DESIGN.md §4: 8 hours, about one working day). */
export const TOKEN_TTL_MS = 8 * 3600_000;
// Writing lastUsedAt on every call would turn each read into a write; a minute's precision is enough
// to see which tokens are in use.
const TOUCH_INTERVAL_MS = 60_000;

/** The caller behind a token: what the domain functions need, plus who they are for logs and replies. */
export type ApiUser = Caller & { email: string; name: string };

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Issues a new token for a user: 32 random bytes (base64url), valid for {@link TOKEN_TTL_MS}. */
export async function issueToken(userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS);
  await db.$transaction([
    // Expired tokens are useless; dropping the user's old ones here keeps the table from growing.
    db.apiToken.deleteMany({ where: { userId, expiresAt: { lte: now } } }),
    db.apiToken.create({ data: { userId, tokenHash: hashToken(token), expiresAt }, select: { id: true } }),
  ]);
  return { token, expiresAt };
}

const unauthorized = (message: Message) =>
  new HttpError(401, message, undefined, "UNAUTHORIZED", { "WWW-Authenticate": 'Bearer realm="api"' });

/**
 * The user behind the request's `Authorization: Bearer <token>`, or HttpError 401 when the header is
 * missing or malformed, the token is unknown or expired, or its user has been disabled.
 */
export async function requireApiUser(request: Request, now = new Date()): Promise<ApiUser> {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header);
  if (!match) {
    throw unauthorized(header ? { key: "problems.bearerMalformed" } : { key: "problems.bearerMissing" });
  }
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]!) },
    select: {
      id: true,
      expiresAt: true,
      lastUsedAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          bureauCode: true,
          divisionCode: true,
          disabledAt: true,
        },
      },
    },
  });
  // One message for unknown, expired and disabled: a client learns only that it must get a new token.
  const invalid: Message = { key: "problems.tokenInvalid" };
  if (!row) throw unauthorized(invalid);
  if (row.expiresAt.getTime() <= now.getTime() || row.user.disabledAt) {
    await db.apiToken.deleteMany({ where: { id: row.id } });
    throw unauthorized(invalid);
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const { disabledAt: _disabled, ...user } = row.user;
  if (user.role === NO_ROLE) throw new HttpError(403, { key: "problems.awaitingAccess" });
  return { ...user, role: user.role as Role };
}

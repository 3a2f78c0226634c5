/**
 * The security log: refused access (who, what, when) as one `warn` line each in the server's log
 * (`event: "access_denied"`), for the operations team's log collection. Users never see it, and a
 * refusal answers the same whatever is logged (an invisible initiative is a plain 404). Under tests the
 * entries are also kept in memory, so that tests can assert them directly.
 */
import { getLogger } from "~/utils/logger.server.ts";

export type DeniedEntry = {
  at: string;
  event: "access_denied";
  userId: string | null;
  role: string | null;
  action: string;
  target?: string;
  reason: string;
};

export const recordedDenials: DeniedEntry[] = [];

/** Records one refused attempt. */
export function logDenied(
  user: { id: string; role: string } | null | undefined,
  action: string,
  reason: string,
  target?: string,
): void {
  const entry: DeniedEntry = {
    at: new Date().toISOString(),
    event: "access_denied",
    userId: user?.id ?? null,
    role: user?.role ?? null,
    action,
    ...(target ? { target } : {}),
    reason,
  };
  if (process.env.NODE_ENV === "test") recordedDenials.push(entry);
  const { at: _at, ...fields } = entry;
  getLogger().warn(fields, "access denied");
}

/**
 * The security log: refused access (who, what, when) as one JSON line each on standard error, for the
 * operations team's log collection. Users never see it, and a refusal answers the same whatever is
 * logged (an invisible initiative is a plain 404). Under tests the entries are kept in memory instead,
 * so that tests can assert them without noise.
 */
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
  if (process.env.NODE_ENV === "test") {
    recordedDenials.push(entry);
    return;
  }
  process.stderr.write(`${JSON.stringify(entry)}\n`);
}

/**
 * What the stored data looks like now, in one cheap statement: the audit log's last entry and the settings in
 * force. Answers computed from the data can be kept under it (the dashboard's figures, the register's totals)
 * or work skipped while it is unchanged (a reminder pass that found nothing new to send).
 *
 * Every write that changes a row those read (initiatives and their stays, sign-offs, funding decisions,
 * milestones, conditions, status reports, change requests and baselines — all written by a transition, a
 * draft's creation or edit, or a round's finalisation — and B/D names) appends an audit entry in the same
 * transaction, so an unchanged last entry means unchanged data. The entry's hash is taken with its `seq` so
 * that a database restored from a backup and written again up to the same `seq` does not pass for the one
 * seen before. Settings are read apart because the seed writes them without an entry.
 *
 * Each part is read from its primary key: the last entry by a backward step of the `seq` key (ORDER BY …
 * DESC LIMIT 1, which both databases answer from the index without a scan), the settings' few rows whole.
 * Outside a transaction it sees only committed rows (a read worker on SQLite, a pooled connection on
 * PostgreSQL), so several instances each read the same stamp for the same data.
 */
import { Prisma } from "~/generated/prisma/client.ts";
import { settingsOf, type Settings } from "~/settings/settings.server.ts";
import { db } from "~/utils/db.server.ts";

export type DataStamp = {
  /** `seq:hash` of the last audit entry ("" while the log is empty). */
  audit: string;
  settings: Settings;
};

/** The key under which the audit row comes back beside the settings' own keys. */
const AUDIT_KEY = "audit log";

// The key is a literal, not a parameter: PostgreSQL cannot type a bare parameter in a UNION's first branch.
const STAMP_SQL = Prisma.sql`SELECT ${Prisma.raw(`'${AUDIT_KEY}'`)} AS "key",
    (SELECT CAST(a."seq" AS TEXT) || ':' || a."hash" FROM "AuditEvent" a ORDER BY a."seq" DESC LIMIT 1) AS "value"
  UNION ALL
  SELECT s."key" AS "key", s."value" AS "value" FROM "Setting" s`;

/** The stamp as the database holds it now (one statement). */
export async function readDataStamp(): Promise<DataStamp> {
  const rows = await db.$queryRaw<{ key: string; value: string | null }[]>(STAMP_SQL);
  const settingRows = rows.filter((r): r is { key: string; value: string } => r.key !== AUDIT_KEY && r.value !== null);
  return {
    audit: rows.find((r) => r.key === AUDIT_KEY)?.value ?? "",
    settings: settingsOf(settingRows),
  };
}

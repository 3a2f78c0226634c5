/**
 * What the register reads over every initiative a caller may see, rather than one page of them: how many match
 * the filters, and the choices its filters offer (the financial years present, the B/Ds). At 100,000
 * initiatives each is a scan of tens of milliseconds on every page and API list, and almost every request asks
 * for totals that no write has touched since the last one; so they are kept per instance under the audit log's
 * last entry (data-stamp.server.ts: every writer of initiatives, and of B/D names, appends one in the same
 * transaction), and computed again only after a write.
 *
 * Callers pass the stamp they read (one statement, shared by the page's reads); it must be read before a
 * total is computed, so that a total kept under a stamp never predates it.
 */
import { readDataStamp, type DataStamp } from "~/utils/db/data-stamp.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { StampedCache } from "~/utils/stamped-cache.ts";
import { visibleWhere, type Caller } from "./access.server.ts";

/** Entries kept: filter combinations in use at once on one instance (a search is one each). */
export const REGISTER_CACHE_SIZE = 128;

const kept = new StampedCache(REGISTER_CACHE_SIZE);

/** How many initiatives match `where` (a register query's filter, narrowed to what its caller may see). */
export async function registerTotal(
  where: Prisma.InitiativeWhereInput,
  stamp: Promise<DataStamp> = readDataStamp(),
): Promise<number> {
  const { audit } = await stamp;
  return kept.get(audit, JSON.stringify(["total", where]), async () => {
    // Counting a column that the register's indexes hold (never null) reads the index alone, not the rows.
    const counted = await db.initiative.count({ where, select: { round: true } });
    return counted.round;
  });
}

type Choice = { code: string; nameEn: string; nameZh: string };
export type RegisterChoices = { financialYears: string[]; bureaux: Choice[]; ownBureau: Choice | null };

/** The choices the register's filters offer the caller: financial years present, and B/Ds for those who see several. */
export async function registerChoices(
  user: Caller,
  stamp: Promise<DataStamp> = readDataStamp(),
): Promise<RegisterChoices> {
  const { audit } = await stamp;
  const visible = visibleWhere(user);
  const id = JSON.stringify(["choices", visible, user.role === "OFFICER", user.bureauCode ?? null]);
  return kept.get(audit, id, async () => {
    const choice = { code: true, nameEn: true, nameZh: true } as const;
    // GROUP BY in the database: Prisma's `distinct` would fetch every visible row and de-duplicate them in memory.
    const years = db.initiative.groupBy({ by: ["financialYear"], where: visible, orderBy: { financialYear: "desc" } });
    const bureaux: Promise<Choice[]> =
      user.role === "OFFICER" ? Promise.resolve([]) : db.bureau.findMany({ orderBy: { code: "asc" }, select: choice });
    const own: Promise<Choice | null> = user.bureauCode
      ? db.bureau.findUnique({ where: { code: user.bureauCode }, select: choice })
      : Promise.resolve(null);
    const [fy, all, ownBureau] = await Promise.all([years, bureaux, own]);
    return { financialYears: fy.map((y) => y.financialYear), bureaux: all, ownBureau };
  });
}

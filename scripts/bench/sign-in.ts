// Signing the benchmark's users in: sessions and API tokens made through the app's own modules (as the
// sign-in form and POST /api/v1/tokens make them), written into the database of the server under test.
import { issueToken } from "../../app/api/tokens.server.ts";
import { createSession } from "../../app/auth/session.server.ts";
import { db, disconnectDb } from "../../app/utils/db.server.ts";
import { getEnv } from "../../app/utils/env.server.ts";

/** Points the app's modules in this process at `databaseUrl` (they read the environment once). */
export async function useDatabase(databaseUrl: string): Promise<void> {
  await disconnectDb();
  process.env.DATABASE_URL = databaseUrl;
  Object.assign(getEnv(), { DATABASE_URL: databaseUrl });
}

export type Credentials = { cookie: Record<string, string>; bearer: Record<string, string> };

async function userId(email: string): Promise<string> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new Error(`no user ${email} in the database`);
  return user.id;
}

/** A session cookie and an API token for each of `emails`, as request headers. */
export async function signIn(databaseUrl: string, emails: string[]): Promise<Credentials> {
  await useDatabase(databaseUrl);
  const cookie: Record<string, string> = {};
  const bearer: Record<string, string> = {};
  for (const email of emails) {
    const id = await userId(email);
    // The Set-Cookie header's first part is what a browser sends back.
    cookie[email] = (await createSession(id, "npm run bench")).split(";")[0]!;
    bearer[email] = `Bearer ${(await issueToken(id)).token}`;
  }
  return { cookie, bearer };
}

/** The reference of an initiative, chosen as the page to time: the one with the longest audit trail. */
export async function busiestInitiative(): Promise<string> {
  const [top] = await db.auditEvent.groupBy({
    by: ["initiativeId"],
    where: { initiativeId: { not: null } },
    _count: { _all: true },
    orderBy: { _count: { initiativeId: "desc" } },
    take: 1,
  });
  const initiative = await db.initiative.findUniqueOrThrow({
    where: { id: top!.initiativeId! },
    select: { ref: true },
  });
  return initiative.ref;
}

import { db } from "./db.server.ts";

/** True when the database answers a trivial query. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch (error) {
    console.warn("[healthz] database check failed:", error instanceof Error ? error.message : error);
    return false;
  }
}

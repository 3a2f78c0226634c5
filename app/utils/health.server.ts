import { db } from "./db.server.ts";
import { getLogger } from "./logger.server.ts";

/** True when the database answers a trivial query. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch (error) {
    getLogger().warn({ err: error }, "health check: the database does not answer");
    return false;
  }
}

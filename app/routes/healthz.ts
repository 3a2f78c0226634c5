import { json } from "@remix-run/node";
import { checkDatabase } from "~/utils/health.server.ts";

/** For load balancers and monitoring: 200 when the database answers, 503 when it does not. */
export async function loader() {
  const database = await checkDatabase();
  return json(
    { status: database ? "ok" : "error", database: database ? "ok" : "unreachable" },
    { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}

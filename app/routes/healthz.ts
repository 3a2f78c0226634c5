import { json } from "@remix-run/node";
import { getEnv } from "~/utils/env.server.ts";
import { checkDatabase } from "~/utils/health.server.ts";
import { applySecurityHeaders } from "~/utils/security-headers.server.ts";

/** For load balancers and monitoring: 200 when the database answers, 503 when it does not. */
export async function loader() {
  const database = await checkDatabase();
  const headers = new Headers({ "Cache-Control": "no-store" });
  applySecurityHeaders(headers, getEnv().NODE_ENV === "production");
  return json(
    { status: database ? "ok" : "error", database: database ? "ok" : "unreachable" },
    { status: database ? 200 : 503, headers },
  );
}

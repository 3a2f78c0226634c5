import { json } from "@remix-run/node";
import { getEnv } from "~/utils/env.server.ts";
import { checkReadiness } from "~/utils/readiness.server.ts";
import { applySecurityHeaders } from "~/utils/security-headers.server.ts";

/**
 * For load balancers: 200 when this instance can serve reads and writes, 503 (with `Retry-After`) when
 * the database cannot be reached, a migration is missing, or writes fail (full disk, read-only file).
 * `/healthz` stays the liveness check.
 */
export async function loader() {
  const { ready, checks } = await checkReadiness();
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (!ready) headers.set("Retry-After", "10");
  applySecurityHeaders(headers, getEnv().NODE_ENV === "production");
  return json({ status: ready ? "ready" : "unready", checks }, { status: ready ? 200 : 503, headers });
}

/**
 * Turns a nameable database fault thrown by any page loader or action into a 503 with `Retry-After`,
 * shown by the error boundary in the user's language, instead of Remix's generic 500. Applied once to
 * the whole server build (server.mjs), so no route has to remember it; the JSON API does the same in
 * its own wrapper (app/api/api.server.ts).
 */
import type { ServerBuild } from "@remix-run/node";
import { getLogger } from "../logger.server.ts";
import { reportDbFault, RETRY_AFTER_SECONDS } from "./db-errors.server.ts";

/** The 503 a page throws for a database fault (body: the fault's kind, which the error page words). */
export function dbFaultPageResponse(error: unknown): Response | undefined {
  const kind = reportDbFault(error);
  if (!kind) return undefined;
  getLogger().warn(
    { fault: kind, detail: error instanceof Error ? error.message.split("\n").slice(-1)[0] : String(error) },
    "database fault",
  );
  return new Response(kind, {
    status: 503,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Retry-After": String(RETRY_AFTER_SECONDS[kind]),
      "Cache-Control": "no-store",
    },
  });
}

type DataFunction = (args: never) => unknown;

/** Wraps one loader or action. */
export function withDbFaultResponses<F extends DataFunction>(fn: F): F {
  const wrapped = async (args: never) => {
    try {
      return await fn(args);
    } catch (error) {
      throw dbFaultPageResponse(error) ?? error;
    }
  };
  return wrapped as F;
}

/** The build with every route's loader and action wrapped (the modules themselves stay untouched). */
export function wrapServerBuild(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const module = { ...route.module };
      if (module.loader) module.loader = withDbFaultResponses(module.loader);
      if (module.action) module.action = withDbFaultResponses(module.action);
      return [id, { ...route, module }];
    }),
  );
  return { ...build, routes };
}

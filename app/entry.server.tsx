import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import {
  createReadableStreamFromReadable,
  type ActionFunctionArgs,
  type EntryContext,
  type HandleDataRequestFunction,
  type LoaderFunctionArgs,
  type ServerBuild,
} from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { classifyDbError } from "~/utils/db/db-errors.server.ts";
import { wrapServerBuild as withDbFaultResponses } from "~/utils/db/fault-responses.server.ts";
import { withBodyLimits } from "~/utils/request-body.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { providerOrigin } from "~/auth/oidc.server.ts";
import { getLogger } from "~/utils/logger.server.ts";
import { requestIdOf } from "~/utils/request-id.server.ts";
import { NonceProvider } from "~/utils/nonce.tsx";
import { applySecurityHeaders, contentSecurityPolicy } from "~/utils/security-headers.server.ts";

/**
 * For server.mjs, which wraps the build once: every action's body is checked against its route's limit
 * and type, and database faults in any loader or action become 503s.
 */
export function wrapServerBuild(build: ServerBuild): ServerBuild {
  return withDbFaultResponses(withBodyLimits(build));
}
/** For server.mjs: refuses unknown methods and malformed Host headers before anything else runs. */
export { requestGuard } from "~/utils/request-guard.server.ts";
/** For server.mjs: a bounded queue of waiting requests; beyond it, 503 with Retry-After at once. */
export { loadShedder } from "~/utils/load-shedding.server.ts";
/** For server.mjs: closes the database when the server shuts down. */
export { disconnectDb } from "~/utils/db.server.ts";
/** For server.mjs: the scheduled passes (outbox, reminders, digests) in the app process, unless JOBS_IN_APP=false. */
export { jobsInApp, startJobs, stopJobs } from "~/notifications/jobs.server.ts";

// Fail at start-up, with one line per problem, rather than on the first request.
const env = getEnv();
const production = env.NODE_ENV === "production";
const ABORT_DELAY = 5_000;

// server.mjs takes the logger and the access-log middleware from the build, so that the HTTP server and
// the app write one log with one configuration.
export { getLogger, setLogDestination } from "~/utils/logger.server.ts";
export { requestLogger } from "~/utils/request-id.server.ts";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: unknown,
) {
  const nonce = randomBytes(16).toString("base64");
  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  responseHeaders.set(
    "Content-Security-Policy",
    contentSecurityPolicy(
      nonce,
      env.NODE_ENV === "development",
      [providerOrigin()].filter((o): o is string => !!o),
    ),
  );
  applySecurityHeaders(responseHeaders, production);
  // Pages show people's work and names: never keep them in a shared or browser cache.
  responseHeaders.set("Cache-Control", "no-store");

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [callback]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) getLogger().error({ reqId: requestIdOf(loadContext), err: error }, "rendering failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  applySecurityHeaders(response.headers, production);
  response.headers.set("Cache-Control", "no-store");
  return response;
};

/**
 * Logs server errors on the server only, with the request's id (which the error page shows the user);
 * users see the error boundary, never the stack.
 */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (error instanceof Response) return;
  if (classifyDbError(error)) return; // answered 503 and logged as a warning (fault-responses.server.ts)
  getLogger().error(
    { reqId: requestIdOf(context), method: request.method, path: new URL(request.url).pathname, err: error },
    "request failed",
  );
}

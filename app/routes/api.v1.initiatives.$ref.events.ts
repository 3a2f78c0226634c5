import {
  apiRoute,
  PREFERENCE_APPLIED,
  prefersMinimal,
  readJson,
  refParam,
  takeExpectedVersion,
} from "~/api/api.server.ts";
import { runOnce } from "~/api/idempotency.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { sendEvent } from "~/initiatives/send-event.server.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";
import { getSettings } from "~/settings/settings.server.ts";

/**
 * POST /api/v1/initiatives/:ref/events `{ type, expectedVersion?, ...payload }` → the new stage, state,
 * version and round, and the initiative as the caller now sees it (not with `Prefer: return=minimal`).
 * Honours `Idempotency-Key`.
 */
export const loader = apiRoute({
  async POST({ request, params }) {
    const user = await requireApiUser(request);
    const ref = refParam(params);
    const body = await readJson(request);
    const { expectedVersion, rest } = takeExpectedVersion(body);
    const minimal = prefersMinimal(request);
    // With an Idempotency-Key, a retried request answers as the first did and sends the event once.
    const res = await runOnce(
      request,
      user.id,
      body,
      async (claim) => {
        // Read once, for the transition and for the answer.
        const settings = await getSettings();
        const result = await sendEvent(user, ref, rest, {
          expectedVersion,
          settings,
          inTransaction: claim && ((tx, _ref, result) => claim(tx, { status: 200, result })),
        });
        if (minimal) return { status: 200, body: result };
        return { status: 200, body: { ...result, initiative: await getInitiative(user, ref, { settings }) } };
      },
      async (saved) =>
        minimal ? saved.result : { ...(saved.result as object), initiative: await getInitiative(user, ref) },
    );
    if (minimal) res.headers.set(...PREFERENCE_APPLIED);
    return res;
  },
});
export const action = loader;

import { apiJson, apiRoute, readJson, refParam, takeExpectedVersion } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { sendEvent } from "~/initiatives/send-event.server.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";

/**
 * POST /api/v1/initiatives/:ref/events `{ type, expectedVersion?, ...payload }` → the new stage, state,
 * version and round, and the initiative as the caller now sees it.
 */
export const loader = apiRoute({
  async POST({ request, params }) {
    const user = await requireApiUser(request);
    const ref = refParam(params);
    const { expectedVersion, rest } = takeExpectedVersion(await readJson(request));
    const result = await sendEvent(user, ref, rest, { expectedVersion });
    const initiative = await getInitiative(user, ref);
    return apiJson({ ...result, initiative });
  },
});
export const action = loader;

import { apiJson, apiRoute, readJson } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { requireNotifiable } from "~/notifications/access.server.ts";
import { markRead } from "~/notifications/notifications.server.ts";

/** POST /api/v1/notifications/read `{ ids: [...] }` or `{ all: true }` — marks the caller's notifications read. */
export const loader = apiRoute({
  async POST({ request }) {
    const user = requireNotifiable(await requireApiUser(request));
    return apiJson(await markRead(user.id, await readJson(request)));
  },
});
export const action = loader;

import { apiJson, apiRoute, readJson } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { requireDelegationsUser } from "~/delegations/delegations.server.ts";
import { listDelegations, createDelegation, userIdByEmail } from "~/delegations/delegations.server.ts";
import { HttpError } from "~/utils/http.server.ts";

/**
 * GET /api/v1/delegations[?user=<email>] — the caller's acting reviewers, given and received
 * (`{ given, received }`, newest first); an administrator may ask about any user.
 * POST /api/v1/delegations `{ delegate, from, until }` (an administrator adds `delegator`) → 201.
 */
export const loader = apiRoute({
  async GET({ request }) {
    const user = requireDelegationsUser(await requireApiUser(request));
    const about = new URL(request.url).searchParams.get("user");
    if (about && user.role !== "ADMIN") throw new HttpError(403, { key: "delegations.problems.othersAdminsOnly" });
    return apiJson(await listDelegations(about ? await userIdByEmail(about) : user.id));
  },
  async POST({ request }) {
    const user = requireDelegationsUser(await requireApiUser(request));
    return apiJson(await createDelegation(user, await readJson(request)), { status: 201 });
  },
});
export const action = loader;

import { apiJson, apiRoute } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { requireDelegationsUser } from "~/delegations/delegations.server.ts";
import { endDelegation } from "~/delegations/delegations.server.ts";

/** DELETE /api/v1/delegations/:id — ends a delegation now (the delegator, the delegate or an administrator). */
export const loader = apiRoute({
  async DELETE({ request, params }) {
    const user = requireDelegationsUser(await requireApiUser(request));
    return apiJson(await endDelegation(user, params.id ?? ""));
  },
});
export const action = loader;

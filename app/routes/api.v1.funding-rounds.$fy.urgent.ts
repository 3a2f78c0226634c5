import { apiJson, apiRoute, readJson } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { getRound, roundJson } from "~/funding-rounds/funding-rounds.server.ts";
import { markUrgent } from "~/funding-rounds/urgent-bids.server.ts";

/**
 * POST /api/v1/funding-rounds/:fy/urgent `{ ref, reason }` — leadership (or an administrator) lets a proposal
 * that reached funding review after the deadline bid in the round; 409 once finalised or if it is not late.
 */
export const loader = apiRoute({
  async POST({ request, params }) {
    const user = await requireApiUser(request);
    const fy = params.fy ?? "";
    await markUrgent(user, fy, await readJson(request));
    return apiJson(roundJson(await getRound(user, fy)));
  },
});
export const action = loader;

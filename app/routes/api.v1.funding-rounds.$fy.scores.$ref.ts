import { apiJson, apiRoute, readJson, refParam } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { scoreBid } from "~/funding-rounds/bid-scores.server.ts";

/**
 * PUT /api/v1/funding-rounds/:fy/scores/:ref `{ scores: { <criterion>: 1..5 }, comments? }` — the calling
 * reviewer's score of a bid (advisory unless their division leads it); 409 once the round is finalised.
 */
export const loader = apiRoute({
  async PUT({ request, params }) {
    const user = await requireApiUser(request);
    const ref = refParam(params);
    return apiJson(await scoreBid(user, params.fy ?? "", ref, await readJson(request)));
  },
});
export const action = loader;

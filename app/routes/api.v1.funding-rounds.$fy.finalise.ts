import { apiJson, apiRoute, readJson } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { finaliseRound } from "~/funding-rounds/finalise-round.server.ts";

/**
 * POST /api/v1/funding-rounds/:fy/finalise `{ overrides?: [{ ref, aboveLine, reason }] }` — leadership funds
 * the bids above the line, refers those above the block-allocation limit and shelves the rest, all in one
 * transaction; 422 when the overrides ask for more than the envelope or a bid is unscored.
 */
export const loader = apiRoute({
  async POST({ request, params }) {
    const user = await requireApiUser(request);
    return apiJson(await finaliseRound(user, params.fy ?? "", await readJson(request)));
  },
});
export const action = loader;

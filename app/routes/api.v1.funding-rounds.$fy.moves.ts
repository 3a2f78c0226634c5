import { apiJson, apiRoute, readJson } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { moveBid } from "~/funding-rounds/bid-moves.server.ts";
import { getRound, roundJson } from "~/funding-rounds/funding-rounds.server.ts";

/**
 * POST /api/v1/funding-rounds/:fy/moves `{ ref, aboveLine, reason }` — leadership moves a bid across the cut
 * line before finalising (recorded with its reason); 422 when the bids above the line would exceed the envelope.
 */
export const loader = apiRoute({
  async POST({ request, params }) {
    const user = await requireApiUser(request);
    const fy = params.fy ?? "";
    await moveBid(user, fy, await readJson(request));
    return apiJson(roundJson(await getRound(user, fy)));
  },
});
export const action = loader;

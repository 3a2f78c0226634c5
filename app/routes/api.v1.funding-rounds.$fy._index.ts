import { apiJson, apiRoute } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { getRound, roundJson } from "~/funding-rounds/funding-rounds.server.ts";

/**
 * GET /api/v1/funding-rounds/:fy → `{ fy, envelope, status, cutLine, bids: [{ ref, score, requested,
 * cumulative, aboveLine, route, … }] }`: the bids ranked with the cut line. An officer gets only their B/D's
 * bids, without running totals.
 */
export const loader = apiRoute({
  async GET({ request, params }) {
    const user = await requireApiUser(request);
    return apiJson(roundJson(await getRound(user, params.fy ?? "")));
  },
});
export const action = loader;

import { apiJson, apiRoute, readJson } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { listRounds, openRound } from "~/funding-rounds/funding-rounds.server.ts";

/**
 * GET /api/v1/funding-rounds — every round's settings and status.
 * POST /api/v1/funding-rounds `{ fy, envelope, bidDeadline, decisionDate, criteria?: [{ key, weight }] }` —
 * opens the round of a financial year (leadership or an administrator); 409 when the year has one.
 */
export const loader = apiRoute({
  async GET({ request }) {
    const user = await requireApiUser(request);
    return apiJson({ items: await listRounds(user) });
  },
  async POST({ request }) {
    const user = await requireApiUser(request);
    const round = await openRound(user, await readJson(request));
    return apiJson(round, { status: 201, headers: { Location: `/api/v1/funding-rounds/${round.fy}` } });
  },
});
export const action = loader;

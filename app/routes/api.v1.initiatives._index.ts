import { apiJson, apiRoute, readJson } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { createDraft } from "~/initiatives/drafts.server.ts";
import { getInitiative, listInitiatives, parseRegisterFilters } from "~/initiatives/initiatives.queries.server.ts";

/**
 * GET /api/v1/initiatives — the register the caller may see, filtered and paginated.
 * POST /api/v1/initiatives — creates a draft for the caller's B/D (officers only).
 */
export const loader = apiRoute({
  async GET({ request }) {
    const user = await requireApiUser(request);
    const filters = parseRegisterFilters(new URL(request.url).searchParams);
    return apiJson(await listInitiatives(user, filters));
  },
  async POST({ request }) {
    const user = await requireApiUser(request);
    const body = await readJson(request);
    const { ref } = await createDraft(user, body);
    const initiative = await getInitiative(user, ref);
    return apiJson(initiative, { status: 201, headers: { Location: `/api/v1/initiatives/${ref}` } });
  },
});
export const action = loader;

import { apiJson, apiRoute, readJson } from "~/api/api.server.ts";
import { runOnce } from "~/api/idempotency.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { createDraft } from "~/initiatives/drafts.server.ts";
import { getInitiative, listInitiatives, parseRegisterFilters } from "~/initiatives/initiatives.queries.server.ts";

/**
 * GET /api/v1/initiatives — the register the caller may see, filtered and paginated.
 * POST /api/v1/initiatives — creates a draft for the caller's B/D (officers only); honours `Idempotency-Key`.
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
    // With an Idempotency-Key, a retried request answers as the first did and creates nothing more.
    const location = (ref: string) => `/api/v1/initiatives/${ref}`;
    return runOnce(
      request,
      user.id,
      body,
      async (claim) => {
        const { ref } = await createDraft(user, body, {
          inTransaction: claim && ((tx, ref) => claim(tx, { status: 201, location: location(ref) })),
        });
        return { status: 201, body: await getInitiative(user, ref), location: location(ref) };
      },
      (saved) => getInitiative(user, saved.location!.split("/").pop()!),
    );
  },
});
export const action = loader;

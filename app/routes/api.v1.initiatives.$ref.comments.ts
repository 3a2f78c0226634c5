import { apiJson, apiRoute, readJson, refParam } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { addComment } from "~/initiatives/comments.server.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";

/**
 * GET /api/v1/initiatives/:ref/comments — the comments, oldest first.
 * POST /api/v1/initiatives/:ref/comments `{ body }` — adds one.
 */
export const loader = apiRoute({
  async GET({ request, params }) {
    const user = await requireApiUser(request);
    const ref = refParam(params);
    const { comments } = await getInitiative(user, ref, { comments: true });
    return apiJson({ ref, items: comments ?? [] });
  },
  async POST({ request, params }) {
    const user = await requireApiUser(request);
    const ref = refParam(params);
    const comment = await addComment(user, ref, await readJson(request));
    return apiJson({ ...comment, author: user.name }, { status: 201 });
  },
});
export const action = loader;

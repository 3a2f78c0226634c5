import { apiJson, apiRoute, readJson, refParam } from "~/api/api.server.ts";
import { runOnce } from "~/api/idempotency.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { addComment } from "~/initiatives/comments.server.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";

/**
 * GET /api/v1/initiatives/:ref/comments — the comments, oldest first.
 * POST /api/v1/initiatives/:ref/comments `{ body }` — adds one; honours `Idempotency-Key`.
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
    const body = await readJson(request);
    // With an Idempotency-Key, a retried request answers as the first did and adds the comment once.
    const answerOf = (comment: object) => ({ ...comment, author: user.name });
    return runOnce(
      request,
      user.id,
      body,
      async (claim) => {
        const comment = await addComment(user, ref, body, {
          inTransaction: claim && ((tx, _ref, comment) => claim(tx, { status: 201, body: answerOf(comment) })),
        });
        return { status: 201, body: answerOf(comment) };
      },
      // The whole answer is saved in the comment's own transaction.
      async (saved) => saved.body,
    );
  },
});
export const action = loader;

import { apiJson, apiRoute, readJson, refParam, takeExpectedVersion } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { updateDraft } from "~/initiatives/drafts.server.ts";
import { getInitiative, type DetailOptions } from "~/initiatives/initiatives.queries.server.ts";
import { HttpError } from "~/utils/http.server.ts";

const INCLUDES = ["comments", "audit", "rounds"] as const;

/** `?include=comments,audit,rounds`: an unknown name is a 400 rather than silently ignored. */
function parseInclude(url: URL): DetailOptions {
  const names = url.searchParams
    .getAll("include")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(INCLUDES as readonly string[]).includes(n));
  if (unknown.length) {
    throw new HttpError(
      400,
      { key: "problems.unknownInclude", values: { unknown: unknown.join(", "), allowed: INCLUDES.join(", ") } },
      {
        include: ["errors.invalidChoice"],
      },
    );
  }
  return Object.fromEntries(names.map((n) => [n, true]));
}

/**
 * GET /api/v1/initiatives/:ref — one initiative with the events the caller may send now.
 * PATCH /api/v1/initiatives/:ref — edits a draft or returned proposal (`expectedVersion` optional).
 */
export const loader = apiRoute({
  async GET({ request, params }) {
    const user = await requireApiUser(request);
    const include = parseInclude(new URL(request.url));
    return apiJson(await getInitiative(user, refParam(params), include));
  },
  async PATCH({ request, params }) {
    const user = await requireApiUser(request);
    const ref = refParam(params);
    const { expectedVersion, rest } = takeExpectedVersion(await readJson(request));
    await updateDraft(user, ref, rest, { expectedVersion });
    return apiJson(await getInitiative(user, ref));
  },
});
export const action = loader;

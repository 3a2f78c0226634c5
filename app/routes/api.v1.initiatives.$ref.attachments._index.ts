import { apiJson, apiRoute, refParam } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { attachTarget, listAttachments, storeAttachment } from "~/attachments/attachments.server.ts";
import { parseUpload } from "~/attachments/upload.server.ts";

/**
 * GET /api/v1/initiatives/:ref/attachments — the attachments, by round (deleted ones keep their digest).
 * POST /api/v1/initiatives/:ref/attachments (multipart: `kind`, `file`, optional `conditionId`, `replaces`)
 * → 201 `{ id, name, kind, size, sha256, createdAt, … }`. Who may attach is checked before the upload is read.
 */
export const loader = apiRoute({
  async GET({ request, params }) {
    const user = await requireApiUser(request);
    const ref = refParam(params);
    return apiJson({ ref, items: await listAttachments(user, ref) });
  },
  async POST({ request, params }) {
    const user = await requireApiUser(request);
    const ref = refParam(params);
    const target = await attachTarget(user, ref);
    const created = await storeAttachment(user, target, await parseUpload(request));
    return apiJson(created, {
      status: 201,
      headers: { Location: `/api/v1/initiatives/${ref}/attachments/${created.id}` },
    });
  },
});
export const action = loader;

import { apiRoute, refParam } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { readAttachment } from "~/attachments/attachments.server.ts";
import { attachmentResponse } from "~/attachments/download.server.ts";

/** GET /api/v1/initiatives/:ref/attachments/:id — the file, to whoever may see the initiative (else 404). */
export const loader = apiRoute({
  async GET({ request, params }) {
    const user = await requireApiUser(request);
    return attachmentResponse(await readAttachment(user, refParam(params), params.id ?? ""));
  },
});
export const action = loader;

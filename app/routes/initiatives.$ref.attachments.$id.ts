import type { LoaderFunctionArgs } from "@remix-run/node";
import { readAttachment } from "~/attachments/attachments.server.ts";
import { attachmentResponse } from "~/attachments/download.server.ts";
import { requireRole } from "~/auth/auth.server.ts";
import { forPage } from "~/utils/http.server.ts";

/** An attachment's file, for a signed-in user who may see the initiative (else 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "OFFICER", "REVIEWER", "LEADERSHIP");
  return forPage(async () => attachmentResponse(await readAttachment(user, params.ref!, params.id!)));
}

/**
 * The page's attachment forms (upload, replace, delete), with and without JavaScript: the same checks as
 * the API, the session's form token (inside the multipart body for an upload), then back to the
 * initiative's attachments. Bad input comes back as `{ error }` with its status, to be shown by the form.
 */
import { json, redirect } from "@remix-run/node";
import { assertSameOrigin, readUserForm } from "~/auth/auth.server.ts";
import { logDenied } from "~/auth/security-log.server.ts";
import { isValidCsrfToken, type SessionUser } from "~/auth/session.server.ts";
import { HttpError, toPageResponse } from "~/utils/http.server.ts";
import { attachTarget, deleteAttachment, storeAttachment } from "./attachments.server.ts";
import { parseUpload } from "./upload.server.ts";

export type AttachmentActionData = { error: { field: string; key: string; message: string } };

const SHOWN_IN_FORM = new Set([400, 409, 413, 415]);

export async function handleAttachmentForm(request: Request, user: SessionUser, ref: string): Promise<Response> {
  const back = `/initiatives/${encodeURIComponent(ref)}#attachments`;
  try {
    const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
    if (!type.startsWith("multipart/form-data")) {
      const form = await readUserForm(request, user);
      await attachTarget(user, ref);
      const id = String(form.get("id") ?? "");
      if (form.get("intent") !== "delete" || !id) {
        throw new HttpError(400, { key: "attachments.errors.noFile" }, { file: ["errors.required"] });
      }
      await deleteAttachment(user, ref, id);
      return redirect(back);
    }
    assertSameOrigin(request);
    const target = await attachTarget(user, ref);
    const upload = await parseUpload(request);
    if (!isValidCsrfToken(user.sessionId, upload.fields._csrf)) {
      logDenied(user, `POST ${new URL(request.url).pathname}`, "missing or wrong CSRF token", ref);
      throw new Response("The form has expired. Reload the page and try again.", { status: 403 });
    }
    await storeAttachment(user, target, upload);
    return redirect(back);
  } catch (error) {
    if (error instanceof HttpError && SHOWN_IN_FORM.has(error.status)) {
      const [field, keys] = Object.entries(error.fields ?? {})[0] ?? ["file", ["attachments.errors.unreadable"]];
      return json<AttachmentActionData>(
        { error: { field, key: keys[0] ?? "attachments.errors.unreadable", message: error.message } },
        { status: error.status },
      );
    }
    if (error instanceof HttpError) throw toPageResponse(error);
    throw error;
  }
}

import { getEnv } from "~/utils/env.server.ts";
import { applySecurityHeaders } from "~/utils/security-headers.server.ts";

/**
 * An attachment as a download that no browser will render or run in this site's origin: always
 * `Content-Disposition: attachment`, the detected type with `nosniff`, and a CSP that sandboxes
 * whatever a browser might still open. Never cached by shared caches.
 */
export function attachmentResponse(file: {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  content: Uint8Array;
}): Response {
  const ascii = file.name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const headers = new Headers({
    "Content-Type": file.mediaType,
    "Content-Length": String(file.content.byteLength),
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, no-store",
    "Repr-Digest": `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`,
  });
  applySecurityHeaders(headers, getEnv().NODE_ENV === "production");
  return new Response(new Uint8Array(file.content), { status: 200, headers });
}

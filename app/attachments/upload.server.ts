/**
 * Reads a multipart upload as it streams in: the file part is counted and hashed chunk by chunk and
 * refused the moment it passes the size limit (nothing is written, the rest is not read); other parts
 * are short text fields. Content-Length, when sent, lets an oversized upload be refused before reading.
 */
import { createHash } from "node:crypto";
import { unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import { getEnv } from "~/utils/env.server.ts";
import { HttpError } from "~/utils/http.server.ts";

/** Room for the form's other fields and the multipart boundaries around the file. */
const ENVELOPE_BYTES = 64 * 1024;
const MAX_FIELD_BYTES = 4 * 1024;

export type UploadedFile = { filename: string; bytes: Uint8Array; size: number; sha256: string };
export type ParsedUpload = { fields: Record<string, string>; file: UploadedFile | null };

/** The largest file accepted, in bytes (ATTACHMENT_MAX_MB). */
export function maxUploadBytes(): number {
  return getEnv().ATTACHMENT_MAX_MB * 1024 * 1024;
}

export function tooLargeError(max = maxUploadBytes()): HttpError {
  return new HttpError(
    413,
    { key: "attachments.errors.tooLarge", values: { max: max / 1024 / 1024 } },
    { file: ["attachments.errors.tooLarge"] },
    "PAYLOAD_TOO_LARGE",
  );
}

async function readPart(part: UploadHandlerPart, limit: number, onTooLarge: () => HttpError) {
  const hash = createHash("sha256");
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of part.data) {
    size += chunk.byteLength;
    if (size > limit) throw onTooLarge();
    hash.update(chunk);
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return { bytes, size, sha256: hash.digest("hex") };
}

/** Parses a multipart/form-data request with one `file` part; 415 for another content type, 413 when too large. */
export async function parseUpload(request: Request, max = maxUploadBytes()): Promise<ParsedUpload> {
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data")) {
    throw new HttpError(415, { key: "attachments.errors.notMultipart" }, undefined, "UNSUPPORTED_MEDIA_TYPE");
  }
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > max + ENVELOPE_BYTES) throw tooLargeError(max);

  let file: UploadedFile | null = null;
  const form = await unstable_parseMultipartFormData(request, async (part) => {
    if (part.filename !== undefined) {
      if (part.name !== "file" || file) {
        // Drain an unexpected or second file without keeping it.
        await readPart(part, max, () => tooLargeError(max));
        return undefined;
      }
      const read = await readPart(part, max, () => tooLargeError(max));
      file = { filename: part.filename, ...read };
      return "file";
    }
    const read = await readPart(
      part,
      MAX_FIELD_BYTES,
      () => new HttpError(400, { key: "attachments.errors.fieldTooLong", values: { name: part.name } }),
    );
    return new TextDecoder().decode(read.bytes);
  }).catch((error: unknown) => {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, { key: "attachments.errors.unreadable" });
  });
  const fields: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "file") fields[k] = v;
  return { fields, file };
}

/**
 * What a file really is, from its content (file-type reads the magic numbers; the client's name and
 * Content-Type are never trusted), and a safe name to store and serve it under.
 */
import { fileTypeFromBuffer } from "file-type";

/** Detected types we accept: PDF, Office (OOXML and OpenDocument) documents and common images. */
const ACCEPTED: Record<string, string> = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
  "application/vnd.oasis.opendocument.text": "odt",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.oasis.opendocument.presentation": "odp",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
};

/** Office 97–2003 files are OLE compound files, which installers (.msi) are too: accepted by name only. */
const LEGACY_OFFICE: Record<string, string> = {
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  ppt: "application/vnd.ms-powerpoint",
};

/** Text has no magic number: accepted as CSV or plain text when named so and when it really is text. */
const TEXT: Record<string, string> = { csv: "text/csv", txt: "text/plain" };

export type CheckedFile = { mediaType: string; ext: string } | { refused: string };

function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1]!.toLowerCase() : "";
}

function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The file's real type, or why it is refused (`refused` is what was detected, for the message:
 * "exe", "zip", "unknown").
 */
export async function checkFileType(bytes: Uint8Array, name: string): Promise<CheckedFile> {
  const ext = extensionOf(name);
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const accepted = ACCEPTED[detected.mime];
    if (accepted) return { mediaType: detected.mime, ext: accepted };
    if (detected.ext === "cfb" && LEGACY_OFFICE[ext]) return { mediaType: LEGACY_OFFICE[ext]!, ext };
    return { refused: detected.ext };
  }
  if (TEXT[ext] && bytes.length > 0 && isText(bytes)) return { mediaType: `${TEXT[ext]}; charset=utf-8`, ext };
  return { refused: ext ? `.${ext}` : "unknown" };
}

const MAX_NAME = 120;

/**
 * A name safe to store and to put in a Content-Disposition header: the last path segment only, no
 * control or reserved characters, no leading dots, at most 120 characters, and ending in the extension
 * of the type actually detected (so "report.exe.pdf" that is a PDF stays, "notes.pdf" that is a PNG
 * becomes "notes.pdf.png").
 */
export function sanitiseName(raw: string, ext: string): string {
  const last = raw.split(/[\\/]/).pop() ?? "";
  let name = last
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "");
  if (extensionOf(name) !== ext.toLowerCase() && !(ext === "jpg" && extensionOf(name) === "jpeg")) {
    name = `${name || "attachment"}.${ext}`;
  }
  const suffix = `.${extensionOf(name)}`;
  if (name.length > MAX_NAME) name = `${name.slice(0, MAX_NAME - suffix.length).trimEnd()}${suffix}`;
  return name === suffix ? `attachment${suffix}` : name;
}

// Small but real files of every accepted type (and a few refused ones), built byte by byte: the upload
// checks read content, so each starts with its format's real signature and structure.
import { crc32 } from "node:zlib";
import { minimalPdf } from "~/attachments/business-case.server.ts";

const enc = (s: string) => new TextEncoder().encode(s);
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
function le(n: number, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = (n >>> (8 * i)) & 0xff;
  return out;
}

/** A zip archive with its entries stored uncompressed. */
export function zip(entries: Record<string, string>): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = enc(text);
    const nameBytes = enc(name);
    const crc = crc32(data);
    const common = concat(
      le(20, 2),
      le(0, 2),
      le(0, 2),
      le(0, 2),
      le(0, 2),
      le(crc, 4),
      le(data.length, 4),
      le(data.length, 4),
      le(nameBytes.length, 2),
      le(0, 2),
    );
    const local = concat(le(0x04034b50, 4), common, nameBytes, data);
    centrals.push(
      concat(le(0x02014b50, 4), le(20, 2), common, le(0, 2), le(0, 2), le(0, 2), le(0, 4), le(offset, 4), nameBytes),
    );
    locals.push(local);
    offset += local.length;
  }
  const central = concat(...centrals);
  const end = concat(
    le(0x06054b50, 4),
    le(0, 2),
    le(0, 2),
    le(centrals.length, 2),
    le(centrals.length, 2),
    le(central.length, 4),
    le(offset, 4),
    le(0, 2),
  );
  return concat(...locals, central, end);
}

function ooxml(main: string, part: string, type: string): Uint8Array {
  return zip({
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${type}"/></Types>`,
    [part]: `<?xml version="1.0" encoding="UTF-8"?><${main}/>`,
  });
}

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
  0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);
const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
]);
const GIF = concat(enc("GIF89a"), Uint8Array.from([1, 0, 1, 0, 0, 0, 0, 0x3b]));
const WEBP = concat(enc("RIFF"), le(12, 4), enc("WEBPVP8 "), le(0, 4));
const CFB = concat(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), new Uint8Array(504));

/** Every accepted type: the name an officer would give it, its bytes and the type the server must detect. */
export const ACCEPTED_FILES: { name: string; bytes: Uint8Array; mediaType: string }[] = [
  { name: "business-case.pdf", bytes: minimalPdf("Business case"), mediaType: "application/pdf" },
  {
    name: "pia.docx",
    bytes: ooxml(
      "w:document",
      "word/document.xml",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  },
  {
    name: "costs.xlsx",
    bytes: ooxml(
      "workbook",
      "xl/workbook.xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  },
  {
    name: "briefing.pptx",
    bytes: ooxml(
      "p:presentation",
      "ppt/presentation.xml",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
    mediaType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  },
  { name: "old-report.doc", bytes: CFB, mediaType: "application/msword" },
  { name: "diagram.png", bytes: PNG, mediaType: "image/png" },
  { name: "site-photo.jpg", bytes: JPEG, mediaType: "image/jpeg" },
  { name: "flow.gif", bytes: GIF, mediaType: "image/gif" },
  { name: "screen.webp", bytes: WEBP, mediaType: "image/webp" },
  {
    name: "quotation.csv",
    bytes: enc("item,amount\nServers,1200000\n顧問,300000\n"),
    mediaType: "text/csv; charset=utf-8",
  },
  {
    name: "notes.txt",
    bytes: enc("Meeting notes: scope agreed.\n會議記錄。\n"),
    mediaType: "text/plain; charset=utf-8",
  },
];

/** A Windows executable (MZ header, PE signature) renamed to look like a PDF. */
export const RENAMED_EXE = {
  name: "business-case.pdf",
  bytes: concat(enc("MZ"), new Uint8Array(58), le(64, 4), enc("PE\0\0"), new Uint8Array(200)),
};

/**
 * Business cases generated for proposals that need one: the demo portfolio's and the test factories'
 * submissions above the threshold go through the same attachment service as an officer's upload.
 */
import { createHash } from "node:crypto";
import type { Caller } from "~/initiatives/access.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { attachTarget, storeAttachment } from "./attachments.server.ts";

/** A small, valid one-page PDF whose page says `text` (ASCII). */
export function minimalPdf(text: string): Uint8Array {
  const safe = text.replace(/[^\x20-\x7e]/g, "?").replace(/([()\\])/g, "\\$1");
  const stream = `BT /F1 14 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

/**
 * Attaches a generated business case to `ref` when its requested amount is above the threshold and it
 * has no current one, so that its owner can submit it.
 */
export async function ensureBusinessCase(owner: Caller, ref: string, now = new Date()): Promise<void> {
  const row = await db.initiative.findUnique({ where: { ref }, select: { id: true, nonRecurrentCost: true } });
  if (!row || (row.nonRecurrentCost ?? 0) <= getEnv().BUSINESS_CASE_THRESHOLD) return;
  const current = await db.attachment.findFirst({
    where: { initiativeId: row.id, kind: "BUSINESS_CASE", deletedAt: null, supersededAt: null },
    select: { id: true },
  });
  if (current) return;
  const bytes = minimalPdf(`Business case for ${ref}`);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await storeAttachment(
    owner,
    await attachTarget(owner, ref),
    {
      fields: { kind: "BUSINESS_CASE" },
      file: { filename: `${ref} business case.pdf`, bytes, size: bytes.length, sha256 },
    },
    now,
  );
}

/**
 * Importing users from CSV (email, name, role, B/D or division): a preview with a message for each bad
 * row, and an import that writes every row or none. Imported accounts have no password: they sign in
 * through the identity provider, or with a reset link an administrator issues, and choose a password then.
 */
import { z } from "zod";
import { appendAuditEvent } from "~/audit/audit.server.ts";
import { DIVISIONS, ROLES } from "~/lifecycle/divisions.ts";
import { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";

/** A file of a few thousand people is a department; more is a mistake or an attack. */
export const MAX_IMPORT_ROWS = 2000;
export const MAX_IMPORT_BYTES = 512 * 1024;

export type ImportRow = {
  line: number;
  email: string;
  name: string;
  role: string;
  unit: string;
  /** i18n keys of what is wrong with the row; empty when it is good. */
  problems: string[];
};

/** Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

const HEADER = ["email", "name", "role", "unit"];
const emailSchema = z.string().email().max(254);

/**
 * Checks every row: the header, a valid and new e-mail address (in the file and in the database), a name,
 * a role, and the B/D (officers; active only) or division (reviewers; optional for leadership) it needs.
 */
export async function previewImport(
  text: string,
): Promise<{ ok: true; rows: ImportRow[]; bad: number } | { ok: false; problem: string }> {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, problem: "import.tooLarge" };
  const records = parseCsv(text.replace(/^\uFEFF/, "")).filter((r) => r.some((f) => f.trim() !== ""));
  if (records.length === 0) return { ok: false, problem: "import.empty" };
  const header = records[0]!.map((h) => h.trim().toLowerCase());
  const headerOk =
    HEADER.every((h, i) => header[i] === h) || (header.length === 4 && header[3] === "bureau_or_division");
  if (!headerOk) return { ok: false, problem: "import.header" };
  const body = records.slice(1);
  if (body.length === 0) return { ok: false, problem: "import.empty" };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, problem: "import.tooMany" };

  const emails = body.map((r) => (r[0] ?? "").trim().toLowerCase());
  const [existing, bureaux] = await Promise.all([
    db.user.findMany({ where: { email: { in: emails } }, select: { email: true } }),
    db.bureau.findMany({ select: { code: true, active: true } }),
  ]);
  const taken = new Set(existing.map((u) => u.email));
  const bureauState = new Map(bureaux.map((b) => [b.code, b.active]));
  const seen = new Set<string>();
  const rows = body.map((r, i): ImportRow => {
    const [email = "", name = "", role = "", unit = ""] = r.map((f) => f.trim());
    const row: ImportRow = {
      line: i + 2,
      email: email.toLowerCase(),
      name,
      role: role.toUpperCase(),
      unit: unit.toUpperCase(),
      problems: [],
    };
    if (r.length !== 4) row.problems.push("import.columns");
    if (!emailSchema.safeParse(row.email).success) row.problems.push("import.emailInvalid");
    else if (taken.has(row.email)) row.problems.push("import.emailTaken");
    else if (seen.has(row.email)) row.problems.push("import.emailTwice");
    seen.add(row.email);
    if (!name || name.length > 200) row.problems.push("import.nameRequired");
    if (!(ROLES as readonly string[]).includes(row.role)) row.problems.push("import.roleInvalid");
    else if (row.role === "OFFICER") {
      const active = bureauState.get(row.unit);
      if (active === undefined) row.problems.push("import.bureauUnknown");
      else if (!active) row.problems.push("import.bureauRetired");
    } else if (row.role === "REVIEWER" || row.role === "LEADERSHIP") {
      const isDivision = (DIVISIONS as readonly string[]).includes(row.unit);
      if ((row.role === "REVIEWER" || row.unit) && !isDivision) row.problems.push("import.divisionInvalid");
    } else if (row.unit) row.problems.push("import.adminNoUnit");
    return row;
  });
  return { ok: true, rows, bad: rows.filter((r) => r.problems.length > 0).length };
}

export type ImportResult =
  { ok: true; created: number } | { ok: false; problem: string } | { ok: false; rows: ImportRow[]; bad: number };

/** Imports the file when every row is good — all rows in one transaction — and otherwise writes nothing. */
export async function importUsers(actor: { id: string; role: string }, text: string): Promise<ImportResult> {
  if (actor.role !== "ADMIN") throw new HttpError(403, { key: "problems.importAdminsOnly" });
  const preview = await previewImport(text);
  if (!preview.ok) return preview;
  if (preview.bad > 0) return { ok: false, rows: preview.rows, bad: preview.bad };
  await db.$transaction(async (tx) => {
    for (const r of preview.rows) {
      await tx.user.create({
        data: {
          email: r.email,
          name: r.name,
          role: r.role,
          bureauCode: r.role === "OFFICER" ? r.unit : null,
          divisionCode: (r.role === "REVIEWER" || r.role === "LEADERSHIP") && r.unit ? r.unit : null,
          passwordHash: "",
          mustChangePassword: true,
        },
      });
    }
    await appendAuditEvent(tx, {
      actorId: actor.id,
      actorRole: actor.role,
      event: "USERS_IMPORTED",
      payload: { count: preview.rows.length, emails: preview.rows.map((r) => r.email) },
    });
  });
  return { ok: true, created: preview.rows.length };
}

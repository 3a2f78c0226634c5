import { beforeAll, describe, expect, it } from "vitest";
import { csvCell } from "~/initiatives/register-csv.server.ts";
import { langCookie } from "~/i18n/i18n.server.ts";
import { loader as csvLoader } from "~/routes/initiatives.export[.]csv.ts";
import { createDraft, sendEvent } from "~/initiatives/initiatives.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { completeProposal, demoCallers, type Callers } from "../factories/initiatives.ts";
import { args, get, login, run } from "../helpers/http.ts";

let c: Callers;
let tricky: string;

beforeAll(async () => {
  await seed({ demoData: true });
  c = await demoCallers();
  ({ ref: tricky } = await createDraft(
    c.itb,
    completeProposal({ titleEn: '=HYPERLINK("http://evil.example","Click")', titleZh: '數據, "共享"\n平台' }),
  ));
  await sendEvent(c.itb, tricky, { type: "SUBMIT" });
});

/** Parses our CSV (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

async function download(email: string, query = "") {
  const session = await login(email);
  const res = await run(() => csvLoader(args(get(`/initiatives/export.csv${query}`, session)) as never));
  // Response.text() would drop the byte-order mark, which is part of what is tested.
  return { res, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()) };
}

describe("CSV export", () => {
  it("neutralises formula cells and quotes commas, quotes and line breaks", () => {
    for (const start of ["=", "+", "-", "@"]) expect(csvCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
  });

  it("is UTF-8 with a BOM, a header row, and the initiative's cells made safe", async () => {
    const { res, text } = await download("reviewer.dg@demo.gov.hk");
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="initiatives-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]!.slice(0, 4)).toEqual(["Reference", "Title (English)", "Title (Chinese)", "Bureau or department"]);
    const row = rows.find((r) => r[0] === tricky)!;
    expect(row[1]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(row[2]).toBe('數據, "共享"\n平台');
    expect(row[6]).toBe("Efficiency review");
  });

  it("holds exactly the register the caller may see: an officer's own B/D only, no drafts for reviewers", async () => {
    const officer = parseCsv((await download("officer.immd@demo.gov.hk")).text.slice(1)).slice(1);
    expect(officer.length).toBeGreaterThan(0);
    expect(new Set(officer.map((r) => r[3]))).toEqual(new Set(["IMMD"]));
    expect(officer.some((r) => r[0] === tricky)).toBe(false);
    const reviewer = parseCsv((await download("reviewer.di@demo.gov.hk")).text.slice(1)).slice(1);
    expect(reviewer.some((r) => r[6] === "Draft")).toBe(false);
  });

  it("applies the register's filters, and writes its headers in the caller's language", async () => {
    const session = await login("leader@demo.gov.hk");
    const lang = (await langCookie.serialize("zh-Hant")).split(";")[0]!;
    const res = await run(() =>
      csvLoader(
        args(
          get("/initiatives/export.csv?stage=efficiencyReview", { ...session, cookie: `${session.cookie}; ${lang}` }),
        ) as never,
      ),
    );
    const rows = parseCsv(await res.text());
    expect(rows[0]![0]).toBe("編號");
    expect(rows.slice(1).every((r) => r[6] === "效率審核")).toBe(true);
  });

  it("refuses administrators and anonymous visitors", async () => {
    const admin = await login("admin@demo.gov.hk");
    expect((await run(() => csvLoader(args(get("/initiatives/export.csv", admin)) as never))).status).toBe(403);
    expect((await run(() => csvLoader(args(get("/initiatives/export.csv")) as never))).status).toBe(302);
  });
});

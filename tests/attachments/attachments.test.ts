// Attachments through the API and the page: every accepted type stored with its digest and served as a
// download; a renamed executable and an oversized upload refused without writing; another B/D's officer
// gets 404; deletion keeps the digest and an audit entry; a decision freezes what came before it; a
// proposal above the threshold needs a business case to be submitted.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server.ts";
import { sendEvent } from "~/initiatives/initiatives.server.ts";
import { action as pageUpload } from "~/routes/initiatives.$ref.attachments._index.tsx";
import { loader as pageDownload } from "~/routes/initiatives.$ref.attachments.$id.ts";
import { loader as initiativePage } from "~/routes/initiatives.$ref._index/route.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { call, demoTokens, type Tokens } from "../api/client.ts";
import { ACCEPTED_FILES, RENAMED_EXE } from "../factories/files.ts";
import { completeProposal, demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, ORIGIN, run, type Session } from "../helpers/http.ts";

let c: Callers;
let t: Tokens;
let itb: Session;
let immd: Session;

function form(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  if (file) f.set("file", new File([file.bytes.slice().buffer as ArrayBuffer], file.name));
  return f;
}
const upload = (token: string, ref: string, body: FormData | BodyInit, headers: Record<string, string> = {}) =>
  call("POST", `/api/v1/initiatives/${ref}/attachments`, { token, raw: body, headers });

/** Rows and audit entries: what a refused upload must leave unchanged. */
async function footprint() {
  const [attachments, audit] = await Promise.all([db.attachment.count(), db.auditEvent.count()]);
  return { attachments, audit };
}

beforeAll(async () => {
  await seed({ demoData: true });
  c = await demoCallers();
  t = await demoTokens();
  itb = await login("officer.itb@demo.gov.hk");
  immd = await login("officer.immd@demo.gov.hk");
}, 600_000);

describe("attachments through the API", () => {
  it("stores every accepted type with its SHA-256 and serves it back as a download", async () => {
    const ref = await initiativeIn("draft", c);
    for (const file of ACCEPTED_FILES) {
      const res = await upload(t.itb, ref, form({ kind: "OTHER" }, file));
      expect(res.status, file.name).toBe(201);
      const sha = createHash("sha256").update(file.bytes).digest("hex");
      expect(res.body).toMatchObject({ name: file.name, kind: "OTHER", size: file.bytes.length, sha256: sha });
      expect(res.body.mediaType).toBe(file.mediaType);
      const got = await call("GET", `/api/v1/initiatives/${ref}/attachments/${res.body.id}`, { token: t.dg });
      // A reviewer cannot see a draft: 404, as if it did not exist.
      expect(got.status).toBe(404);
      const mine = await call("GET", `/api/v1/initiatives/${ref}/attachments/${res.body.id}`, { token: t.itb });
      expect(mine.status).toBe(200);
      expect(mine.headers.get("Content-Disposition")).toMatch(/^attachment; filename=/);
      expect(mine.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(mine.headers.get("Content-Security-Policy")).toBe("default-src 'none'; sandbox");
      expect(mine.headers.get("Content-Type")).toBe(file.mediaType);
      const bytes = new Uint8Array(await mine.raw!.arrayBuffer());
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(sha);
    }
    const list = await call("GET", `/api/v1/initiatives/${ref}/attachments`, { token: t.itb });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(ACCEPTED_FILES.length);
    expect(list.body.items.every((a: { round: number }) => a.round === 1)).toBe(true);
  });

  it("refuses an executable renamed .pdf with a clear message, and stores nothing", async () => {
    const ref = await initiativeIn("draft", c);
    const before = await footprint();
    const res = await upload(t.itb, ref, form({ kind: "BUSINESS_CASE" }, RENAMED_EXE));
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/not a PDF.*content was checked, not its name.*Nothing was stored/);
    expect(res.body.error.messageKey).toBe("attachments.errors.type");
    expect(res.body.error.fields).toEqual({ file: ["attachments.errors.type"] });
    expect(await footprint()).toEqual(before);
  });

  it("cuts off a 30 MB upload while it streams, with or without Content-Length, and stores nothing", async () => {
    const ref = await initiativeIn("draft", c);
    const before = await footprint();
    const big = { name: "huge.pdf", bytes: new Uint8Array(30 * 1024 * 1024) };
    big.bytes.set(new TextEncoder().encode("%PDF-1.4\n"));
    const declared = await upload(t.itb, ref, form({ kind: "BUSINESS_CASE" }, big));
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    // Chunked, with no Content-Length: the stream is counted as it arrives.
    const body = new Request("http://x/", { method: "POST", body: form({ kind: "BUSINESS_CASE" }, big) });
    const type = body.headers.get("Content-Type")!;
    let sent = 0;
    const reader = body.body!.getReader();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        sent += value.byteLength;
        controller.enqueue(value);
      },
    });
    const chunked = await call("POST", `/api/v1/initiatives/${ref}/attachments`, {
      token: t.itb,
      raw: stream,
      headers: { "Content-Type": type },
      duplex: true,
    });
    expect(chunked.status).toBe(413);
    expect(sent).toBeGreaterThan(20 * 1024 * 1024);
    expect(await footprint()).toEqual(before);
  });

  it("gives another B/D's officer 404 for the file, the list and an upload", async () => {
    const ref = await initiativeIn("draft", c);
    const created = await upload(t.itb, ref, form({ kind: "BUSINESS_CASE" }, ACCEPTED_FILES[0]!));
    const id = created.body.id as string;
    expect((await call("GET", `/api/v1/initiatives/${ref}/attachments/${id}`, { token: t.immd })).status).toBe(404);
    expect((await call("GET", `/api/v1/initiatives/${ref}/attachments`, { token: t.immd })).status).toBe(404);
    expect((await upload(t.immd, ref, form({ kind: "OTHER" }, ACCEPTED_FILES[0]!))).status).toBe(404);
    const page = await run(() =>
      pageDownload(args(get(`/initiatives/${ref}/attachments/${id}`, immd), { ref, id }) as never),
    );
    expect(page.status).toBe(404);
    const own = await run(() =>
      pageDownload(args(get(`/initiatives/${ref}/attachments/${id}`, itb), { ref, id }) as never),
    );
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Disposition")).toContain("attachment");
  });

  it("lets reviewers attach notes to their open decision only, and nobody attach out of turn", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const note = await upload(t.dg, ref, form({ kind: "DECISION_NOTE" }, ACCEPTED_FILES[0]!));
    expect(note.status).toBe(201);
    expect((await upload(t.dg, ref, form({ kind: "BUSINESS_CASE" }, ACCEPTED_FILES[0]!))).status).toBe(400);
    expect((await upload(t.itb, ref, form({ kind: "OTHER" }, ACCEPTED_FILES[0]!))).status).toBe(422);
    expect((await upload(t.leader, ref, form({ kind: "OTHER" }, ACCEPTED_FILES[0]!))).status).toBe(403);
    expect((await upload(t.di, ref, form({ kind: "DECISION_NOTE" }, ACCEPTED_FILES[0]!))).status).toBe(422);
  });
});

describe("deleting, freezing and replacing", () => {
  it("keeps the digest and an audit entry when deleting; a decision freezes; a replacement is a new version", async () => {
    const ref = await initiativeIn("draft", c, { proposal: { titleEn: "Freeze case" } });
    const a = await upload(t.itb, ref, form({ kind: "QUOTATION" }, ACCEPTED_FILES[9]!));
    const b = await upload(t.itb, ref, form({ kind: "BUSINESS_CASE" }, ACCEPTED_FILES[0]!));
    const del = await pageUpload(
      args(
        new Request(`${ORIGIN}/initiatives/${ref}/attachments`, {
          method: "POST",
          body: new URLSearchParams({ _csrf: itb.csrf, intent: "delete", id: a.body.id }),
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Cookie: itb.cookie,
            Origin: ORIGIN,
            Host: "localhost:3000",
          },
        }),
        { ref },
      ) as never,
    );
    expect((del as Response).status).toBe(302);
    const row = await db.attachment.findUniqueOrThrow({ where: { id: a.body.id } });
    expect(row.deletedAt).not.toBeNull();
    expect(row.content.length).toBe(0);
    expect(row.sha256).toBe(a.body.sha256);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { event: "ATTACHMENT_DELETED" },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(audit.payload)).toMatchObject({ attachmentId: a.body.id, sha256: a.body.sha256 });
    expect((await call("GET", `/api/v1/initiatives/${ref}/attachments/${a.body.id}`, { token: t.itb })).status).toBe(
      410,
    );

    // Submitted and decided on: the business case is frozen once the proposal comes back.
    await sendEvent(c.itb, ref, { type: "SUBMIT" });
    await sendEvent(c.dg, ref, {
      type: "REQUEST_CHANGES",
      reason: "More detail on costs",
      reasonCode: "INCOMPLETE_BUSINESS_CASE",
    });
    const list = await call("GET", `/api/v1/initiatives/${ref}/attachments`, { token: t.itb });
    const frozen = list.body.items.find((x: { id: string }) => x.id === b.body.id);
    expect(frozen.frozen).toBe(true);
    const refused = await pageUpload(
      args(
        new Request(`${ORIGIN}/initiatives/${ref}/attachments`, {
          method: "POST",
          body: new URLSearchParams({ _csrf: itb.csrf, intent: "delete", id: b.body.id }),
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Cookie: itb.cookie,
            Origin: ORIGIN,
            Host: "localhost:3000",
          },
        }),
        { ref },
      ) as never,
    );
    expect((refused as Response).status).toBe(409);
    expect(((await (refused as Response).json()) as { error: { key: string } }).error.key).toBe(
      "attachments.errors.frozen",
    );
    const v2 = await upload(t.itb, ref, form({ replaces: b.body.id }, ACCEPTED_FILES[1]!));
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ kind: "BUSINESS_CASE", version: 2, replacesId: b.body.id, round: 2 });
    const after = await call("GET", `/api/v1/initiatives/${ref}/attachments`, { token: t.itb });
    const rounds = after.body.items.map((x: { round: number }) => x.round);
    expect(rounds).toEqual([...rounds].sort());
    expect(after.body.items.find((x: { id: string }) => x.id === b.body.id).supersededAt).not.toBeNull();
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe("the page form and the submission rule", () => {
  it("takes a multipart upload without JavaScript and shows the attachment on the initiative page", async () => {
    const ref = await initiativeIn("draft", c);
    const body = form({ _csrf: itb.csrf, kind: "BUSINESS_CASE" }, ACCEPTED_FILES[0]!);
    const request = new Request(`${ORIGIN}/initiatives/${ref}/attachments`, {
      method: "POST",
      body,
      headers: { Cookie: itb.cookie, Origin: ORIGIN, Host: "localhost:3000" },
    });
    const res = (await pageUpload(args(request, { ref }) as never)) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/initiatives/${ref}#attachments`);
    const page = (await initiativePage(args(get(`/initiatives/${ref}`, itb), { ref }) as never)) as Response;
    const data = (await page.json()) as { attachments: { items: { name: string }[]; kinds: string[] } };
    expect(data.attachments.items.map((a) => a.name)).toEqual(["business-case.pdf"]);
    expect(data.attachments.kinds).toContain("BUSINESS_CASE");

    const bad = new Request(`${ORIGIN}/initiatives/${ref}/attachments`, {
      method: "POST",
      body: form({ _csrf: itb.csrf, kind: "BUSINESS_CASE" }, RENAMED_EXE),
      headers: { Cookie: itb.cookie, Origin: ORIGIN, Host: "localhost:3000" },
    });
    const refused = (await pageUpload(args(bad, { ref }) as never)) as Response;
    expect(refused.status).toBe(415);
    expect(((await refused.json()) as { error: { key: string } }).error.key).toBe("attachments.errors.type");

    const noToken = new Request(`${ORIGIN}/initiatives/${ref}/attachments`, {
      method: "POST",
      body: form({ kind: "BUSINESS_CASE" }, ACCEPTED_FILES[0]!),
      headers: { Cookie: itb.cookie, Origin: ORIGIN, Host: "localhost:3000" },
    });
    expect((await run(() => pageUpload(args(noToken, { ref }) as never))).status).toBe(403);
    expect(await db.attachment.count({ where: { initiative: { ref } } })).toBe(1);
  });

  it("refuses to submit a proposal above HK$10,000,000 until a business case is attached", async () => {
    const created = await call("POST", "/api/v1/initiatives", {
      token: t.itb,
      json: completeProposal({ titleEn: "Big proposal", nonRecurrentCost: 12_000_000 }),
    });
    const ref = created.body.ref as string;
    const refused = await call("POST", `/api/v1/initiatives/${ref}/events`, { token: t.itb, json: { type: "SUBMIT" } });
    expect(refused.status).toBe(422);
    await upload(t.itb, ref, form({ kind: "QUOTATION" }, ACCEPTED_FILES[0]!));
    expect(
      (await call("POST", `/api/v1/initiatives/${ref}/events`, { token: t.itb, json: { type: "SUBMIT" } })).status,
    ).toBe(422);
    await upload(t.itb, ref, form({ kind: "BUSINESS_CASE" }, ACCEPTED_FILES[0]!));
    const ok = await call("POST", `/api/v1/initiatives/${ref}/events`, { token: t.itb, json: { type: "SUBMIT" } });
    expect(ok.status).toBe(200);
    const small = await initiativeIn("efficiencyReview", c, { proposal: { nonRecurrentCost: 9_000_000 } });
    expect(await db.attachment.count({ where: { initiative: { ref: small } } })).toBe(0);
  });
});

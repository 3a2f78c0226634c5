// What must hold on SQLite and PostgreSQL alike (this file runs in `npm test` and `npm run test:postgres`):
// racing writers, the audit log's triggers, case-insensitive search.
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server.ts";
import { createDraft, sendEvent } from "~/initiatives/initiatives.server.ts";
import { listInitiatives, parseRegisterFilters } from "~/initiatives/initiatives.queries.server.ts";
import { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { seed } from "../../prisma/seed.ts";
import { completeProposal, demoCallers, type Callers } from "../factories/initiatives.ts";

let c: Callers;
beforeAll(async () => {
  await seed({ demoData: true });
  c = await demoCallers();
});

describe("on either database", () => {
  it("lets exactly one of several racing writers of the same version win; the others get 409 and write nothing", async () => {
    const { ref } = await createDraft(c.itb, completeProposal({ titleEn: "Racing writers" }));
    const submitted = await sendEvent(c.itb, ref, { type: "SUBMIT" });
    const id = (await db.initiative.findUniqueOrThrow({ where: { ref }, select: { id: true } })).id;
    const audits = await db.auditEvent.count();
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        sendEvent(c.dg, ref, { type: "APPROVE" }, { expectedVersion: submitted.version }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => (e instanceof HttpError ? e.status : String(e)))).toEqual([409, 409, 409]);
    expect(await db.auditEvent.count()).toBe(audits + 1);
    expect(await db.signoff.count({ where: { initiativeId: id } })).toBe(1);
    expect((await db.initiative.findUniqueOrThrow({ where: { id }, select: { version: true } })).version).toBe(
      submitted.version + 1,
    );
  });

  it("keeps one audit chain when writers append at once", async () => {
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => createDraft(c.itb, completeProposal({ titleEn: `Appending at once ${i}` }))),
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("refuses to change or remove an audit entry (append-only by trigger)", async () => {
    const { seq } = (await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))!;
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "payload" = '{}' WHERE "seq" = ${seq}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = ${seq}`)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("searches the register without regard to case", async () => {
    await createDraft(c.itb, completeProposal({ titleEn: "Smart Lamppost Analytics" }));
    const search = async (q: string) =>
      (await listInitiatives(c.itb, parseRegisterFilters(new URLSearchParams({ q, stage: "draft" })))).total;
    const exact = await search("Smart Lamppost Analytics");
    expect(exact).toBeGreaterThan(0);
    expect(await search("smart lamppost")).toBe(exact);
    expect(await search("SMART LAMPPOST ANALYTICS")).toBe(exact);
    expect(await search("dpo-")).toBe(await search("DPO-"));
  });
});

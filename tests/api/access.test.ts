import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { completeProposal, demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { call, demoTokens, type Tokens } from "./client.ts";

let c: Callers;
let t: Tokens;
// A title word only this file's initiatives carry, so that totals do not depend on the demo portfolio.
const MARK = "Zephyrine";
const refs: Record<string, string> = {};

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  t = await demoTokens();
  const title = (s: string) => ({ titleEn: `${MARK} ${s}` });
  refs.itbDraft = await initiativeIn("draft", c, { proposal: title("ITIB draft") });
  refs.itbReview = await initiativeIn("efficiencyReview", c, { proposal: title("ITIB review") });
  refs.itbDelivery = await initiativeIn("delivery", c, { proposal: title("ITIB delivery") });
  refs.immdDraft = await initiativeIn("draft", c, { owner: c.immd, proposal: title("IMMD draft") });
  refs.immdReview = await initiativeIn("efficiencyReview", c, {
    owner: c.immd,
    proposal: {
      ...title("IMMD data sharing"),
      category: "DATA_SHARING",
      leadDivision: "DATA_GOVERNANCE",
      citizenFacing: false,
    },
  });
});

type Item = { ref: string; bureauCode: string; stage: string };
const list = (token: string, query = "") =>
  call<{ items: Item[]; total: number; page: number; pageSize: number }>(
    "GET",
    `/api/v1/initiatives?q=${MARK}${query}`,
    { token },
  );

describe("who sees what through the API", () => {
  it("an IMMD officer's list never contains ITIB initiatives, and ITIB refs are 404 on every endpoint", async () => {
    const res = await list(t.immd);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.ref).sort()).toEqual([refs.immdDraft, refs.immdReview].sort());
    // Without the search term, too: not a single ITIB row in the whole register.
    const all = await call<{ items: Item[] }>("GET", "/api/v1/initiatives?pageSize=500", { token: t.immd });
    expect(all.body.items.every((i) => i.bureauCode === "IMMD")).toBe(true);
    const asked = await call("GET", "/api/v1/initiatives?bureau=ITIB", { token: t.immd });
    expect(asked.body).toMatchObject({ items: [], total: 0 });

    const before = await db.auditEvent.count();
    for (const ref of [refs.itbDraft, refs.itbReview]) {
      expect((await call("GET", `/api/v1/initiatives/${ref}`, { token: t.immd })).status).toBe(404);
      expect(
        (await call("PATCH", `/api/v1/initiatives/${ref}`, { token: t.immd, json: { titleEn: "Mine now" } })).status,
      ).toBe(404);
      expect(
        (
          await call("POST", `/api/v1/initiatives/${ref}/events`, {
            token: t.immd,
            json: { type: "WITHDRAW", reason: "x" },
          })
        ).status,
      ).toBe(404);
      expect((await call("GET", `/api/v1/initiatives/${ref}/comments`, { token: t.immd })).status).toBe(404);
      expect(
        (await call("POST", `/api/v1/initiatives/${ref}/comments`, { token: t.immd, json: { body: "Hello" } })).status,
      ).toBe(404);
    }
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("the owning officer sees their drafts and everything of their B/D", async () => {
    const res = await list(t.itb);
    expect(res.body.items.map((i) => i.ref).sort()).toEqual([refs.itbDraft, refs.itbReview, refs.itbDelivery].sort());
  });

  it("reviewers and leadership see every B/D but no drafts", async () => {
    for (const token of [t.dg, t.dgov, t.di, t.leader]) {
      const res = await list(token);
      expect(res.body.items.map((i) => i.ref).sort()).toEqual(
        [refs.itbReview, refs.itbDelivery, refs.immdReview].sort(),
      );
      expect(res.body.total).toBe(3);
      const drafts = await call<{ items: Item[]; total: number }>("GET", "/api/v1/initiatives?stage=draft", { token });
      expect(drafts.body.total).toBe(0);
      expect((await call("GET", `/api/v1/initiatives/${refs.immdDraft}`, { token })).status).toBe(404);
    }
  });

  it("an administrator lists nothing and gets 404 on every ref", async () => {
    const res = await call("GET", "/api/v1/initiatives", { token: t.admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: [], total: 0 });
    for (const ref of Object.values(refs)) {
      expect((await call("GET", `/api/v1/initiatives/${ref}`, { token: t.admin })).status).toBe(404);
      expect(
        (await call("POST", `/api/v1/initiatives/${ref}/comments`, { token: t.admin, json: { body: "Hi" } })).status,
      ).toBe(404);
    }
    expect((await call("POST", "/api/v1/initiatives", { token: t.admin, json: completeProposal() })).status).toBe(403);
  });

  it("availableEvents is the caller's own", async () => {
    const view = (token: string) => call("GET", `/api/v1/initiatives/${refs.itbReview}`, { token });
    expect((await view(t.itb)).body.availableEvents).toEqual(["WITHDRAW"]);
    expect((await view(t.dg)).body.availableEvents).toEqual(
      expect.arrayContaining(["APPROVE", "APPROVE_WITH_CONDITIONS", "REQUEST_CHANGES", "REJECT"]),
    );
    expect((await view(t.di)).body.availableEvents).toEqual([]);
    expect((await view(t.leader)).body.availableEvents).toEqual([]);
  });
});

describe("filters and pagination", () => {
  it("filters by stage, bureau, division and category", async () => {
    const stage = await list(t.leader, "&stage=delivery");
    expect(stage.body.items.map((i) => i.ref)).toEqual([refs.itbDelivery]);
    const bureau = await list(t.leader, "&bureau=IMMD");
    expect(bureau.body.items.map((i) => i.ref)).toEqual([refs.immdReview]);
    const division = await list(t.leader, "&division=DATA_GOVERNANCE");
    expect(division.body.items.map((i) => i.ref)).toEqual([refs.immdReview]);
    const category = await list(t.leader, "&category=E_SERVICE&sort=ref&dir=asc");
    expect(category.body.items.map((i) => i.ref)).toEqual([refs.itbReview, refs.itbDelivery].sort());
    const fy = await list(t.leader, "&fy=1999-00");
    expect(fy.body.total).toBe(0);
  });

  it("pages with total, page and pageSize; default 50, at most 500", async () => {
    const first = await list(t.leader, "&pageSize=2&page=1&sort=ref&dir=asc");
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.body.items).toHaveLength(2);
    const second = await list(t.leader, "&pageSize=2&page=2&sort=ref&dir=asc");
    expect(second.body.items).toHaveLength(1);
    expect([...first.body.items, ...second.body.items].map((i) => i.ref)).toEqual(
      [refs.itbReview, refs.itbDelivery, refs.immdReview].sort(),
    );
    expect((await list(t.leader)).body.pageSize).toBe(50);
    expect((await list(t.leader, "&pageSize=500")).status).toBe(200);
    expect((await list(t.leader, "&pageSize=501")).status).toBe(400);
    expect((await list(t.leader, "&page=0")).status).toBe(400);
  });

  it("pages a register larger than one page", async () => {
    for (let i = 0; i < 5; i++) {
      await call("POST", "/api/v1/initiatives", { token: t.immd, json: { titleEn: `Paging ${MARK}-${i}` } });
    }
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      const res = await call<{ items: Item[]; total: number }>(
        "GET",
        `/api/v1/initiatives?q=Paging&pageSize=2&page=${page}&sort=ref`,
        { token: t.immd },
      );
      expect(res.body.total).toBe(5);
      pages.push(...res.body.items.map((i) => i.ref));
    }
    expect(new Set(pages).size).toBe(5);
  });
});

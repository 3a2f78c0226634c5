// The public open-data feed on the seeded portfolio plus initiatives built for the case: it lists every
// funded initiative and nothing else (never a draft, a proposal in review, a deferred or refused one), in
// both languages, with no comment, staff name, reason, condition or attachment; its totals equal the
// dashboard's for the same filter; ETag / Last-Modified answer 304; one address is limited.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDashboard } from "~/dashboard/dashboard.queries.server.ts";
import { addComment, sendEvent } from "~/initiatives/initiatives.server.ts";
import { resetRequestCounts, OPEN_DATA_LIMIT } from "~/open-data/rate-limit.server.ts";
import { loader as csvLoader } from "~/routes/open-data.initiatives[.]csv.ts";
import { loader as jsonLoader } from "~/routes/open-data.initiatives[.]json.ts";
import { loader as pageLoader } from "~/routes/open-data._index.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { get, ORIGIN } from "../helpers/http.ts";

let c: Callers;
const built: Record<string, string> = {};

type Feed = { count: number; totalFundedAmount: number; items: Record<string, unknown>[] };

async function fetchJson(query = "", headers: Record<string, string> = {}, address = "192.0.2.1") {
  const res = await jsonLoader({
    request: get(`/open-data/initiatives.json${query}`, undefined, headers),
    params: {},
    context: { clientAddress: address },
  } as never);
  return res;
}
async function feed(query = ""): Promise<Feed> {
  const res = await fetchJson(query);
  expect(res.status).toBe(200);
  return (await res.json()) as Feed;
}

beforeAll(async () => {
  await seed({ demoData: true });
  c = await demoCallers();
  for (const stage of [
    "draft",
    "efficiencyReview",
    "returned",
    "fundingReview",
    "deferred",
    "awaitingFinanceCommittee",
    "rejected",
    "withdrawn",
    "delivery",
    "closed",
  ] as const) {
    built[stage] = await initiativeIn(stage, c, {
      proposal: { titleEn: `Open data case ${stage}`, titleZh: `開放數據個案 ${stage}` },
    });
  }
  await addComment(c.itb, built.delivery!, { body: "A private remark that must never be published" });
}, 600_000);

beforeEach(() => resetRequestCounts());

describe("open data", () => {
  it("lists every funded initiative and none that is not, without signing in", async () => {
    const body = await feed();
    const refs = new Set(body.items.map((i) => i.ref as string));
    // Funded is decided here from the stage the initiative is in, not read back from the feed's own rule.
    const all = await db.initiative.findMany({ select: { ref: true, stage: true } });
    const FUNDED = new Set(["delivery", "benefitsReview", "closed"]);
    for (const i of all) expect(refs.has(i.ref), `${i.ref} in ${i.stage}`).toBe(FUNDED.has(i.stage));
    expect(refs.has(built.delivery!)).toBe(true);
    expect(refs.has(built.closed!)).toBe(true);
    for (const s of [
      "draft",
      "efficiencyReview",
      "returned",
      "fundingReview",
      "deferred",
      "awaitingFinanceCommittee",
    ]) {
      expect(refs.has(built[s]!), s).toBe(false);
    }
    expect(body.count).toBe(refs.size);
    expect(body.count).toBeGreaterThan(5);
  });

  it("is in both languages and carries no comment, staff name, reason, condition or attachment", async () => {
    const res = await fetchJson();
    const text = await res.text();
    const body = JSON.parse(text) as Feed;
    for (const item of body.items) {
      expect(Object.keys(item).sort()).toEqual(
        [
          "ref",
          "bureauCode",
          "bureauNameEn",
          "bureauNameZh",
          "titleEn",
          "titleZh",
          "category",
          "financialYear",
          "fundingRoute",
          "fundedAmount",
          "stage",
          "plannedStart",
          "plannedEnd",
          "actualStart",
          "actualEnd",
          "expectedAnnualSavings",
          "expectedStaffHoursSaved",
          "realisedAnnualSavings",
          "realisedStaffHoursSaved",
        ].sort(),
      );
      expect(item.titleEn, `${item.ref}`).toBeTruthy();
      expect(item.titleZh, `${item.ref}`).toBeTruthy();
      expect(item.bureauNameZh).toMatch(/[\u4e00-\u9fff]/);
      expect(["BLOCK_ALLOCATION", "FINANCE_COMMITTEE"]).toContain(item.fundingRoute);
    }
    const mine = body.items.find((i) => i.ref === built.delivery)!;
    expect(mine.titleZh).toBe("開放數據個案 delivery");
    expect(text).not.toContain("A private remark");
    const users = await db.user.findMany({ select: { name: true } });
    for (const u of users) expect(text).not.toContain(u.name);
    const conditions = await db.condition.findMany({ select: { text: true } });
    for (const k of conditions) expect(text).not.toContain(k.text);
    const reasons = await db.fundingDecision.findMany({ where: { reason: { not: null } }, select: { reason: true } });
    for (const r of reasons) expect(text).not.toContain(r.reason!);
  });

  it("totals the same funded amount as the dashboard, unfiltered and for each filter", async () => {
    const someFunded = await feed();
    const sample = someFunded.items[0]!;
    const filters = [
      "",
      `?fy=${sample.financialYear}`,
      `?bureau=${sample.bureauCode}`,
      `?category=${sample.category}`,
      "?division=DIGITAL_GOVERNMENT",
      `?fy=${sample.financialYear}&bureau=${sample.bureauCode}`,
    ];
    for (const q of filters) {
      const body = await feed(q);
      const dashboard = await getDashboard(c.leader, new URLSearchParams(q));
      const approvedByBureau = dashboard.byBureau.reduce((a, b) => a + b.approved, 0);
      expect(body.totalFundedAmount, q || "no filter").toBe(approvedByBureau);
      expect(body.totalFundedAmount, q || "no filter").toBe(
        dashboard.funding.approved + dashboard.funding.financeCommitteeApproved,
      );
      expect(body.items.reduce((a, i) => a + Number(i.fundedAmount), 0)).toBe(body.totalFundedAmount);
      expect(body.count).toBe(dashboard.byStage.delivery + dashboard.byStage.benefitsReview + dashboard.byStage.closed);
    }
  });

  it("offers the same rows as CSV, with a byte-order mark for spreadsheets", async () => {
    const res = await csvLoader({
      request: get("/open-data/initiatives.csv"),
      params: {},
      context: { clientAddress: "192.0.2.2" },
    } as never);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("ref,bureauCode,")).toBe(true);
    const lines = text.trim().split("\r\n");
    expect(lines.length - 1).toBe((await feed()).count);
    expect(text).toContain("開放數據個案 delivery");
  });

  it("answers 304 to a client whose copy is current, and a new ETag once something is funded", async () => {
    const first = await fetchJson();
    const etag = first.headers.get("ETag")!;
    const lastModified = first.headers.get("Last-Modified")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);
    expect(first.headers.get("Cache-Control")).toMatch(/public/);
    expect((await fetchJson("", { "If-None-Match": etag })).status).toBe(304);
    expect((await fetchJson("", { "If-Modified-Since": lastModified })).status).toBe(304);
    expect((await fetchJson("", { "If-None-Match": '"something-else"' })).status).toBe(200);

    // Funding the one in funding review changes the feed.
    const view = await db.initiative.findUniqueOrThrow({
      where: { ref: built.fundingReview! },
      select: { leadDivision: true, nonRecurrentCost: true },
    });
    const lead = { DIGITAL_GOVERNMENT: c.dg, DATA_GOVERNANCE: c.dgov, DIGITAL_INFRASTRUCTURE: c.di }[
      view.leadDivision as "DIGITAL_GOVERNMENT"
    ];
    await sendEvent(lead, built.fundingReview!, { type: "APPROVE_FUNDING", amount: view.nonRecurrentCost });
    const after = await fetchJson("", { "If-None-Match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(etag);
    const body = (await after.json()) as Feed;
    expect(body.items.some((i) => i.ref === built.fundingReview)).toBe(true);
  });

  it("limits one address, not the others, and refuses a bad filter clearly", async () => {
    for (let i = 0; i < OPEN_DATA_LIMIT; i++) {
      expect((await fetchJson("?fy=1999-00", {}, "198.51.100.7")).status).not.toBe(429);
    }
    const limited = await fetchJson("", {}, "198.51.100.7");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await limited.text()).toContain("請求過多");
    expect((await fetchJson("", {}, "198.51.100.8")).status).toBe(200);

    const bad = await fetchJson("?fy=next-year", {}, "198.51.100.9");
    expect(bad.status).toBe(400);
    const message = await bad.text();
    expect(message).toContain("fy");
    expect(message).toContain("篩選條件無效");
  });

  it("describes the datasets on a public page with a data dictionary in both languages", async () => {
    const res = (await pageLoader()) as Response;
    const data = (await res.json()) as { count: number; fields: { name: string }[] };
    expect(data.count).toBe((await feed()).count);
    expect(data.fields.map((f) => f.name)).toContain("fundedAmount");
    expect(new URL(ORIGIN).host).toBe("localhost:3000");
  });
});

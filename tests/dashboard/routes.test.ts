// The dashboard page and its JSON API, called as Remix calls them with real Requests: access by role,
// filters in the URL, and the shape DESIGN.md §4 gives the API.
import { beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "~/dashboard/dashboard.queries.server.ts";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { loader as pageLoader } from "~/routes/dashboard/route.tsx";
import { action as apiAction, loader as apiLoader } from "~/routes/api.v1.dashboard.ts";
import { tokenFor } from "../api/client.ts";
import type { Callers } from "../factories/initiatives.ts";
import { args, get, login, ORIGIN, run } from "../helpers/http.ts";
import { buildPortfolio, seedUsersOnly } from "./portfolio.ts";

let c: Callers;

beforeAll(async () => {
  c = await seedUsersOnly();
  await buildPortfolio(c);
});

async function page(path: string, email?: string) {
  const session = email ? await login(email) : undefined;
  return run(() => pageLoader(args(get(path, session)) as never));
}

async function api(path: string, token?: string, method = "GET") {
  const request = new Request(`${ORIGIN}${path}`, {
    method,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const fn = method === "GET" ? apiLoader : apiAction;
  const res = await run(() => fn(args(request) as never));
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe("GET /dashboard", () => {
  it("shows leadership the whole portfolio with the filter choices", async () => {
    const res = await page("/dashboard", "leader@demo.gov.hk");
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    const expected = await getDashboard(c.leader, {}, todayInHongKong());
    expect(body.dashboard.byStage).toEqual(expected.byStage);
    expect(body.dashboard.total).toBe(9);
    expect(body.dashboard.funding).toEqual(expected.funding);
    expect(body.choices.financialYears).toEqual(["2026-27", "2025-26", "2024-25"]);
    expect(body.choices.bureaux.length).toBeGreaterThan(40);
  });

  it("keeps the filters in the URL", async () => {
    const res = await page("/dashboard?fy=2024-25&bureau=IMMD", "leader@demo.gov.hk");
    const body = (await res.json()) as any;
    expect(body.dashboard.filters).toEqual({ fy: "2024-25", bureau: "IMMD" });
    expect(body.dashboard.total).toBe(2); // bravo, hotel
    expect(body.dashboard.byStage).toMatchObject({ closed: 1, delivery: 1 });
  });

  it("shows a reviewer their division's figures only", async () => {
    const res = await page("/dashboard", "reviewer.di@demo.gov.hk");
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.dashboard.scope).toEqual({ role: "REVIEWER", division: "DIGITAL_INFRASTRUCTURE" });
    expect(body.dashboard.total).toBe(2);
    expect(body.dashboard.byDivision.map((v: { division: string }) => v.division)).toEqual(["DIGITAL_INFRASTRUCTURE"]);
  });

  it("refuses officers and administrators with 403, and sends visitors to sign in", async () => {
    expect((await page("/dashboard", "officer.itb@demo.gov.hk")).status).toBe(403);
    expect((await page("/dashboard", "officer.immd@demo.gov.hk")).status).toBe(403);
    expect((await page("/dashboard", "admin@demo.gov.hk")).status).toBe(403);
    const anonymous = await page("/dashboard");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
  });

  it("answers a bad filter with 400 and a message naming it", async () => {
    const res = await page("/dashboard?fy=2026", "leader@demo.gov.hk");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("fy");
  });
});

describe("GET /api/v1/dashboard", () => {
  it("gives leadership the figures with the shape DESIGN.md §4 names", async () => {
    const token = await tokenFor("leader@demo.gov.hk");
    const res = await api("/api/v1/dashboard", token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const d = res.body;
    expect(d.byStage).toMatchObject({ efficiencyReview: 1, delivery: 3, closed: 1 });
    expect(d.byBureau).toEqual(expect.arrayContaining([expect.objectContaining({ bureau: "ITIB", total: 5 })]));
    expect(d.byDivision).toHaveLength(3);
    expect(d.funding).toMatchObject({ requested: 106_000_000, approved: 30_000_000, referred: 55_000_000 });
    expect(d.cycleTimeDays.efficiencyReview).toEqual({ median: 9, p90: 14, count: 9 });
    for (const v of Object.values(d.cycleTimeDays) as { median: unknown; p90: unknown }[]) {
      expect(typeof v.median).toBe("number");
      expect(typeof v.p90).toBe("number");
    }
    expect(d.oldestPending).toEqual([expect.objectContaining({ division: "DIGITAL_GOVERNMENT", overdue: true })]);
    expect(d.deliveryHealth).toMatchObject({ red: 1, amber: 1, green: 2 });
  });

  it("filters by the query parameters", async () => {
    const token = await tokenFor("leader@demo.gov.hk");
    const res = await api("/api/v1/dashboard?fy=2025-26&category=E_SERVICE", token);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.funding).toMatchObject({ requested: 14_000_000, approved: 13_000_000, referred: 0 });
    const bad = await api("/api/v1/dashboard?division=NOPE", token);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "BAD_REQUEST", fields: { division: expect.any(Array) } });
  });

  it("gives a reviewer their division's figures", async () => {
    const res = await api("/api/v1/dashboard", await tokenFor("reviewer.dgov@demo.gov.hk"));
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.byDivision).toEqual([expect.objectContaining({ division: "DATA_GOVERNANCE", decisions: 4 })]);
  });

  it("refuses officers and administrators (403), callers without a token (401) and other methods (405)", async () => {
    const officer = await api("/api/v1/dashboard", await tokenFor("officer.itb@demo.gov.hk"));
    expect(officer.status).toBe(403);
    expect(officer.body.error.code).toBe("FORBIDDEN");
    const admin = await api("/api/v1/dashboard", await tokenFor("admin@demo.gov.hk"));
    expect(admin.status).toBe(403);
    const anonymous = await api("/api/v1/dashboard");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("UNAUTHORIZED");
    const post = await api("/api/v1/dashboard", await tokenFor("leader@demo.gov.hk"), "POST");
    expect(post.status).toBe(405);
  });
});

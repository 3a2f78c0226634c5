// The dashboard's status-report figures, through GET /api/v1/dashboard and the dashboard page: a quarter
// without a report is overdue there too, an overspend is flagged, and spend is summed against funding.
import { beforeAll, describe, expect, it } from "vitest";
import { sendEvent } from "~/initiatives/initiatives.server.ts";
import Dashboard, { loader as dashboardLoader } from "~/routes/dashboard/route.tsx";
import { seed } from "../../prisma/seed/index.ts";
import { loader as apiDashboard } from "~/routes/api.v1.dashboard.ts";
import { tokenFor } from "../api/client.ts";
import { checkAnswer } from "../api/contract.ts";
import { demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, run } from "../helpers/http.ts";
import { cookieFor, renderPage, rootDataFor } from "../i18n/render.tsx";
import { fundedOn } from "./funded-on.ts";

let c: Callers;

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
});

/** GET /api/v1/dashboard through its route module, checked against the OpenAPI contract. */
async function dashboardJson(query = "") {
  const token = await tokenFor("leader@demo.gov.hk");
  const res = await run(() =>
    apiDashboard(args(get(`/api/v1/dashboard${query}`, undefined, { Authorization: `Bearer ${token}` })) as never),
  );
  const body = await res.json();
  await checkAnswer("GET", "/api/v1/dashboard", res.status, body);
  return { status: res.status, body };
}

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("the dashboard's status reports", () => {
  it("list overdue quarters, flag overspends and sum spend against funding, in the API and on the page", async () => {
    const late = await fundedOn(c, "2026-05-15");
    const over = await initiativeIn("delivery", c);
    await sendEvent(c.itb, over, {
      type: "REPORT_STATUS",
      rag: "red",
      percentComplete: 70,
      spendToDate: 9_000_000,
      note: "Extra licences bought",
    });
    // Within funding, and another B/D: counted, not flagged.
    const fine = await initiativeIn("delivery", c, { owner: c.immd });
    await sendEvent(c.immd, fine, {
      type: "REPORT_STATUS",
      rag: "green",
      percentComplete: 20,
      spendToDate: 1_000_000,
      note: "Tender awarded",
    });

    const res = await dashboardJson();
    expect(res.status).toBe(200);
    const s = res.body.statusReports;
    expect(s.overdue.items.filter((o: { ref: string }) => o.ref === late)).toMatchObject([
      { quarter: "2026-Q2", dueDate: "2026-07-15" },
      { quarter: "2026-Q3", dueDate: "2026-10-15" },
    ]);
    expect(s.overdue.count).toBe(2);
    expect(s.overspends.items).toEqual([
      expect.objectContaining({ ref: over, spendToDate: 9_000_000, fundedAmount: 8_500_000, over: 500_000 }),
    ]);
    expect(s.spend).toMatchObject({
      initiatives: 3,
      reporting: 2,
      funded: 25_500_000,
      fundedReporting: 17_000_000,
      spent: 10_000_000,
    });
    expect(s.spend.byBureau.find((b: { bureau: string }) => b.bureau === "IMMD")).toMatchObject({
      reporting: 1,
      spent: 1_000_000,
    });
    // The filters apply: IMMD's dashboard has neither the overdue nor the overspent initiative.
    const immd = await dashboardJson("?bureau=IMMD");
    expect(immd.body.statusReports).toMatchObject({ overdue: { count: 0 }, overspends: { count: 0 } });

    for (const [locale, overdue, flagged] of [
      ["en", "2 overdue status reports", "Spend above funding (flagged)"],
      ["zh-Hant", "2 份進度報告逾期", "開支超出撥款（已標示）"],
    ] as const) {
      const cookie = await cookieFor(locale, await login("leader@demo.gov.hk"));
      const page = await run(() => dashboardLoader(args(get("/dashboard", undefined, { Cookie: cookie })) as never));
      expect(page.status).toBe(200);
      const html = text(
        renderPage({
          root: await rootDataFor(cookie),
          Component: Dashboard,
          path: "/dashboard",
          loaderData: await page.json(),
        }),
      );
      const section = html.slice(html.indexOf(locale === "en" ? "Spend and status reports" : "開支及進度報告"));
      expect(section).toContain(overdue);
      expect(section).toContain(late);
      expect(section).toContain(flagged);
      expect(section).toContain(over);
      expect(section).toContain("HK$500,000");
    }
  });
});

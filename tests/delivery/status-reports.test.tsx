// Quarterly status reports through the JSON API and the initiative page: spend above the funded amount is
// accepted but flagged; a quarter without a report is overdue; bad input is refused and writes nothing;
// only the owning officer reports, on hold too.
import { beforeAll, describe, expect, it } from "vitest";
import { sendEvent } from "~/initiatives/initiatives.server.ts";
import InitiativePage, { action as pageAction, loader as pageLoader } from "~/routes/initiatives.$ref._index/route.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { call, demoTokens } from "../api/client.ts";
import { demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, post, run, type Session } from "../helpers/http.ts";
import { cookieFor, renderPage, rootDataFor } from "../i18n/render.tsx";
import { fundedOn } from "./funded-on.ts";

let c: Callers;
let tokens: Awaited<ReturnType<typeof demoTokens>>;
let itb: Session;

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  tokens = await demoTokens();
  itb = await login("officer.itb@demo.gov.hk");
});

async function pageText(ref: string, locale: "en" | "zh-Hant" = "en") {
  const cookie = await cookieFor(locale, itb);
  const res = await run(() =>
    pageLoader(args(get(`/initiatives/${ref}`, undefined, { Cookie: cookie }), { ref }) as never),
  );
  expect(res.status).toBe(200);
  const html = renderPage({
    root: await rootDataFor(cookie),
    Component: InitiativePage,
    path: `/initiatives/${ref}`,
    loaderData: await res.json(),
  });
  const section = html.slice(html.indexOf('id="status-reports-heading"'));
  return { html, section: section.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ") };
}

const report = (over: Record<string, unknown> = {}) => ({
  type: "REPORT_STATUS",
  rag: "amber",
  percentComplete: 60,
  spendToDate: 9_100_000,
  note: "Change of scope for the mobile app",
  risks: "Contractor capacity",
  ...over,
});

describe("status reports", () => {
  it("accept spend above the funded amount and flag it, in the API and on the page", async () => {
    const ref = await initiativeIn("delivery", c);
    const res = await call("POST", `/api/v1/initiatives/${ref}/events`, { token: tokens.itb, json: report() });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe("delivery.inProgress");
    const sr = res.body.initiative.statusReports;
    expect(sr.reports).toHaveLength(1);
    expect(sr.reports[0]).toMatchObject({
      rag: "amber",
      percentComplete: 60,
      spendToDate: 9_100_000,
      fundedAmount: 8_500_000,
      overspent: true,
      note: "Change of scope for the mobile app",
      risks: "Contractor capacity",
      reportedBy: expect.any(String),
    });
    // Funded today: the quarter in progress is the one reported on, early.
    expect(sr.current).toMatchObject({ status: "reported" });

    const { section } = await pageText(ref);
    expect(section).toContain("Over funding by HK$600,000");
    expect(section).toContain("HK$9,100,000");
    expect(section).toContain("60%");
    expect(section).toContain("Change of scope for the mobile app");
    expect((await pageText(ref, "zh-Hant")).section).toContain("超出撥款 HK$600,000");

    // Within funding: not flagged. A second report for the same quarter replaces the first.
    const again = await call("POST", `/api/v1/initiatives/${ref}/events`, {
      token: tokens.itb,
      json: report({ rag: "green", spendToDate: 8_000_000, risks: "" }),
    });
    expect(again.status).toBe(200);
    expect(again.body.initiative.statusReports.reports).toHaveLength(1);
    expect(again.body.initiative.statusReports.reports[0]).toMatchObject({ overspent: false, risks: null });
    // The audit keeps both, with the quarter and the funded amount each was measured against.
    const { id } = await db.initiative.findUniqueOrThrow({ where: { ref }, select: { id: true } });
    const audit = await db.auditEvent.findMany({
      where: { event: "REPORT_STATUS", initiativeId: id },
      orderBy: { seq: "asc" },
      select: { payload: true },
    });
    expect(audit.map((a) => JSON.parse(a.payload))).toMatchObject([
      { spendToDate: 9_100_000, fundedAmount: 8_500_000, overspent: true, quarter: sr.current.quarter },
      { spendToDate: 8_000_000, fundedAmount: 8_500_000, overspent: false, quarter: sr.current.quarter },
    ]);
  });

  it("mark a quarter without a report overdue, and a late report fills it", async () => {
    // Funded 15 May 2026: Apr–Jun (due 15 Jul) and Jul–Sep (due 15 Oct) are owed and, today, overdue.
    const ref = await fundedOn(c, "2026-05-15");
    let res = await call("GET", `/api/v1/initiatives/${ref}`, { token: tokens.itb });
    expect(res.body.statusReportsOverdue).toEqual([
      { quarter: "2026-Q2", periodEnd: "2026-06-30", dueDate: "2026-07-15", status: "overdue" },
      { quarter: "2026-Q3", periodEnd: "2026-09-30", dueDate: "2026-10-15", status: "overdue" },
    ]);
    let { section } = await pageText(ref);
    expect(section).toContain("Status report overdue for Apr–Jun 2026, Jul–Sep 2026.");
    expect((await pageText(ref, "zh-Hant")).section).toContain("2026年4月至6月, 2026年7月至9月的進度報告已逾期");

    // A report now is for the quarter just ended, which had none: it is late, and Apr–Jun stays overdue.
    res = await call("POST", `/api/v1/initiatives/${ref}/events`, {
      token: tokens.itb,
      json: report({ spendToDate: 2_000_000 }),
    });
    expect(res.status).toBe(200);
    expect(res.body.initiative.statusReports.reports).toMatchObject([{ quarter: "2026-Q3", late: true }]);
    expect(res.body.initiative.statusReportsOverdue.map((q: { quarter: string }) => q.quarter)).toEqual(["2026-Q2"]);
    ({ section } = await pageText(ref));
    expect(section).toContain("Reported late");
    expect(section).toContain("Overdue");
  });

  it("refuse bad input with a clear message per field and write nothing", async () => {
    const ref = await initiativeIn("delivery", c);
    const before = await Promise.all([db.statusReport.count(), db.auditEvent.count()]);
    const res = await call("POST", `/api/v1/initiatives/${ref}/events`, {
      token: tokens.itb,
      json: report({ rag: "blue", percentComplete: 101, spendToDate: -1, note: " " }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({
      rag: ["errors.invalidChoice"],
      percentComplete: ["errors.percentRange"],
      spendToDate: ["errors.notNegative"],
      note: ["errors.required"],
    });
    // The page's form without JavaScript: the same refusal, with the messages beside the fields.
    const cookie = await cookieFor("zh-Hant", itb);
    const form = await run(() =>
      pageAction(
        args(
          post(
            `/initiatives/${ref}`,
            { intent: "REPORT_STATUS", percentComplete: "150", spendToDate: "abc", note: "" },
            itb,
            {
              Cookie: cookie,
            },
          ),
          { ref },
        ) as never,
      ),
    );
    expect(form.status).toBe(400);
    const actionData = await form.json();
    const page = await run(() =>
      pageLoader(args(get(`/initiatives/${ref}`, undefined, { Cookie: cookie }), { ref }) as never),
    );
    const html = renderPage({
      root: await rootDataFor(cookie),
      Component: InitiativePage,
      path: `/initiatives/${ref}`,
      loaderData: await page.json(),
      actionData,
    });
    expect(html).toContain("請輸入 0 至 100 的整數百分比。");
    expect(html).toContain('id="REPORT_STATUS-percentComplete-error"');
    expect(await Promise.all([db.statusReport.count(), db.auditEvent.count()])).toEqual(before);
  });

  it("are the owning officer's, in delivery only, on hold too", async () => {
    const ref = await initiativeIn("delivery", c);
    for (const token of [tokens.dg, tokens.leader]) {
      expect((await call("POST", `/api/v1/initiatives/${ref}/events`, { token, json: report() })).status).toBe(403);
    }
    expect(
      (await call("POST", `/api/v1/initiatives/${ref}/events`, { token: tokens.immd, json: report() })).status,
    ).toBe(404);
    await sendEvent(c.itb, ref, { type: "PAUSE", reason: "Awaiting a policy decision", reasonCode: "OTHER" });
    const held = await call("POST", `/api/v1/initiatives/${ref}/events`, { token: tokens.itb, json: report() });
    expect(held.status).toBe(200);
    expect(held.body.state).toBe("delivery.onHold");
    const review = await initiativeIn("fundingReview", c);
    expect(
      (await call("POST", `/api/v1/initiatives/${review}/events`, { token: tokens.itb, json: report() })).status,
    ).toBe(422);
    expect((await call("GET", `/api/v1/initiatives/${review}`, { token: tokens.itb })).body).toMatchObject({
      statusReports: null,
      statusReportsOverdue: [],
    });
  });
});

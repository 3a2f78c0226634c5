// What was said is shown: the reasons given for a pause, resume, withdrawal, deferral, rejection and return
// appear on the initiative page (in both languages) and in the API, and the audit timeline shows each
// event's payload as labelled, formatted fields rather than raw JSON.
import { beforeAll, describe, expect, it } from "vitest";
import { sendEvent } from "~/initiatives/initiatives.server.ts";
import InitiativePage, { loader as pageLoader } from "~/routes/initiatives.$ref._index/route.tsx";
import { seed } from "../../prisma/seed/index.ts";
import { call, tokenFor } from "../api/client.ts";
import { demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, run, type Session } from "../helpers/http.ts";
import { cookieFor, renderPage, rootDataFor } from "../i18n/render.tsx";

let c: Callers;
let itb: Session;

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  itb = await login("officer.itb@demo.gov.hk");
});

async function pageHtml(ref: string, locale: "en" | "zh-Hant", session: Session = itb) {
  const cookie = await cookieFor(locale, session);
  const res = await run(() =>
    pageLoader(args(get(`/initiatives/${ref}`, undefined, { Cookie: cookie }), { ref }) as never),
  );
  expect(res.status).toBe(200);
  return renderPage({
    root: await rootDataFor(cookie),
    Component: InitiativePage,
    path: `/initiatives/${ref}`,
    loaderData: await res.json(),
  });
}

/** The page's text without tags, whitespace collapsed, for reading sentences across elements. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

/** The audit timeline's part of the page. */
const timeline = (html: string) => html.slice(html.indexOf('id="audit-heading"'));

describe("the reasons given", () => {
  it("for a pause and a resume show on the page, in the timeline and in the API", async () => {
    const ref = await initiativeIn("delivery", c);
    await sendEvent(c.itb, ref, { type: "PAUSE", reason: "Vendor insolvency: re-tender needed", reasonCode: "OTHER" });

    let html = await pageHtml(ref, "en");
    // While on hold the page says why, at the top.
    expect(text(html)).toContain("Why it is on hold");
    expect(text(html)).toContain("Vendor insolvency: re-tender needed");
    // The timeline shows the pause's payload with labels, not JSON.
    const tl = text(timeline(html));
    expect(tl).toMatch(/Reason code Other/);
    expect(tl).toMatch(/Reason Vendor insolvency: re-tender needed/);
    expect(timeline(html)).not.toContain("&quot;reason&quot;");
    expect(timeline(html)).not.toContain('{"reason"');

    await sendEvent(c.itb, ref, { type: "RESUME", reason: "New contractor appointed" });
    html = await pageHtml(ref, "en");
    expect(text(html)).not.toContain("Why it is on hold");
    const reasons = text(html.slice(html.indexOf('id="reasons-heading"')));
    expect(reasons).toContain("Reasons given");
    expect(reasons).toContain("Vendor insolvency: re-tender needed");
    expect(reasons).toContain("New contractor appointed");

    const zh = await pageHtml(ref, "zh-Hant");
    expect(text(zh)).toContain("所述理由");
    expect(text(zh)).toContain("New contractor appointed");
    expect(text(timeline(zh))).toContain("原因類別 其他");

    const token = await tokenFor("officer.itb@demo.gov.hk");
    const api = await call("GET", `/api/v1/initiatives/${ref}`, { token });
    expect(api.status).toBe(200);
    expect(api.body.reasons.map((r: { event: string; reason: string }) => [r.event, r.reason])).toEqual([
      ["PAUSE", "Vendor insolvency: re-tender needed"],
      ["RESUME", "New contractor appointed"],
    ]);
    expect(api.body.reasons[0]).toMatchObject({ reasonCode: "OTHER", actorRole: "OFFICER" });
  });

  it("for a withdrawal, a deferral and a rejection show on the page and in the API", async () => {
    const cases = [
      ["withdrawn", "WITHDRAW", "No longer needed", "Why it was withdrawn"],
      ["deferred", "DEFER", "Next funding round", "Why it was deferred"],
      ["rejected", "REJECT", "Privacy risk too high", "Why it was rejected"],
      ["returned", "REQUEST_CHANGES", "Cost breakdown missing", null],
    ] as const;
    const token = await tokenFor("officer.itb@demo.gov.hk");
    for (const [path, event, reason, why] of cases) {
      const ref = await initiativeIn(path, c);
      const html = text(await pageHtml(ref, "en"));
      if (why) expect(html, path).toContain(why);
      expect(html, path).toContain("Reasons given");
      expect(html, path).toContain(reason);
      expect(text(timeline(await pageHtml(ref, "en"))), path).toContain(`Reason ${reason}`);
      const api = await call("GET", `/api/v1/initiatives/${ref}`, { token });
      expect(api.body.reasons.at(-1), path).toMatchObject({ event, reason });
    }
  });

  it("the timeline formats money, dates and milestones in the reader's language", async () => {
    const ref = await initiativeIn("delivery", c);
    const api = await call("GET", `/api/v1/initiatives/${ref}`, { token: await tokenFor("officer.itb@demo.gov.hk") });
    const milestone = api.body.milestones[0];
    await sendEvent(c.itb, ref, { type: "REPORT_PROGRESS", milestoneId: milestone.id, date: "2026-07-30" });
    const en = text(timeline(await pageHtml(ref, "en")));
    expect(en).toContain("Amount HK$8,500,000");
    expect(en).toContain(`Milestone ${milestone.name}`);
    expect(en).toContain("Date 30 Jul 2026");
    const zh = text(timeline(await pageHtml(ref, "zh-Hant")));
    expect(zh).toContain("金額 HK$8,500,000");
    expect(zh).toContain("日期 2026年7月30日");
  });
});

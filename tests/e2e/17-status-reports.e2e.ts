import { expect, login, review, shot, test, uniqueTitle } from "./fixtures.ts";
import { apiEvent, apiToken, openInitiative, switchUser } from "./journeys.ts";

test("status reports: an overspend flagged, an overdue report on the dashboard, and a pause's reason shown", async ({
  page,
}) => {
  // A project funded today (HK$1,800,000) through the JSON API.
  const title = uniqueTitle("Digital library cards for public libraries");
  const request = page.request;
  const [itb, dg] = [await apiToken(request, "itb"), await apiToken(request, "dg")];
  const created = await request.post("/api/v1/initiatives", {
    headers: { Authorization: `Bearer ${itb}` },
    data: {
      titleEn: title,
      titleZh: "公共圖書館電子借書證",
      category: "E_SERVICE",
      leadDivision: "DIGITAL_GOVERNMENT",
      summary: "Readers get a library card on their phone instead of a plastic card.",
      handlesPersonalData: false,
      sharesDataAcrossBureaux: false,
      needsNewInfrastructure: false,
      citizenFacing: true,
      nonRecurrentCost: 1_800_000,
      recurrentCost: 150_000,
      expectedAnnualSavings: 400_000,
      expectedStaffHoursSaved: 2_000,
      plannedStart: "2026-12-01",
      plannedEnd: "2027-09-30",
      milestones: [{ name: "Cards live in all libraries", due: "2027-08-31" }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { ref } = (await created.json()) as { ref: string };
  await apiEvent(request, itb, ref, { type: "SUBMIT" });
  await apiEvent(request, dg, ref, { type: "APPROVE" });
  expect((await apiEvent(request, dg, ref, { type: "APPROVE_FUNDING", amount: 1_800_000 })).stage).toBe("delivery");

  // The officer files a status report on the page, with spend above the funded amount.
  await login(page, "itb");
  await openInitiative(page, ref);
  const section = page.getByRole("region", { name: "Status reports", exact: true });
  await expect(section).toContainText("due within 10 working days after the quarter ends");
  const form = section.getByRole("form", { name: "File a status report" });
  await form.getByRole("radio", { name: "Red" }).check();
  await form.getByLabel("Percent complete").fill("85");
  await form.getByLabel("Spend to date (HK$)").fill("2,050,000");
  await form
    .getByLabel("Progress this quarter")
    .fill("Card readers bought for every branch; spend is above the funding.");
  await form.getByLabel("Risks and issues (optional)").fill("Additional funding to be sought.");
  await form.getByRole("button", { name: "File a status report" }).click();
  await expect(page).toHaveURL(/\?done=REPORT_STATUS$/);
  await expect(page.getByRole("status")).toHaveText("Done: Status report filed.");
  // Accepted, and flagged: beside the latest spend and in the history's table and chart.
  await expect(section).toContainText("HK$2,050,000");
  await expect(section).toContainText("Over funding by HK$250,000");
  const table = section.getByRole("table", { name: "Status reports by quarter" });
  await expect(table.getByRole("row").nth(1)).toContainText("Reported");
  await expect(table.getByRole("row").nth(1)).toContainText("85%");
  await expect(
    section.getByRole("img", { name: "Percent complete and spend against funding by quarter" }),
  ).toBeVisible();
  await review(page, "status-report-filed");

  // A pause with its reason: said at the top, and readable in the audit timeline.
  const actions = page.getByRole("region", { name: "What you can do now" });
  const pause = actions.getByRole("form", { name: "Put delivery on hold" });
  await pause.getByLabel("Reason category").selectOption({ label: "Funding priority" });
  await pause.getByLabel("Reason", { exact: true }).fill("Waiting for the additional funding decision.");
  await pause.getByRole("button", { name: "Put delivery on hold" }).click();
  await expect(page).toHaveURL(/\?done=PAUSE$/);
  await expect(page.getByRole("note")).toContainText("Why it is on hold");
  await expect(page.getByRole("note")).toContainText("Waiting for the additional funding decision.");
  const audit = page.getByRole("region", { name: "Audit timeline" });
  const paused = audit.getByRole("listitem").filter({ hasText: "Paused by" });
  await expect(paused.getByRole("definition").first()).toHaveText("Funding priority");
  await expect(paused).toContainText("Reason");
  await expect(paused).toContainText("Waiting for the additional funding decision.");
  await expect(paused).not.toContainText('"reason"');
  const filed = audit.getByRole("listitem").filter({ hasText: "Status report filed by" });
  await expect(filed).toContainText("Spend to date");
  await expect(filed).toContainText("HK$2,050,000");
  await expect(filed).toContainText("Funded amount");
  await expect(filed).toContainText("HK$1,800,000");
  // On hold, the officer still reports.
  await expect(section.getByRole("form", { name: "File a status report" })).toBeVisible();

  // In Traditional Chinese.
  await page.getByRole("button", { name: /繁體中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant-HK");
  const zhSection = page.getByRole("region", { name: "進度報告", exact: true });
  await expect(zhSection).toContainText("超出撥款 HK$250,000");
  await expect(page.getByRole("note")).toContainText("暫停原因");
  await shot(page, "status-report-filed-zh");
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en-HK");

  // Leadership's dashboard: another demo project's overdue report, and this one's overspend.
  await switchUser(page, "leader");
  await page.goto("/dashboard");
  const dashboard = page.getByRole("region", { name: "Spend and status reports", exact: true });
  await expect(dashboard).toContainText("overdue status report");
  const overdue = dashboard.getByRole("table", { name: "Overdue status reports" });
  await expect(
    overdue.getByRole("row").filter({ hasText: "Smart tenancy management for public housing" }),
  ).toContainText("Jul–Sep 2026");
  const overspends = dashboard.getByRole("table", { name: "Spend above funding (flagged)" });
  await expect(overspends.getByRole("row").filter({ hasText: ref })).toContainText("HK$250,000");
  await review(page, "dashboard-status-reports");
  await page.getByRole("button", { name: /繁體中文/ }).click();
  await expect(page.getByRole("region", { name: "開支及進度報告" })).toContainText("2026年7月至9月");
  await shot(page, "dashboard-status-reports-zh");
  await page.getByRole("button", { name: /English/ }).click();
});

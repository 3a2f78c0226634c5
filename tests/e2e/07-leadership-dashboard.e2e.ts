import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, login, logout, review, test } from "./fixtures.ts";

// The demo portfolio is read only. Filtering on an earlier financial year keeps the figures clear of the
// initiatives other journeys submit today (financial year 2026-27).
const YEAR = "2025-26";
const DIVISION = { value: "DIGITAL_GOVERNMENT", label: "Digital Government" };

/** The headline number of initiatives, as a number. */
async function headlineTotal(page: Page) {
  const headline = page.getByRole("region", { name: "Headline figures" });
  const value = headline.locator("dt", { hasText: /^Initiatives$/ }).locator("xpath=following-sibling::dd[1]");
  return Number((await value.textContent())!.replace(/[^\d]/g, ""));
}

/** The pipeline table's total, which must agree with the headline figure. */
async function pipelineTotal(page: Page) {
  const table = page.getByRole("table", { name: "Initiatives in each stage" });
  return Number((await table.locator("tfoot td").textContent())!.replace(/[^\d]/g, ""));
}

test("leadership reads the dashboard, filters it and exports the filtered register as CSV", async ({ page }) => {
  await login(page, "leader");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.locator("h1")).toHaveText("Portfolio dashboard");
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  for (const section of [
    "Pipeline by stage",
    "By bureau or department",
    "By division",
    "Cycle time per stage",
    "Oldest pending reviews",
    "Delivery health",
  ]) {
    await expect(page.getByRole("heading", { name: section, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("img", { name: /^Chart: Pipeline by stage/ })).toBeVisible();
  const all = await headlineTotal(page);
  expect(all).toBeGreaterThan(50);
  expect(await pipelineTotal(page)).toBe(all);
  await review(page, "dashboard");

  // Filter by financial year: the filters go into the URL (a GET form), and the figures follow.
  const filters = page.getByRole("search", { name: "Filter the dashboard" });
  await filters.getByLabel("Financial year").selectOption(YEAR);
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard\\?.*fy=${YEAR}`));
  await expect(filters.getByLabel("Financial year")).toHaveValue(YEAR);
  // The address changes as the new figures arrive: wait for them to show.
  await expect.poll(() => headlineTotal(page)).toBeLessThan(all);
  const inYear = await headlineTotal(page);
  expect(inYear).toBeGreaterThan(0);
  expect(await pipelineTotal(page)).toBe(inYear);

  // … and by lead division, on top of the year.
  await filters.getByLabel("Lead division").selectOption({ label: DIVISION.label });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`fy=${YEAR}`));
  await expect(page).toHaveURL(new RegExp(`division=${DIVISION.value}`));
  await expect.poll(() => headlineTotal(page)).toBeLessThan(inYear);
  const filtered = await headlineTotal(page);
  expect(filtered).toBeGreaterThan(0);
  expect(await pipelineTotal(page)).toBe(filtered);
  await review(page, "dashboard-filtered");

  // The URL alone brings the same view back (bookmark, shared link, reload).
  const url = page.url();
  await page.goto("/");
  await page.goto(url);
  await expect(filters.getByLabel("Financial year")).toHaveValue(YEAR);
  await expect(filters.getByLabel("Lead division")).toHaveValue(DIVISION.value);
  expect(await headlineTotal(page)).toBe(filtered);

  // The CSV export keeps the filters and downloads the register of those initiatives, with a header row.
  const exportLink = filters.getByRole("link", { name: "Download these initiatives as CSV" });
  await expect(exportLink).toHaveAttribute(
    "href",
    new RegExp(`^/initiatives/export\\.csv\\?(?=.*fy=${YEAR})(?=.*division=${DIVISION.value})`),
  );
  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^initiatives-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const lines = csv.split(/\r?\n/).filter((l) => l.length > 0);
  expect(lines[0]).toMatch(
    /^Reference,Title \(English\),Title \(Chinese\),Bureau or department,Category,Lead division,Stage,/,
  );
  // One row per initiative counted on the dashboard, all of that year and led by that division.
  expect(lines.length - 1).toBe(filtered);
  for (const line of lines.slice(1)) {
    expect(line).toMatch(/^DPO-\d{4}-\d{4},/);
    expect(line).toContain(`,${DIVISION.label},`);
    expect(line).toContain(`,${YEAR},`);
  }
  const response = await page.request.get(new URL((await exportLink.getAttribute("href"))!, page.url()).toString());
  expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="initiatives-.*\.csv"$/);

  // Clearing the filters brings the whole portfolio back.
  await filters.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect.poll(() => headlineTotal(page)).toBe(all);
  await logout(page);
});

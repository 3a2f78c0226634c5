import { expect, type Page } from "@playwright/test";

/** Fills every field of the proposal form in English with a complete, valid proposal. */
export async function fillCompleteProposal(
  page: Page,
  overrides: { titleZh?: string; nonRecurrentCost?: string } = {},
) {
  await page.getByLabel("Title in Chinese").fill(overrides.titleZh ?? "智能許可證自助服務機");
  await page.getByLabel("Category").selectOption("E_SERVICE");
  await page.getByLabel("Lead division").selectOption("DIGITAL_GOVERNMENT");
  await page
    .getByLabel("Problem and objectives")
    .fill("Kiosks let residents renew permits in district offices without queueing.");
  // With JavaScript, fixed errors vanish as the fields change and the form below moves up: wait for
  // that before clicking further down (the page has no JavaScript-free equivalent to wait for).
  if (await page.evaluate(() => "hydrated" in document.documentElement.dataset)) {
    await expect(page.locator("#titleZh-error, #category-error, #leadDivision-error, #summary-error")).toHaveCount(0);
  }
  await page.getByLabel("Handles personal data").check();
  await page.getByLabel("A citizen-facing e-service").check();
  await page.getByLabel("Non-recurrent cost (HK$)").fill(overrides.nonRecurrentCost ?? "3,200,000");
  await page.getByLabel("Recurrent cost (HK$ a year)").fill("400,000");
  await page.getByLabel("Expected annual savings (HK$)").fill("900,000");
  await page.getByLabel("Expected staff hours saved a year").fill("5000");
  await page.getByLabel("Planned start").fill("2027-01-04");
  await page.getByLabel("Planned end").fill("2027-12-31");
  await page.getByLabel("Milestone 1", { exact: true }).fill("Kiosks installed");
  await page.getByLabel("Due date of milestone 1").fill("2027-06-30");
  await page.getByRole("button", { name: "Add a milestone" }).click();
  await expect(page.getByLabel("Milestone 2", { exact: true })).toBeVisible();
  await page.getByLabel("Milestone 2", { exact: true }).fill("All districts live");
  await page.getByLabel("Due date of milestone 2").fill("2027-11-30");
}

import { expect, login, review, test, uniqueTitle } from "./fixtures.ts";

test.use({ javaScriptEnabled: false });

test("without JavaScript an officer drafts, returns, completes and submits a proposal", async ({ page }) => {
  const title = uniqueTitle("Paperless licence renewals");
  await login(page, "immd");
  await page.goto("/initiatives/new");
  await page.getByLabel("Title in English").fill(title);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");
  const ref = page.url().split("/")[4]!;

  await page.goto("/");
  await page.goto("/initiatives");
  await page.getByRole("link", { name: ref }).click();
  await page.getByRole("link", { name: "Edit proposal" }).click();
  await expect(page.getByLabel("Title in English")).toHaveValue(title);

  // The server checks the whole proposal: 422 with messages beside the fields, the input kept.
  await page.getByLabel("Planned start").fill("2027-03-01");
  await page.getByLabel("Planned end").fill("2027-02-01");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.locator("#plannedEnd-error")).toHaveText("The planned end must be after the planned start.");
  await expect(page.getByLabel("Planned start")).toHaveValue("2027-03-01");
  await review(page, "proposal-errors-no-js");

  await page.getByLabel("Title in Chinese").fill("無紙化牌照續期");
  await page.getByLabel("Category").selectOption("DATA_SHARING");
  await page
    .getByLabel("Problem and objectives")
    .fill("Renew licences online with data shared from other departments.");
  await page.getByLabel("Shares data with other bureaux or departments").check();
  await page.getByLabel("Non-recurrent cost (HK$)").fill("2500000");
  await page.getByLabel("Recurrent cost (HK$ a year)").fill("300000");
  await page.getByLabel("Expected annual savings (HK$)").fill("700000");
  await page.getByLabel("Expected staff hours saved a year").fill("4000");
  await page.getByLabel("Planned end").fill("2027-12-31");
  await page.getByLabel("Milestone 1", { exact: true }).fill("Data-sharing agreement signed");
  await page.getByLabel("Due date of milestone 1").fill("2027-05-31");
  // Adding a row is a round trip to the server without JavaScript; nothing is saved by it.
  await page.getByRole("button", { name: "Add a milestone" }).click();
  await page.getByLabel("Milestone 2", { exact: true }).fill("Service live");
  await page.getByLabel("Due date of milestone 2").fill("2027-11-30");
  await expect(page.getByLabel("Milestone 1", { exact: true })).toHaveValue("Data-sharing agreement signed");
  await page.getByRole("button", { name: "Submit for review" }).click();

  await expect(page).toHaveURL(new RegExp(`/initiatives/${ref}\\?done=SUBMIT$`));
  await expect(page.locator(".tag").first()).toHaveText("Efficiency review");
  // The lead division followed from the category, which the server filled in.
  await expect(page.locator(".summary-list")).toContainText("Data Governance");
  await review(page, "initiative-submitted-no-js");
});

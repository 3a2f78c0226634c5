import { expect, login, review, test, uniqueTitle } from "./fixtures.ts";
import { fillCompleteProposal } from "./proposal.ts";

test("an officer drafts a proposal, leaves, returns, completes and submits it", async ({ page }) => {
  const title = uniqueTitle("Smart permit kiosks");
  await login(page, "itb");
  await review(page, "officer-home");

  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "New proposal" }).click();
  await expect(page.locator("h1")).toHaveText("New proposal");
  await review(page, "proposal-new");

  // A draft needs only a title.
  await page.getByLabel("Title in English").fill(title);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");
  const editUrl = page.url();
  expect(editUrl).toMatch(/\/initiatives\/DPO-\d{4}-\d{4}\/edit\?saved=1$/);

  // Leave, then come back through the register.
  await page.getByRole("link", { name: "Home" }).click();
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Initiatives" }).click();
  await page.getByLabel("Search by reference or title").fill(title);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status")).toHaveText("1 initiatives");
  await review(page, "register-officer");
  await page
    .getByRole("row", { name: new RegExp(title) })
    .getByRole("link")
    .click();
  await expect(page.locator(".tag").first()).toHaveText("Draft");
  await page.getByRole("link", { name: "Edit proposal" }).click();
  await expect(page.getByLabel("Title in English")).toHaveValue(title);

  // An incomplete submission is refused in the browser, with messages beside the fields.
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.locator("#titleZh-error")).toHaveText("This field is required.");
  await review(page, "proposal-errors");

  await fillCompleteProposal(page, { titleZh: "智能許可證自助服務機" });
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/\?done=SUBMIT$/);
  await expect(page.getByRole("status")).toContainText("Submitted");
  await expect(page.locator(".tag").first()).toHaveText("Efficiency review");
  await expect(page.getByRole("img", { name: /Lifecycle/ })).toBeVisible();
  await review(page, "initiative-submitted");
});

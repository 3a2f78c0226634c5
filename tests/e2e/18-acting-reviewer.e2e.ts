import { expect, login, review, test, uniqueTitle, checkA11y } from "./fixtures.ts";
import { rowOf, signOff, submitProposal, switchUser } from "./journeys.ts";

/** A Hong Kong date `days` from today (the browser runs in Hong Kong time). */
function hongKongDay(days: number) {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test("a reviewer names an acting reviewer; the delegate decides on their behalf; the audit says so in both languages", async ({
  page,
}) => {
  // The Data Governance reviewer, going on leave, names the leader as acting reviewer on their account page.
  await login(page, "dgov");
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Acting reviewer" });
  await section.getByLabel("Acting reviewer's e-mail address").fill("leader@demo.gov.hk");
  await section.getByLabel("First day").fill(hongKongDay(0));
  await section.getByLabel("Last day").fill(hongKongDay(2));
  await section.getByRole("button", { name: "Name acting reviewer" }).click();
  await expect(section.getByRole("status")).toContainText("Ho Man Kit acts from");
  await expect(section.getByRole("table", { name: "Your acting reviewers" })).toContainText("In force");
  await checkA11y(page, "account with an acting reviewer");
  await review(page, "account-acting-reviewer");

  // Naming an officer is refused with a clear message.
  await section.getByLabel("Acting reviewer's e-mail address").fill("officer.itb@demo.gov.hk");
  await section.getByLabel("First day").fill(hongKongDay(5));
  await section.getByLabel("Last day").fill(hongKongDay(6));
  await section.getByRole("button", { name: "Name acting reviewer" }).click();
  await expect(section.getByRole("alert").first()).toContainText("is not a reviewer or leadership user of the DPO");

  const title = uniqueTitle("Delegated review");
  await switchUser(page, "itb");
  const ref = await submitProposal(page, title);

  // The leader works the Data Governance queue, each item marked on whose behalf.
  await switchUser(page, "leader");
  await page.goto("/reviews");
  const row = rowOf(page, ref);
  await expect(row).toContainText("On behalf of Cheung Hoi Lam");
  await review(page, "reviews-acting");
  await row.getByRole("link", { name: ref }).click();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "What you can do now on behalf of Cheung Hoi Lam" })).toBeVisible();
  await signOff(page);
  const timeline = page.getByRole("region", { name: "Audit timeline" });
  await expect(timeline).toContainText("Approved by Ho Man Kit on behalf of Cheung Hoi Lam");
  await checkA11y(page, "initiative decided on behalf");
  await review(page, "initiative-on-behalf");

  // The same timeline in Traditional Chinese.
  await page.getByRole("button", { name: /繁體中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant-HK");
  await expect(page.getByRole("region", { name: "審計記錄" })).toContainText("Ho Man Kit（代表Cheung Hoi Lam）：批准");
  await review(page, "initiative-on-behalf-zh");
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en-HK");

  // The delegator ends it; the queue is no longer the leader's.
  await switchUser(page, "dgov");
  await page.goto("/account");
  await page.getByRole("region", { name: "Acting reviewer" }).getByRole("button", { name: /^End/ }).first().click();
  await expect(page.getByRole("status")).toContainText("The delegation has ended.");
  await switchUser(page, "leader");
  const res = await page.goto("/reviews");
  expect(res?.status()).toBe(403);
});

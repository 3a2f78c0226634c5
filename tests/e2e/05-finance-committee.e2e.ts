import { expect, login, logout, review, test, uniqueTitle } from "./fixtures.ts";
import { openInitiative, rowOf, signOff, stageTag, submitProposal, switchUser } from "./journeys.ts";

test("a proposal above the block-allocation limit goes to the Finance Committee and leadership records its approval", async ({
  page,
}) => {
  const title = uniqueTitle("Territory-wide digital identity wallet");
  await login(page, "itb");
  const ref = await submitProposal(page, title, { nonRecurrentCost: "45,000,000" });

  await switchUser(page, "dgov");
  await openInitiative(page, ref);
  await signOff(page);
  await switchUser(page, "dg");
  await openInitiative(page, ref);
  await signOff(page);
  await expect(stageTag(page)).toHaveText("Funding review");

  // HK$45,000,000 is above the HK$20,000,000 limit: the lead division cannot approve it, only refer it.
  await page.goto("/reviews?tab=funding");
  const queued = rowOf(page, ref);
  await expect(queued).toContainText("HK$45,000,000");
  await expect(queued).toContainText("Finance Committee");
  await review(page, "reviews-funding-tab");
  await queued.getByRole("link", { name: ref }).click();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  const panel = page.getByRole("region", { name: "Funding decision for the Digital Government Division" });
  await expect(panel).toContainText("HK$45,000,000");
  await expect(panel).toContainText("only the Finance Committee can approve it");
  const funding = page.getByRole("form", { name: "What is your funding decision?" });
  await expect(funding.getByRole("radio", { name: "Approve funding from the block allocation" })).toHaveCount(0);
  await expect(funding.getByRole("radio")).toHaveCount(3);
  await expect(funding.getByRole("radio", { name: "Refer to the Finance Committee" })).toBeVisible();
  await review(page, "initiative-funding-above-limit");
  await funding.getByRole("radio", { name: "Refer to the Finance Committee" }).check();
  const amount = funding.getByLabel("Proposed amount (HK$)");
  await expect(amount).toHaveValue("45,000,000");
  // Trimming the request to fit under the limit is refused.
  await amount.fill("19,000,000");
  await funding.getByRole("button", { name: "Refer to the Finance Committee" }).click();
  await expect(funding.locator(".error-summary")).toContainText("must be above the block-allocation limit");
  await amount.fill("45,000,000");
  await expect(funding.getByText("HK$45,000,000 will be put to the Finance Committee.")).toBeVisible();
  await funding.getByRole("button", { name: "Refer to the Finance Committee" }).click();
  await expect(page).toHaveURL(/\?done=REFER_TO_FINANCE_COMMITTEE$/);
  await expect(stageTag(page)).toHaveText("Awaiting Finance Committee");
  // Only leadership records the Committee's decision.
  await expect(page.getByRole("region", { name: "What you can do now" })).toContainText(
    "There is nothing for you to do",
  );

  // Leadership finds it on the Finance Committee list and records the approval.
  await switchUser(page, "leader");
  await page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name: "Finance Committee" })
    .click();
  await expect(page.locator("h1")).toHaveText("Finance Committee");
  const listed = rowOf(page, ref);
  await expect(listed).toContainText(title);
  await expect(listed).toContainText("Digital Government");
  await expect(listed).toContainText("HK$45,000,000");
  await review(page, "finance-committee");
  await listed.getByRole("link", { name: `Record the outcome ${ref}` }).click();
  await expect(page).toHaveURL(new RegExp(`/initiatives/${ref}#actions-heading$`));
  await expect(stageTag(page)).toHaveText("Awaiting Finance Committee");
  const record = page.getByRole("form", { name: "Record the Finance Committee's approval" });
  await expect(page.getByRole("form", { name: "Record the Finance Committee's rejection" })).toBeVisible();
  await review(page, "initiative-awaiting-fc");
  await record.getByLabel("Finance Committee paper reference").fill("FCR(2026-27)42");
  await record.getByLabel("Date of the Finance Committee meeting").fill("2026-11-20");
  await record.getByRole("button", { name: "Record the Finance Committee's approval" }).click();
  await expect(page).toHaveURL(/\?done=RECORD_FC_APPROVAL$/);
  await expect(page.getByRole("status")).toHaveText("Done: Finance Committee approval recorded.");
  await expect(stageTag(page)).toHaveText("Delivery");

  // The funding history: referred, then approved by the Committee with its paper and meeting date.
  const history = page.getByRole("region", { name: "Funding", exact: true }).getByRole("listitem");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText("Referred to the Finance Committee · HK$45,000,000");
  await expect(history.nth(1)).toContainText(
    "Approved by the Finance Committee · HK$45,000,000 · FCR(2026-27)42 · 20 Nov 2026",
  );
  await expect(page.locator(".summary-list")).toContainText("HK$45,000,000");
  await expect(page.getByRole("region", { name: "Audit timeline" })).toContainText(
    "Finance Committee approval recorded by",
  );
  await review(page, "initiative-fc-approved");

  // No longer waiting for the Committee.
  await page.goto("/finance-committee");
  await expect(page.getByRole("link", { name: ref, exact: true })).toHaveCount(0);
  await logout(page);
});

import { expect, login, logout, review, test, uniqueTitle } from "./fixtures.ts";
import { openInitiative, rowOf, signOff, stageTag, submitProposal, switchUser } from "./journeys.ts";

test("two divisions sign off in parallel, one with a condition, and the lead division funds it", async ({ page }) => {
  const title = uniqueTitle("Smart permit kiosks");
  await login(page, "itb");
  const ref = await submitProposal(page, title);
  // Citizen-facing with personal data: Digital Government (lead) and Data Governance must sign off.
  const signoffs = page.getByRole("table", { name: "This round" });
  await expect(signoffs.getByRole("row", { name: /Digital Government/ })).toContainText("Pending");
  await expect(signoffs.getByRole("row", { name: /Data Governance/ })).toContainText("Pending");
  await expect(signoffs.getByRole("row", { name: /Digital Infrastructure/ })).toContainText("Not required");

  // Digital Infrastructure need not sign: not in its queue, and no decision form on the page.
  await switchUser(page, "di");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Review queue" }).click();
  await expect(page.locator("h1")).toHaveText("Review queue");
  await expect(page.getByRole("link", { name: ref, exact: true })).toHaveCount(0);
  await openInitiative(page, ref);
  await expect(page.getByRole("form", { name: /^Your decision for the/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "What you can do now" })).toContainText(
    "There is nothing for you to do",
  );

  // Data Governance finds it in its queue, still waiting for Digital Government too, and approves with a condition.
  await switchUser(page, "dgov");
  await page.goto("/reviews");
  await expect(page.getByRole("link", { name: /Awaiting sign-off/ })).toHaveAttribute("aria-current", "page");
  const dgovRow = rowOf(page, ref);
  await expect(dgovRow).toContainText(title);
  await expect(dgovRow).toContainText("Also waiting for: Digital Government");
  await review(page, "reviews-queue-data-governance");
  await dgovRow.getByRole("link", { name: ref }).click();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  const form = page.getByRole("form", { name: "Your decision for the Data Governance Division" });
  await expect(form.getByRole("group", { name: "What is your decision?" })).toBeVisible();
  // Sending without a decision is stopped in the browser, with the message in the summary.
  await form.getByRole("button", { name: "Send decision" }).click();
  await expect(form.locator(".error-summary")).toContainText("Choose a decision.");
  await review(page, "initiative-decision-form");
  await signOff(page, { text: "Complete a privacy impact assessment before launch.", due: "2027-03-31" });
  await expect(page.getByRole("status")).toHaveText("Done: Approved with conditions.");
  await expect(stageTag(page)).toHaveText("Efficiency review");
  await expect(signoffs.getByRole("row", { name: /Data Governance/ })).toContainText("Approved");
  await expect(signoffs.getByRole("row", { name: /Digital Government/ })).toContainText("Pending");
  const conditions = page.getByRole("region", { name: "Conditions", exact: true });
  await expect(conditions).toContainText("Complete a privacy impact assessment before launch.");
  await expect(conditions).toContainText("Open");
  await expect(conditions).toContainText("due 31 Mar 2027");

  // Digital Government sees it too, with Data Governance's decision and its condition beside the form.
  await switchUser(page, "dg");
  await page.goto("/reviews");
  const dgRow = rowOf(page, ref);
  await expect(dgRow).toContainText(title);
  await expect(dgRow).not.toContainText("Also waiting for");
  await review(page, "reviews-queue-digital-government");
  await dgRow.getByRole("link", { name: ref }).click();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  const others = page.getByRole("complementary", { name: "Other divisions in round 1" });
  await expect(others).toContainText("Data Governance");
  await expect(others).toContainText("Approved with conditions");
  await expect(others).toContainText("Complete a privacy impact assessment before launch.");
  await signOff(page);
  await expect(page.getByRole("status")).toHaveText("Done: Approved.");
  await expect(stageTag(page)).toHaveText("Funding review");

  // The lead division decides funding: HK$3,200,000 is within the HK$20,000,000 limit.
  const panel = page.getByRole("region", { name: "Funding decision for the Digital Government Division" });
  await expect(panel).toContainText("HK$3,200,000");
  await expect(panel).toContainText("HK$20,000,000");
  await expect(panel).toContainText("Block allocation");
  await review(page, "initiative-funding-panel");
  const funding = page.getByRole("form", { name: "What is your funding decision?" });
  await expect(funding.getByRole("radio", { name: "Refer to the Finance Committee" })).toHaveCount(0);
  await funding.getByRole("radio", { name: "Approve funding from the block allocation" }).check();
  const amount = funding.getByLabel("Proposed amount (HK$)");
  await expect(amount).toHaveValue("3,200,000");
  // More than was requested is refused in the browser.
  await amount.fill("3,500,000");
  await funding.getByRole("button", { name: "Approve funding" }).click();
  await expect(funding.locator(".error-summary")).toContainText("The amount cannot be more than the amount requested.");
  await amount.fill("3,000,000");
  await expect(funding.getByText("HK$3,000,000 will be approved from the block allocation.")).toBeVisible();
  await funding.getByRole("button", { name: "Approve funding" }).click();
  await expect(page).toHaveURL(/\?done=APPROVE_FUNDING$/);
  await expect(page.getByRole("status")).toHaveText("Done: Funding approved.");
  await expect(stageTag(page)).toHaveText("Delivery");
  await expect(page.locator(".summary-list")).toContainText("HK$3,000,000");
  await expect(page.getByRole("region", { name: "Funding", exact: true })).toContainText(
    "Approved within the block allocation",
  );
  await expect(page.getByRole("region", { name: "Audit timeline" })).toContainText("Funding approved by");
  await expect(page.getByRole("img", { name: /Lifecycle/ })).toBeVisible();
  await review(page, "initiative-funded");

  // The officer sees it in delivery, with the condition to meet.
  await switchUser(page, "itb");
  await openInitiative(page, ref);
  await expect(stageTag(page)).toHaveText("Delivery");
  await expect(page.getByRole("form", { name: "Meet a condition" })).toBeVisible();
  await logout(page);
});

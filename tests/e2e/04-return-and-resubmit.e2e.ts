import { expect, login, logout, review, test, uniqueTitle } from "./fixtures.ts";
import { openInitiative, rowOf, signOff, stageTag, submitProposal, switchUser } from "./journeys.ts";

test("a proposal returned for changes is revised and resubmitted, and round 2 shows what changed", async ({ page }) => {
  const title = uniqueTitle("Online licence renewal");
  await login(page, "itb");
  const ref = await submitProposal(page, title);

  // Digital Government approves round 1 first …
  await switchUser(page, "dg");
  await openInitiative(page, ref);
  await signOff(page);
  await expect(stageTag(page)).toHaveText("Efficiency review");

  // … then Data Governance returns it, with a reason category and a reason.
  const reason =
    "The cost of the kiosks is not justified against the savings; bring the cost down and re-plan the rollout.";
  await switchUser(page, "dgov");
  await openInitiative(page, ref);
  const form = page.getByRole("form", { name: "Your decision for the Data Governance Division" });
  await form.getByRole("radio", { name: "Return for changes" }).check();
  // A return needs a reason category and a reason: refused in the browser without them.
  await form.getByRole("button", { name: "Return for changes" }).click();
  const summary = form.locator(".error-summary");
  await expect(summary).toContainText("Reason category:");
  await expect(summary).toContainText("Reason:");
  await review(page, "initiative-return-errors");
  await form.getByLabel("Reason category").selectOption({ label: "Cost not justified" });
  await form.getByLabel("Reason", { exact: true }).fill(reason);
  await form.getByRole("button", { name: "Return for changes" }).click();
  await expect(page).toHaveURL(/\?done=REQUEST_CHANGES$/);
  await expect(page.getByRole("status")).toHaveText("Done: Changes requested.");
  await expect(stageTag(page)).toHaveText("Returned for changes");
  await expect(page.getByRole("form", { name: /^Your decision for the/ })).toHaveCount(0);

  // The officer reads why, revises the cost and a milestone, and resubmits.
  await switchUser(page, "itb");
  await openInitiative(page, ref);
  await expect(stageTag(page)).toHaveText("Returned for changes");
  const round1 = page.locator("article.round").filter({ has: page.getByRole("heading", { name: /^Round 1/ }) });
  await expect(round1).toContainText("Data Governance: Changes requested (Cost not justified)");
  await expect(round1).toContainText(reason);
  await review(page, "initiative-returned");
  await page.getByRole("link", { name: "Edit proposal" }).click();
  await expect(page.locator("h1")).toHaveText(`Edit proposal ${ref}`);
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await page.getByLabel("Non-recurrent cost (HK$)").fill("2,800,000");
  await page.getByLabel("Milestone 2", { exact: true }).fill("All districts live, in two phases");
  await page.getByLabel("Due date of milestone 2").fill("2027-12-15");
  await review(page, "proposal-revise");
  await page.getByRole("button", { name: "Resubmit for review" }).click();
  await expect(page).toHaveURL(new RegExp(`/initiatives/${ref}\\?done=RESUBMIT$`));
  await expect(page.getByRole("status")).toHaveText("Done: Resubmitted.");
  await expect(stageTag(page)).toHaveText("Efficiency review");

  // Round 2: both divisions must sign off again; what changed is listed against round 1.
  await expect(page.locator(".summary-list")).toContainText(/Round\s*2/);
  const signoffs = page.getByRole("table", { name: "This round" });
  await expect(signoffs.getByRole("row", { name: /Digital Government/ })).toContainText("Pending");
  await expect(signoffs.getByRole("row", { name: /Data Governance/ })).toContainText("Pending");
  const round2 = page.locator("article.round").filter({ has: page.getByRole("heading", { name: /^Round 2/ }) });
  await expect(round2).toContainText("Changed since round 1:");
  const changes = round2.locator("ul.changes");
  await expect(changes.getByRole("listitem").filter({ hasText: "Non-recurrent cost (HK$)" })).toHaveText(
    "Non-recurrent cost (HK$): HK$3,200,000 → HK$2,800,000",
  );
  await expect(changes.getByRole("listitem").filter({ hasText: "Milestones" })).toContainText(
    "All districts live (2027-11-30)",
  );
  await expect(changes.getByRole("listitem").filter({ hasText: "Milestones" }).locator("ins")).toContainText(
    "All districts live, in two phases (2027-12-15)",
  );
  await expect(changes.getByRole("listitem")).toHaveCount(2);
  await expect(round2).toContainText("No decisions yet.");
  // Round 1 keeps its decisions.
  await expect(round1).toContainText("Digital Government: Approved");
  await expect(page.getByRole("region", { name: "Audit timeline" })).toContainText("Resubmitted by");
  await review(page, "initiative-round-2");

  // Back in both queues, at round 2.
  for (const who of ["dg", "dgov"] as const) {
    await switchUser(page, who);
    await page.goto("/reviews");
    const row = rowOf(page, ref);
    await expect(row).toContainText(title);
    await expect(row.getByRole("cell").nth(3)).toHaveText("2");
  }
  await review(page, "reviews-queue-round-2");
  await logout(page);
});

import { expect, login, review, test, uniqueTitle } from "./fixtures.ts";
import { apiEvent, apiToken, openInitiative, rowOf, switchUser } from "./journeys.ts";

const DAY = 86_400_000;
/** A date `n` days from today (UTC is close enough to Hong Kong's day for dates this far apart). */
const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

test("a late project requests a change, the lead reviewer approves it, and it is green against baseline 2", async ({
  page,
}) => {
  // Into delivery through the JSON API: its first milestone is two months late, so it is red.
  const title = uniqueTitle("Smart lockers for returned library books");
  const request = page.request;
  const [itb, dg] = [await apiToken(request, "itb"), await apiToken(request, "dg")];
  const created = await request.post("/api/v1/initiatives", {
    headers: { Authorization: `Bearer ${itb}` },
    data: {
      titleEn: title,
      titleZh: "智能還書櫃",
      category: "E_SERVICE",
      leadDivision: "DIGITAL_GOVERNMENT",
      summary: "Return library books at smart lockers in MTR stations.",
      handlesPersonalData: false,
      sharesDataAcrossBureaux: false,
      needsNewInfrastructure: false,
      citizenFacing: true,
      nonRecurrentCost: 1_600_000,
      recurrentCost: 150_000,
      expectedAnnualSavings: 500_000,
      expectedStaffHoursSaved: 2_000,
      plannedStart: day(-240),
      plannedEnd: day(200),
      milestones: [
        { name: "Lockers installed", due: day(-60) },
        { name: "Service launched", due: day(180) },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { ref } = (await created.json()) as { ref: string };
  await apiEvent(request, itb, ref, { type: "SUBMIT" });
  await apiEvent(request, dg, ref, { type: "APPROVE" });
  expect((await apiEvent(request, dg, ref, { type: "APPROVE_FUNDING", amount: 1_600_000 })).stage).toBe("delivery");

  // The officer sees a seriously late project and asks to re-plan it.
  await login(page, "itb");
  await openInitiative(page, ref);
  const tags = page.locator("main .tags");
  await expect(tags).toContainText("Seriously late");
  const actions = page.getByRole("region", { name: "What you can do now" });
  const form = actions.getByRole("form", { name: "Request a change" });
  await form
    .getByLabel("Why the plan must change")
    .fill("The locker supplier went into liquidation; a new one was appointed.");
  await form.getByLabel("New planned end (optional)").fill(day(290));
  await form.getByLabel("Due date of milestone 1").fill(day(30));
  await form.getByLabel("Due date of milestone 2").fill(day(270));
  await form.getByLabel("New milestone", { exact: true }).fill("Pilot at two stations");
  await form.getByLabel("Due date of the new milestone").fill(day(120));
  await review(page, "change-request-form");
  await form.getByRole("button", { name: "Request a change" }).click();
  await expect(page).toHaveURL(/\?done=REQUEST_CHANGE$/);
  await expect(page.getByRole("status")).toHaveText("Done: Change requested.");
  // One at a time: no second request is offered while this one waits, and the plan still stands.
  await expect(actions.getByRole("form", { name: "Request a change" })).toHaveCount(0);
  await expect(actions.getByRole("form", { name: "Withdraw the change request" })).toHaveCount(1);
  await expect(tags).toContainText("Waiting for the lead division");
  await expect(tags).toContainText("Seriously late");

  // The lead reviewer approves it.
  await switchUser(page, "dg");
  await openInitiative(page, ref);
  const plan = page.getByRole("region", { name: "Plan, baselines and change requests" });
  await expect(plan.getByRole("row").filter({ hasText: "Waiting for the lead division" })).toHaveCount(1);
  const approve = actions.getByRole("form", { name: "Approve the change" });
  await approve.getByLabel("Comment (optional)").fill("A new supplier is a fair reason.");
  await review(page, "change-request-decision");
  await approve.getByRole("button", { name: "Approve the change" }).click();
  await expect(page).toHaveURL(/\?done=APPROVE_CHANGE$/);

  // Green against baseline 2, with the slippage against baseline 1 on the page.
  await expect(tags).toContainText("On track");
  await expect(tags).toContainText("Baseline 2");
  await expect(plan).toContainText("Health is measured against baseline 2.");
  await expect(plan.getByRole("columnheader", { name: "Baseline 2 (current)" })).toBeVisible();
  await expect(plan.getByTestId("slippage")).toHaveText("90 days");
  await expect(plan.getByRole("row").filter({ hasText: "Approved" })).toContainText("A new supplier is a fair reason.");
  await review(page, "change-request-approved");

  // Leadership's dashboard shows its slippage.
  await switchUser(page, "leader");
  await page.goto("/dashboard");
  const replanning = page.getByRole("region", { name: "Re-planning" });
  await expect(rowOf(page, ref)).toHaveCount(1);
  await expect(replanning.getByTestId(`slippage-${ref}`)).toHaveText("90");
  await replanning.scrollIntoViewIfNeeded();
  await review(page, "dashboard-replanning");

  // The same pages in Traditional Chinese.
  await page.getByRole("button", { name: /繁體中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant-HK");
  await expect(page.getByRole("region", { name: "重訂計劃" })).toBeVisible();
  await review(page, "dashboard-replanning-zh");
  await openInitiative(page, ref);
  await expect(page.getByRole("region", { name: "計劃、基線及變更申請" }).getByTestId("slippage")).toHaveText("90 日");
  await review(page, "change-request-approved-zh");
});

import { checkA11y, expect, login, review, test, uniqueTitle } from "./fixtures.ts";
import { apiEvent, apiToken, rowOf, switchUser } from "./journeys.ts";

// Three bids for 2027-28 that only Digital Government must sign off, within the business-case threshold.
const BIDS = [
  { title: "Smart meter data for public housing", cost: 9_000_000 },
  { title: "Library self-checkout everywhere", cost: 8_000_000 },
  { title: "Online booking of sports venues", cost: 5_000_000 },
];

test("leadership opens a funding round, the lead division scores the bids, leadership moves one across the line and finalises", async ({
  page,
  request,
}) => {
  // The bids reach funding review through the API (the lifecycle journeys cover the pages of that part).
  const itb = await apiToken(request, "itb");
  const dg = await apiToken(request, "dg");
  const refs: string[] = [];
  for (const bid of BIDS) {
    const created = await request.post("/api/v1/initiatives", {
      headers: { Authorization: `Bearer ${itb}` },
      data: {
        titleEn: uniqueTitle(bid.title),
        titleZh: "撥款輪次測試",
        category: "E_SERVICE",
        leadDivision: "DIGITAL_GOVERNMENT",
        summary: "A bid of the 2027-28 funding round.",
        handlesPersonalData: false,
        sharesDataAcrossBureaux: false,
        needsNewInfrastructure: false,
        citizenFacing: false,
        nonRecurrentCost: bid.cost,
        recurrentCost: 500_000,
        expectedAnnualSavings: 1_000_000,
        expectedStaffHoursSaved: 2_000,
        plannedStart: "2027-06-01",
        plannedEnd: "2028-12-31",
        milestones: [{ name: "Live", due: "2028-06-30" }],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const ref = ((await created.json()) as { ref: string }).ref;
    await apiEvent(request, itb, ref, { type: "SUBMIT" });
    await apiEvent(request, dg, ref, { type: "APPROVE" });
    refs.push(ref);
  }
  const [nine, eight, five] = refs as [string, string, string];

  // Leadership opens the round from the list of rounds.
  await login(page, "leader");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Funding rounds" }).click();
  await expect(page.locator("h1")).toHaveText("Funding rounds");
  await expect(rowOf(page, "2026-27")).toContainText("Open");
  await expect(rowOf(page, "2025-26")).toContainText("Finalised");
  const open = page.getByRole("region", { name: "Open a funding round" });
  await open.getByLabel("Financial year").fill("2027-28");
  await open.getByLabel("Envelope (HK$)").fill("15,000,000");
  await open.getByLabel("Bid deadline").fill("2028-02-28");
  await open.getByLabel("Decision date").fill("2028-02-27");
  await open.getByRole("button", { name: "Open the round" }).click();
  // The decision date before the deadline is refused beside the field; nothing is opened.
  await expect(page.locator(".error-summary")).toContainText("cannot be before the bid deadline");
  await open.getByLabel("Decision date").fill("2028-03-15");
  await open.getByRole("button", { name: "Open the round" }).click();
  await expect(page).toHaveURL(/\/funding-rounds\/2027-28\?opened=1$/);
  await expect(page.getByRole("status")).toHaveText("The 2027-28 funding round is open.");
  const table = page.getByRole("table", { name: "Bids by rank, with the cut line where the envelope runs out" });
  for (const ref of refs) await expect(rowOf(page, ref)).toContainText("Not scored");
  await expect(page.getByText("3 bids are not yet scored.")).toBeVisible();

  // The lead division's reviewer scores each bid; the order of merit is the order of the list.
  await switchUser(page, "dg");
  const marks: Record<string, string> = { [nine]: "5", [eight]: "4", [five]: "3" };
  for (const ref of refs) {
    await page.goto("/funding-rounds/2027-28");
    await rowOf(page, ref)
      .getByRole("link", { name: `Score ${ref}` })
      .click();
    await expect(page.locator("h1")).toHaveText(`Score bid ${ref}`);
    for (const field of await page.getByLabel("Score (1–5)").all()) await field.fill(marks[ref]!);
    await page.getByLabel("Comment").first().fill("Clear benefits for the cost.");
    if (ref === nine) await checkA11y(page, "score a bid");
    await page.getByRole("button", { name: "Save score" }).click();
    await expect(page.getByRole("status")).toContainText(`Your score of ${ref} is saved`);
  }

  // The line falls after the first bid (HK$9M of HK$15M); the HK$5M bid still fits in what is left.
  await switchUser(page, "leader");
  await page.goto("/funding-rounds/2027-28");
  await expect(
    page.getByText("Above the line: HK$9,000,000 of the HK$15,000,000 envelope; HK$6,000,000 left."),
  ).toBeVisible();
  await expect(rowOf(page, nine)).toContainText("Above the line");
  await expect(rowOf(page, eight)).toContainText("Below the line");
  await expect(rowOf(page, five)).toContainText("Fits in the remainder");
  await expect(table).toBeVisible();
  await checkA11y(page, "funding round");
  await review(page, "funding-round-open");

  // Moving the HK$8M bid above the line would exceed the envelope: refused, with the amounts.
  await rowOf(page, eight).getByLabel(`Reason for moving ${eight}`).fill("Minister's priority");
  await rowOf(page, eight)
    .getByRole("button", { name: `Move above the line ${eight}` })
    .click();
  await expect(page.getByRole("alert")).toContainText(
    "The bids above the line would ask for HK$17,000,000, more than the HK$15,000,000 envelope.",
  );
  await rowOf(page, five).getByLabel(`Reason for moving ${five}`).fill("Ready to start and fits the envelope");
  await rowOf(page, five)
    .getByRole("button", { name: `Move above the line ${five}` })
    .click();
  await expect(page.getByRole("status")).toHaveText(`${five} moved. The reason is recorded.`);
  await expect(rowOf(page, five)).toContainText("Moved by leadership: Ready to start and fits the envelope");

  // Finalising funds the two bids above the line and shelves the other, each as its own decision.
  await page.getByRole("button", { name: "Finalise the 2027-28 round" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "The 2027-28 round is finalised: 2 funded (HK$14,000,000), 1 shelved, 0 referred to the Finance Committee.",
  );
  await expect(rowOf(page, nine)).toContainText("Funded");
  await expect(rowOf(page, five)).toContainText("Funded");
  await expect(rowOf(page, eight)).toContainText("Shelved");
  await expect(page.getByRole("button", { name: /Finalise/ })).toHaveCount(0);

  // The officer sees the outcome on their proposal: shelved for funding priority, in its audit trail.
  await switchUser(page, "itb");
  await page.goto(`/initiatives/${eight}`);
  await expect(page.locator("main .tags .tag").first()).toHaveText("Deferred");
  await page.goto("/funding-rounds/2027-28");
  await expect(rowOf(page, eight)).toContainText("Shelved");
});

import { expect, login, logout, review, test, uniqueTitle } from "./fixtures.ts";
import { apiEvent, apiToken, openInitiative, stageTag, switchUser } from "./journeys.ts";

test("delivery: milestones, the condition met, completion, realised benefits and closure", async ({ page }) => {
  // Up to delivery through the JSON API: a citizen-facing e-service led by Digital Government alone,
  // approved with one condition and funded within the limit.
  const title = uniqueTitle("e-Appointment booking for district offices");
  const request = page.request;
  const [itb, dg] = [await apiToken(request, "itb"), await apiToken(request, "dg")];
  const created = await request.post("/api/v1/initiatives", {
    headers: { Authorization: `Bearer ${itb}` },
    data: {
      titleEn: title,
      titleZh: "地區辦事處電子預約",
      category: "E_SERVICE",
      leadDivision: "DIGITAL_GOVERNMENT",
      summary: "Residents book district office appointments online instead of queueing.",
      handlesPersonalData: false,
      sharesDataAcrossBureaux: false,
      needsNewInfrastructure: false,
      citizenFacing: true,
      nonRecurrentCost: 1_800_000,
      recurrentCost: 200_000,
      expectedAnnualSavings: 600_000,
      expectedStaffHoursSaved: 3_000,
      plannedStart: "2026-06-01",
      plannedEnd: "2027-06-30",
      milestones: [
        { name: "Booking system built", due: "2026-12-31" },
        { name: "All district offices live", due: "2027-05-31" },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { ref } = (await created.json()) as { ref: string };
  await apiEvent(request, itb, ref, { type: "SUBMIT" });
  await apiEvent(request, dg, ref, {
    type: "APPROVE_WITH_CONDITIONS",
    conditions: [{ text: "Publish the accessibility statement of the booking site.", due: "2027-04-30" }],
  });
  expect((await apiEvent(request, dg, ref, { type: "APPROVE_FUNDING", amount: 1_800_000 })).stage).toBe("delivery");

  await login(page, "itb");
  await openInitiative(page, ref);
  await expect(stageTag(page)).toHaveText("Delivery");
  const actions = page.getByRole("region", { name: "What you can do now" });
  const milestones = page.getByRole("region", { name: "Milestones" });
  const conditions = page.getByRole("region", { name: "Conditions", exact: true });
  await expect(conditions).toContainText("Open");
  await expect(actions.getByRole("form", { name: "Declare delivery complete" })).toHaveCount(0);
  await review(page, "initiative-delivery");

  // Each milestone reported done, with its date.
  for (const [name, due, date] of [
    ["Booking system built", "2026-12-31", "2026-11-02"],
    ["All district offices live", "2027-05-31", "2026-11-20"],
  ] as const) {
    const report = actions.getByRole("form", { name: "Report a milestone done" });
    await report.getByLabel("Milestone").selectOption({ label: `${name} (${due})` });
    await report.getByLabel("Date done").fill(date);
    await report.getByRole("button", { name: "Report a milestone done" }).click();
    await expect(page).toHaveURL(/\?done=REPORT_PROGRESS$/);
    await expect(page.getByRole("status")).toHaveText("Done: Milestone reported done.");
    await expect(milestones.getByRole("row", { name: new RegExp(name) })).toContainText("Done");
  }
  await expect(milestones.getByRole("row", { name: /Booking system built/ })).toContainText("Done 2 Nov 2026");
  await expect(actions.getByRole("form", { name: "Report a milestone done" })).toHaveCount(0);

  // Every milestone is done, but the condition is open: completion is not offered, and refused if sent.
  await expect(actions.getByRole("form", { name: "Declare delivery complete" })).toHaveCount(0);
  const refused = await request.post(`/api/v1/initiatives/${ref}/events`, {
    headers: { Authorization: `Bearer ${itb}` },
    data: { type: "COMPLETE" },
  });
  expect(refused.status()).toBe(422);
  await review(page, "initiative-milestones-done");

  // Delivery can be put on hold and resumed, with reasons.
  const pause = actions.getByRole("form", { name: "Put delivery on hold" });
  await pause.getByLabel("Reason category").selectOption({ label: "Funding priority" });
  await pause.getByLabel("Reason", { exact: true }).fill("Waiting for the contractor's accessibility audit slot.");
  await pause.getByRole("button", { name: "Put delivery on hold" }).click();
  await expect(page).toHaveURL(/\?done=PAUSE$/);
  await expect(page.locator("main .tags")).toContainText("On hold");
  const resume = actions.getByRole("form", { name: "Resume delivery" });
  await resume.getByLabel("Reason").fill("Audit slot confirmed.");
  await resume.getByRole("button", { name: "Resume delivery" }).click();
  await expect(page).toHaveURL(/\?done=RESUME$/);
  await expect(page.locator("main .tags")).not.toContainText("On hold");

  // The condition met with evidence; now completion is offered.
  const meet = actions.getByRole("form", { name: "Meet a condition" });
  await expect(meet.getByLabel("Condition", { exact: true })).toContainText(
    "Publish the accessibility statement of the booking site.",
  );
  await meet
    .getByLabel("Evidence that the condition is met")
    .fill("Statement published at https://www.example.gov.hk/accessibility on 25 Nov 2026.");
  await meet.getByRole("button", { name: "Meet a condition" }).click();
  await expect(page).toHaveURL(/\?done=MEET_CONDITION$/);
  await expect(page.getByRole("status")).toHaveText("Done: Condition met.");
  await expect(conditions).toContainText("Met");
  await expect(conditions).toContainText("Evidence: Statement published at https://www.example.gov.hk/accessibility");
  const complete = actions.getByRole("form", { name: "Declare delivery complete" });
  await expect(complete).toContainText("Every milestone is done and every condition met.");
  await complete.getByRole("button", { name: "Declare delivery complete" }).click();
  await expect(page).toHaveURL(/\?done=COMPLETE$/);
  await expect(stageTag(page)).toHaveText("Benefits review");

  // Realised benefits.
  const benefits = actions.getByRole("form", { name: "Report realised benefits" });
  await benefits.getByLabel("Realised annual savings (HK$)").fill("650,000");
  await benefits.getByLabel("Realised staff hours saved a year").fill("3200");
  await benefits.getByLabel("Note").fill("Queues at the counters fell by two thirds in the first quarter.");
  await benefits.getByRole("button", { name: "Report realised benefits" }).click();
  await expect(page).toHaveURL(/\?done=REPORT_BENEFITS$/);
  const details = page.locator(".summary-list");
  await expect(details).toContainText("Realised annual savings");
  await expect(details).toContainText("HK$650,000");
  await expect(details).toContainText("3,200");
  // Closing belongs to the lead division.
  await expect(actions.getByRole("form", { name: "Close after benefits review" })).toHaveCount(0);
  await review(page, "initiative-benefits-reported");

  // The lead reviewer closes it.
  await switchUser(page, "dg");
  await openInitiative(page, ref);
  await expect(stageTag(page)).toHaveText("Benefits review");
  const close = page.getByRole("form", { name: "Close after benefits review" });
  await close.getByLabel("Note (optional)").fill("Benefits realised as planned.");
  await close.getByRole("button", { name: "Close after benefits review" }).click();
  await expect(page).toHaveURL(/\?done=CLOSE$/);
  await expect(page.getByRole("status")).toHaveText("Done: Closed.");
  await expect(stageTag(page)).toHaveText("Closed");
  await expect(page.getByRole("region", { name: "What you can do now" })).toContainText(
    "There is nothing for you to do",
  );
  const audit = page.getByRole("region", { name: "Audit timeline" });
  for (const entry of [
    "Milestone reported done by",
    "Condition met by",
    "Delivery completed by",
    "Realised benefits reported by",
    "Closed by",
  ]) {
    await expect(audit).toContainText(entry);
  }
  await expect(page.getByRole("img", { name: /Lifecycle/ })).toBeVisible();
  await review(page, "initiative-closed");
  await logout(page);
});

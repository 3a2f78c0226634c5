import { expect, review, test, uniqueTitle, login } from "./fixtures.ts";
import { signOff, stageTag, submitProposal, switchUser } from "./journeys.ts";
import type { Page } from "@playwright/test";

/** The unread count in the header (0 when the badge shows none). */
async function unread(page: Page): Promise<number> {
  const badge = page.getByTestId("notification-badge").locator(".badge");
  return (await badge.count()) === 0 ? 0 : Number(await badge.getAttribute("data-unread"));
}

test("an officer submits; the reviewer sees the unread count rise, opens the notification and decides", async ({
  page,
}) => {
  await login(page, "dgov");
  const before = await unread(page);

  const title = uniqueTitle("Notified proposal");
  await switchUser(page, "itb");
  const ref = await submitProposal(page, title);

  // (The scheduler may add reminders meanwhile: the count rises by at least the new proposal.)
  await switchUser(page, "dgov");
  const risen = await unread(page);
  expect(risen).toBeGreaterThan(before);
  await page.getByTestId("notification-badge").click();
  await expect(page.locator("h1")).toHaveText("Notifications");
  const item = page.getByRole("listitem").filter({ hasText: ref });
  await expect(item).toContainText(`${ref} awaits Data Governance's review (round 1).`);
  await expect(item).toContainText("Unread");
  await review(page, "notifications-centre");

  // Opening it marks it read: the count on the next page is one less than just before (taken here, so that
  // a reminder the scheduler adds while the centre is checked does not count).
  const beforeOpening = await unread(page);
  await item.getByRole("button", { name: `Open ${ref}` }).click();
  await expect(page).toHaveURL(new RegExp(`/initiatives/${ref}$`));
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  expect(await unread(page)).toBe(beforeOpening - 1);
  await signOff(page);
  await expect(stageTag(page)).toHaveText("Efficiency review");

  // Marking all read empties the count on every page.
  await page.goto("/notifications");
  if ((await unread(page)) > 0) {
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await expect(page.getByRole("status")).toHaveText("All notifications are marked as read.");
  }
  await expect(page.getByTestId("notification-badge").locator(".badge")).toHaveCount(0);
  await page.goto("/reviews");
  await expect(page.getByTestId("notification-badge").locator(".badge")).toHaveCount(0);
});

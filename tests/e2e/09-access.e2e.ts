import { expect, login, logout, review, test, type Account } from "./fixtures.ts";

async function firstRefOfStage(page: import("@playwright/test").Page, stage: string) {
  await page.goto(`/initiatives?stage=${stage}`);
  return (await page.locator("table tbody tr td a").first().textContent())!.trim();
}

test("each role is refused where it must be, on the server", async ({ page }) => {
  // An ITB officer's draft and an ITB initiative in review.
  await login(page, "itb");
  const draft = await firstRefOfStage(page, "draft");
  const inReview = await firstRefOfStage(page, "efficiencyReview");
  await logout(page);

  const expectStatus = async (path: string, status: number) => {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(status);
  };

  // Another B/D's officer: the initiatives do not exist for them, in pages and the CSV.
  await login(page, "immd");
  await expectStatus(`/initiatives/${draft}`, 404);
  await expect(page.locator("h1")).toHaveText("Page not found");
  await review(page, "not-found");
  await expectStatus(`/initiatives/${inReview}`, 404);
  await expectStatus(`/initiatives/${inReview}/edit`, 404);
  await expectStatus("/dashboard", 403);
  await expectStatus("/admin", 403);
  const csv = await page.request.get("/initiatives/export.csv");
  expect(await csv.text()).not.toContain(inReview);
  await logout(page);

  // A reviewer sees submitted initiatives but not drafts, and cannot propose or administer.
  await login(page, "dg");
  await expectStatus(`/initiatives/${inReview}`, 200);
  await expectStatus(`/initiatives/${draft}`, 404);
  await expectStatus("/initiatives/new", 403);
  await expect(page.locator("h1")).toHaveText("You cannot see this page");
  await review(page, "forbidden");
  await expectStatus("/admin", 403);
  await logout(page);

  // An administrator has no workflow powers and sees no initiatives.
  await login(page, "admin");
  await expectStatus("/initiatives", 403);
  await expectStatus(`/initiatives/${inReview}`, 403);
  await expectStatus("/initiatives/export.csv", 403);
  await expectStatus("/admin", 200);
  await review(page, "admin");
  await logout(page);

  // Nobody signed in: sent to sign in, and back afterwards.
  await page.goto(`/initiatives/${inReview}`);
  await expect(page).toHaveURL(new RegExp(`/login\\?redirectTo=%2Finitiatives%2F${inReview}`));
  await review(page, "login");
  await expectStatus("/no-such-page", 404);
});

test("signing out ends the session for good", async ({ page, context }) => {
  await login(page, "leader" as Account);
  const cookies = await context.cookies();
  await logout(page);
  await context.addCookies(cookies);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

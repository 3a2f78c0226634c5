// Single sign-on through a real OpenID provider (oidc-provider, started beside the app by
// start-server.mjs), without JavaScript: a mapped group lands on its division's queue, an unmapped user
// only waits for access, sign-out ends both sessions, and a forged state, a replayed code and an
// expired ID token are refused.
import type { Page } from "@playwright/test";
import { expect, review, test } from "./fixtures.ts";

test.use({ javaScriptEnabled: false });

// The provider's development pages link a web font from the internet, which this machine cannot reach:
// answer such requests with nothing rather than let them fail in the console.
test.beforeEach(async ({ context }) => {
  await context.route(
    (url) => url.hostname !== "127.0.0.1" && url.hostname !== "localhost",
    (route) => route.fulfill({ status: 200, contentType: "text/css", body: "" }),
  );
});

const APP_PORT = Number(process.env.E2E_PORT ?? 3400);
const PROVIDER = `http://127.0.0.1:${process.env.E2E_OIDC_PORT ?? APP_PORT + 1}`;

/** From the sign-in page through the provider's own login and consent forms. */
async function signInAtProvider(page: Page, login: string) {
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with your government account" }).click();
  await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password at the test provider");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // Consent once per account and session at the provider.
  const consent = page.getByRole("button", { name: "Continue" });
  if (await consent.isVisible().catch(() => false)) await consent.click();
}

/** The header's sign-out, then the provider's own confirmation. */
async function signOutEverywhere(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/`));
  await page.getByRole("button", { name: /Yes, sign me out/ }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  await expect(page.getByRole("status")).toHaveText("You have signed out.");
}

// Long journeys on a busy machine: each step has its own expectation timeout; this bounds the whole.
test.describe.configure({ timeout: 300_000 });

test("single sign-on with the government account", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("link", { name: "Sign in with your government account" })).toBeVisible();
  await review(page, "sign-in-with-provider");

  // A Digital Government reviewer by group: their division's queue.
  await signInAtProvider(page, "dg.reviewer");
  await expect(page).toHaveURL(/\/reviews$/);
  await expect(page.locator("h1")).toHaveText("Review queue");
  await expect(page.locator(".site-header__user")).toContainText("Division reviewer");

  // Sign-out ends the session here and at the provider: the provider asks for a login again.
  await signOutEverywhere(page);
  expect((await page.goto("/reviews"))?.url()).toMatch(/\/login\?redirectTo=/);
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with your government account" }).click();
  await expect(page.locator('input[name="login"]')).toBeVisible();

  // No mapped group: signed in, but nothing to see until an administrator grants a role.
  await page.locator('input[name="login"]').fill("newcomer");
  await page.locator('input[name="password"]').fill("any password at the test provider");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/awaiting-access$/);
  await expect(page.locator("h1")).toHaveText("Awaiting access");
  await review(page, "awaiting-access");
  for (const path of ["/initiatives", "/initiatives/new", "/reviews", "/dashboard", "/account", "/admin"]) {
    expect((await page.goto(path))?.status(), path).toBe(403);
  }
  expect((await page.request.get("/initiatives/export.csv")).status()).toBe(403);
  await page.goto("/awaiting-access");
  await signOutEverywhere(page);
});

test("a forged state, a replayed code and an expired ID token are refused", async ({ page, context }) => {
  // A real sign-in, noting what a thief of the browser's traffic would have: the flow's cookie (read at
  // the provider's login page, before the callback spends it) and the callback URL with its code.
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with your government account" }).click();
  await expect(page.locator('input[name="login"]')).toBeVisible();
  const flowCookies = (await context.cookies()).filter((c) => c.name.endsWith("it_oidc"));
  expect(flowCookies).toHaveLength(1);
  const callback = page.waitForRequest(/\/auth\/oidc\/callback\?/);
  await page.locator('input[name="login"]').fill("dg.reviewer");
  await page.locator('input[name="password"]').fill("any password at the test provider");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  if (await consent.isVisible().catch(() => false)) await consent.click();
  const callbackUrl = (await callback).url();
  await expect(page).toHaveURL(/\/reviews$/);
  await signOutEverywhere(page);

  // Forged state: the same answer with another state than the one the flow's cookie holds.
  await context.addCookies(flowCookies);
  const forged = new URL(callbackUrl);
  forged.searchParams.set("state", "forged-by-an-attacker");
  expect((await page.goto(forged.href))?.status()).toBe(400);
  await expect(page.locator("h1")).toHaveText("Sign-in did not complete");
  await review(page, "sign-in-refused");
  expect((await page.goto("/reviews"))?.url()).toMatch(/\/login\?redirectTo=/);

  // Replayed code: the callback exactly as it was, cookie and all; the provider refuses the code again.
  await context.addCookies(flowCookies);
  expect((await page.goto(callbackUrl))?.status()).toBe(400);
  await expect(page.locator("h1")).toHaveText("Sign-in did not complete");
  expect((await page.goto("/reviews"))?.url()).toMatch(/\/login\?redirectTo=/);

  // Expired ID token: the provider's clock runs an hour behind for the next token response.
  expect((await page.request.post(`${PROVIDER}/__test/expire-next-id-token`)).status()).toBe(204);
  await signInAtProvider(page, "dg.reviewer");
  await expect(page.locator("h1")).toHaveText("Sign-in did not complete");
  expect((await page.goto("/reviews"))?.url()).toMatch(/\/login\?redirectTo=/);
});

// Account upkeep and two-step verification in the browser: an administrator imports users from CSV (a
// bad row first: nothing written), issues a reset link that works once, adds and retires a B/D; the new
// administrator turns on TOTP and then cannot sign in without a code. Every page is checked with axe.
import { generateTOTP } from "@epic-web/totp";
import { expect, login, logout, review, test } from "./fixtures.ts";

const NEW_ADMIN = `admin.${Date.now().toString(36)}@dpo.gov.hk`;
const NEW_PASSWORD = "Tai-Mo-Shan-Mist-Lantern-88";

// Long journeys on a busy machine: each step has its own expectation timeout; this bounds the whole.
test.describe.configure({ timeout: 300_000 });

test("an administrator keeps accounts and B/Ds; a new administrator signs in with a second step", async ({
  page,
  browser,
}) => {
  await login(page, "admin");
  await page.goto("/admin/users");
  await expect(page.locator("h1")).toHaveText("Users");
  await review(page, "admin-users");
  await page.getByLabel("Role").selectOption("OFFICER");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("cell", { name: "officer.itb@demo.gov.hk" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "reviewer.dg@demo.gov.hk" })).toHaveCount(0);

  // CSV import: one bad row, and nothing is written; then the corrected file.
  await page.goto("/admin/users/import");
  const bad = `email,name,role,unit\n${NEW_ADMIN},Chow Ka Po,ADMIN,\nnot-an-address,Bad Row,OFFICER,ITIB`;
  await page.getByLabel("CSV").fill(bad);
  await page.getByRole("button", { name: "Import the users" }).click();
  await expect(page.getByRole("alert")).toContainText("1 lines have problems: nothing was written");
  await expect(page.getByText("Line 3: The e-mail address is not valid.")).toBeVisible();
  await review(page, "admin-import-bad-row");
  await page.getByLabel("CSV").fill(`email,name,role,unit\n${NEW_ADMIN},Chow Ka Po,ADMIN,`);
  await page.getByRole("button", { name: "Import the users" }).click();
  await expect(page.getByRole("status")).toContainText("1 users were imported.");

  // A reset link for the imported administrator, shown once.
  await page.goto("/admin/users?role=ADMIN");
  await page.getByRole("link", { name: "Chow Ka Po" }).click();
  await page.getByRole("button", { name: "Issue a reset link" }).click();
  const link = (await page.locator("code.reset-link").textContent())!.trim();
  await review(page, "admin-user-reset-link");

  // B/Ds: add one and retire it; it is offered in no form afterwards.
  await page.goto("/admin/bureaux");
  await page.getByLabel("Code", { exact: true }).fill("E2ED");
  await page.getByLabel("English name").last().fill("End-to-End Testing Department");
  await page.getByLabel("Chinese name").last().fill("端對端測試署");
  await page.getByRole("button", { name: "Add a bureau or department" }).click();
  await expect(page.getByRole("status")).toHaveText("E2ED was added.");
  await page.getByRole("button", { name: "Retire E2ED" }).click();
  await expect(page.getByRole("status")).toContainText("E2ED was retired.");
  await review(page, "admin-bureaux");
  await page.goto("/admin");
  await expect(page.locator("#bureauCode option[value=E2ED]")).toHaveCount(0);
  await page.goto("/admin/sign-in");
  await review(page, "admin-sign-in-settings");
  await logout(page);

  // The link works once, in another browser.
  const other = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const stranger = await other.newPage();
  await stranger.goto(link);
  await stranger.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await stranger.getByLabel("New password again").fill(NEW_PASSWORD);
  await stranger.getByRole("button", { name: "Save the password" }).click();
  await expect(stranger).toHaveURL(/\/login\?reset=1$/);
  const again = await stranger.goto(link);
  expect(again?.status()).toBe(410);
  await expect(stranger.locator(".lead")).toHaveText(
    "This link has expired or has already been used. Ask an administrator for a new one.",
  );
  await other.close();

  // The new administrator turns on two-step verification.
  const signInWithPassword = async () => {
    await page.goto("/login");
    await page.getByLabel("Email address").fill(NEW_ADMIN);
    await page.getByLabel(/^Password$/).fill(NEW_PASSWORD);
    await page.locator("main").getByRole("button", { name: "Sign in" }).click();
  };
  await signInWithPassword();
  await expect(page.locator("h1")).toHaveText("Welcome, Chow Ka Po");
  await page.goto("/account/mfa");
  await page.getByRole("button", { name: "Set up two-step verification" }).click();
  await review(page, "account-mfa-enrol");
  const secret = (await page.locator("code.secret").textContent())!.replace(/\s/g, "");
  const code = async () => (await generateTOTP({ secret, algorithm: "SHA-1", period: 30, digits: 6 })).otp;
  await page.getByLabel("Code", { exact: true }).fill(await code());
  await page.getByRole("button", { name: "Turn on two-step verification" }).click();
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  const recovery = (await page.locator(".recovery-codes code").allTextContents()).map((c) => c.trim());
  expect(recovery).toHaveLength(10);
  await logout(page);

  // Password alone is not enough; a wrong code is refused, a right one signs in; a recovery code once.
  await signInWithPassword();
  await expect(page).toHaveURL(/\/login\/mfa$/);
  await page.getByLabel("Code", { exact: true }).fill("000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("The code is not right.");
  await review(page, "login-mfa");
  expect((await page.goto("/admin"))?.url()).toMatch(/\/login\?redirectTo=/);
  await signInWithPassword();
  await page.getByLabel("Code", { exact: true }).fill(recovery[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("h1")).toHaveText("Welcome, Chow Ka Po");
  await logout(page);
  await signInWithPassword();
  await page.getByLabel("Code", { exact: true }).fill(recovery[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("The code is not right.");
  await page.getByLabel("Code", { exact: true }).fill(await code());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("h1")).toHaveText("Welcome, Chow Ka Po");

  // Personal API tokens on the account.
  await page.goto("/account/tokens");
  await page.getByLabel("Name").fill("Nightly export");
  await page.getByRole("button", { name: "Create the token" }).click();
  const token = (await page.locator(".notice code.secret").textContent())!.trim();
  const api = await page.request.get("/api/v1/initiatives", { headers: { Authorization: `Bearer ${token}` } });
  expect(api.status()).toBe(200);
  await review(page, "account-tokens");
  await page.getByRole("button", { name: "Revoke Nightly export" }).click();
  await expect(page.getByRole("status")).toHaveText("The token was revoked.");
  const revoked = await page.request.get("/api/v1/initiatives", { headers: { Authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(401);
});

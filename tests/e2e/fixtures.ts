// Shared pieces of the browser journeys: sign-in as a demo account, an accessibility check with axe,
// and a screenshot of each main page for review (saved under tests/e2e/screenshots, git-ignored).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect, type Page } from "@playwright/test";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "screenshots");

export const PASSWORD = "hk-digital-2026";
export const ACCOUNTS = {
  itb: "officer.itb@demo.gov.hk",
  immd: "officer.immd@demo.gov.hk",
  dg: "reviewer.dg@demo.gov.hk",
  dgov: "reviewer.dgov@demo.gov.hk",
  di: "reviewer.di@demo.gov.hk",
  leader: "leader@demo.gov.hk",
  admin: "admin@demo.gov.hk",
} as const;
export type Account = keyof typeof ACCOUNTS;

/** Signs in through the sign-in form and waits for the home page. */
export async function login(page: Page, who: Account) {
  await page.goto("/login");
  await page.getByLabel(/Email address|電郵地址/).fill(ACCOUNTS[who]);
  await page.getByLabel(/^(Password|密碼)$/).fill(PASSWORD);
  await page
    .locator("main")
    .getByRole("button", { name: /Sign in|登入/ })
    .click();
  await expect(page.locator("h1")).toContainText(/Welcome|歡迎/);
}

/** Signs out through the header's form. */
export async function logout(page: Page) {
  await page.getByRole("button", { name: /Sign out|登出/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

/**
 * Runs axe on the page and fails on any serious or critical violation (WCAG 2.1 A and AA rules). A page
 * seen without JavaScript cannot run axe itself: its HTML, scripts removed, is checked in a second,
 * script-enabled page of the same site instead.
 */
export async function checkA11y(page: Page, label: string) {
  let target = page;
  let scratch: Page | null = null;
  if (!(await javaScriptEnabled(page))) {
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
    const browser = page.context().browser()!;
    const context = await browser.newContext({ baseURL: new URL(page.url()).origin, javaScriptEnabled: true });
    scratch = await context.newPage();
    await scratch.goto("/healthz");
    await scratch.setContent(html, { waitUntil: "load" });
    target = scratch;
  }
  try {
    return await runAxe(target, label);
  } finally {
    await scratch?.context().close();
  }
}

async function javaScriptEnabled(page: Page): Promise<boolean> {
  // The app marks <html data-hydrated> once React runs; without JavaScript the mark never appears.
  return (await page.locator("html[data-hydrated]").count()) > 0;
}

async function runAxe(page: Page, label: string) {
  // Evaluated through the DevTools protocol, which the page's strict Content-Security-Policy allows;
  // a <script> tag would (rightly) be refused.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  });
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, `${label}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

/** Saves a full-page screenshot for people to look at. */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Checks the page is accessible and keeps a screenshot of it. */
export async function review(page: Page, name: string) {
  await checkA11y(page, name);
  await shot(page, name);
}

/** A title unique to this run, so journeys never trip over each other's initiatives. */
export function uniqueTitle(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}`;
}

/**
 * Every journey also fails on a browser console error or an uncaught exception (a CSP violation, a
 * hydration error, a failed request the page did not expect).
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (m) => {
        // Expected refusals (4xx answers to form posts) are part of the journeys.
        if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await use(errors);
      expect(errors, "console errors during the journey").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

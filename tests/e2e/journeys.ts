// Steps that several journeys take the same way, through the English UI with JavaScript on.
import type { APIRequestContext, Page } from "@playwright/test";
import { ACCOUNTS, PASSWORD, expect, login, logout, type Account } from "./fixtures.ts";
import { fillCompleteProposal } from "./proposal.ts";

/**
 * The ITB officer (signed in already) writes a complete proposal and submits it from the new-proposal
 * page; returns its reference. Digital Government leads; Data Governance must sign off too.
 */
export async function submitProposal(
  page: Page,
  title: string,
  overrides: { nonRecurrentCost?: string; titleZh?: string } = {},
) {
  await page.goto("/initiatives/new");
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await page.getByLabel("Title in English").fill(title);
  await fillCompleteProposal(page, overrides);
  // Above HK$10,000,000 a business case must be attached first: save, attach, then submit.
  if (Number((overrides.nonRecurrentCost ?? "0").replace(/,/g, "")) > 10_000_000) {
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("status")).toHaveText("Draft saved.");
    const ref = new URL(page.url()).pathname.split("/")[2]!;
    await page.goto(`/initiatives/${ref}`);
    await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
    const section = page.getByRole("region", { name: "Attachments" });
    await section.getByLabel("Kind of document").selectOption("BUSINESS_CASE");
    await section.getByLabel("File", { exact: true }).setInputFiles({
      name: "business-case.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
    });
    await section.getByRole("button", { name: "Attach" }).click();
    await expect(section.getByRole("link", { name: "business-case.pdf" })).toBeVisible();
    await page.goto(`/initiatives/${ref}/edit`);
    await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  }
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/\/initiatives\/DPO-\d{4}-\d{4}\?done=SUBMIT$/);
  await expect(stageTag(page)).toHaveText("Efficiency review");
  return new URL(page.url()).pathname.split("/")[2]!;
}

/** The stage tag under the initiative's title. */
export function stageTag(page: Page) {
  return page.locator("main .tags .tag").first();
}

/** Signs out whoever is signed in and signs `who` in. */
export async function switchUser(page: Page, who: Account) {
  await logout(page);
  await login(page, who);
}

/** Opens an initiative page and waits for React, so that the decision forms validate in the browser. */
export async function openInitiative(page: Page, ref: string) {
  await page.goto(`/initiatives/${ref}`);
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await expect(page.locator("main h1")).toBeVisible();
}

/**
 * A division reviewer's sign-off through the decision form: plain approval, or approval with one
 * condition (and an optional due date).
 */
export async function signOff(page: Page, condition?: { text: string; due?: string }) {
  const form = page.getByRole("form", { name: /^Your decision for the/ });
  if (condition) {
    await form.getByRole("radio", { name: "Approve with conditions" }).check();
    await form.getByLabel("Condition 1", { exact: true }).fill(condition.text);
    if (condition.due) await form.getByLabel("Due date of condition 1 (optional)").fill(condition.due);
    await form.getByRole("button", { name: "Approve with conditions" }).click();
    await expect(page).toHaveURL(/\?done=APPROVE_WITH_CONDITIONS$/);
  } else {
    await form.getByRole("radio", { name: "Approve", exact: true }).check();
    await form.getByRole("button", { name: "Approve", exact: true }).click();
    await expect(page).toHaveURL(/\?done=APPROVE$/);
  }
}

/** The row of the reviewer's queue (or any table) that holds this reference. */
export function rowOf(page: Page, ref: string) {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name: ref, exact: true }) });
}

// ---- The JSON API, for journeys that need an initiative further along its lifecycle quickly ----

export async function apiToken(request: APIRequestContext, who: Account) {
  const res = await request.post("/api/v1/tokens", { data: { email: ACCOUNTS[who], password: PASSWORD } });
  expect(res.status(), `token for ${who}`).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

export async function apiEvent(request: APIRequestContext, token: string, ref: string, event: Record<string, unknown>) {
  const res = await request.post(`/api/v1/initiatives/${ref}/events`, {
    data: event,
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status(), `${String(event.type)}: ${await res.text()}`).toBe(200);
  return (await res.json()) as { stage: string; version: number };
}

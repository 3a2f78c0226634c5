import type { Page } from "@playwright/test";
import { expect, login, review, test, uniqueTitle } from "./fixtures.ts";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);
// A Windows executable's header, named as if it were a PDF.
const EXE = Buffer.concat([
  Buffer.from("MZ"),
  Buffer.alloc(58),
  Buffer.from([64, 0, 0, 0]),
  Buffer.from("PE\0\0"),
  Buffer.alloc(200),
]);

/** Saves a draft from the new-proposal page and opens the initiative's page; returns its reference. */
async function newDraft(page: Page, title: string) {
  await page.goto("/initiatives/new");
  await page.getByLabel("Title in English").fill(title);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");
  const ref = new URL(page.url()).pathname.split("/")[2]!;
  await page.goto(`/initiatives/${ref}`);
  return ref;
}

async function attach(page: Page, file: { name: string; buffer: Buffer }) {
  const section = page.getByRole("region", { name: "Attachments" });
  await section.getByLabel("Kind of document").selectOption("BUSINESS_CASE");
  await section
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: file.name, mimeType: "application/pdf", buffer: file.buffer });
  await section.getByRole("button", { name: "Attach" }).click();
}

test("with JavaScript an officer attaches a business case PDF to a draft; a renamed executable is refused", async ({
  page,
}) => {
  await login(page, "itb");
  const ref = await newDraft(page, uniqueTitle("Business case upload"));
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await attach(page, { name: "business-case.pdf", buffer: PDF });
  const section = page.getByRole("region", { name: "Attachments" });
  await expect(section.getByRole("link", { name: "business-case.pdf" })).toBeVisible();
  await expect(section).toContainText("Business case");
  await expect(page).toHaveURL(new RegExp(`/initiatives/${ref}`));

  await attach(page, { name: "invoice.pdf", buffer: EXE });
  await expect(section.getByRole("alert")).toContainText("This file is not a PDF");
  await expect(section.getByRole("link", { name: "invoice.pdf" })).toHaveCount(0);
  await review(page, "initiative-attachments");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an officer attaches a business case PDF to a draft; a renamed executable is refused", async ({ page }) => {
    await login(page, "immd");
    const ref = await newDraft(page, uniqueTitle("Business case upload without scripts"));
    await attach(page, { name: "business-case.pdf", buffer: PDF });
    await expect(page).toHaveURL(new RegExp(`/initiatives/${ref}#attachments$`));
    const section = page.getByRole("region", { name: "Attachments" });
    await expect(section.getByRole("link", { name: "business-case.pdf" })).toBeVisible();

    await attach(page, { name: "invoice.pdf", buffer: EXE });
    await expect(page).toHaveURL(new RegExp(`/initiatives/${ref}/attachments$`));
    await expect(page.getByRole("alert")).toContainText("This file is not a PDF");
    await expect(
      page.getByRole("region", { name: "Attachments" }).getByRole("link", { name: "business-case.pdf" }),
    ).toBeVisible();
  });
});

test("the API reference renders under the app's CSP with no console error", async ({ page }) => {
  const response = await page.goto("/api/docs");
  expect(response!.headers()["content-security-policy"]).toContain("script-src 'self' 'nonce-");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "POST /api/v1/initiatives/{ref}/attachments" })).toBeVisible();
  await page.getByRole("link", { name: "/api/v1/openapi.json" }).first().isVisible();
  await review(page, "api-docs");
  await page.goto("/open-data");
  await expect(page.getByRole("heading", { level: 1, name: "Open data" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "fundedAmount" })).toBeVisible();
  await expect(page.getByText(/At most \d+ requests a minute/)).toBeVisible();
});

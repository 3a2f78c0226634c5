import type { Page } from "@playwright/test";
import { expect, login, logout, review, test, uniqueTitle } from "./fixtures.ts";
import { rowOf } from "./journeys.ts";

/**
 * Chinese text must fit where it is put: no table cell, button, tag, label or heading whose content is
 * wider than its box (and clipped or spilling over), and no sideways scrolling of the page itself.
 * Table wrappers that scroll on purpose (wide tables) are allowed to.
 */
async function expectNoOverflow(page: Page, label: string) {
  const overflowing = await page.evaluate(() => {
    const selector = "td, th, button, .button, .tag, label, legend, h1, h2, h3, h4, .site-nav a, dt, dd";
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (el.closest(".visually-hidden") || el.offsetParent === null) continue;
      const style = getComputedStyle(el);
      if (style.display === "inline") continue;
      if (el.scrollWidth > el.clientWidth + 1)
        out.push(
          `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? "").trim().slice(0, 40)}" ${el.scrollWidth}>${el.clientWidth}`,
        );
    }
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) out.push(`page ${root.scrollWidth}>${root.clientWidth}`);
    return out;
  });
  expect(overflowing, `${label}: elements whose Chinese text overflows`).toEqual([]);
}

/**
 * The page is in Traditional Chinese: the lang attribute, the browser tab's title (no English word in it
 * but an initiative's reference) and no English words in the main headings.
 */
async function expectChinese(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("lang", /^zh-Hant/);
  const title = await page.title();
  expect(title, "the tab's title names the application in Chinese").toMatch(/項目追蹤系統$/);
  expect(title.replace(/DPO-\d{4}-\d{4}/g, ""), `the tab's title "${title}" in Chinese`).not.toMatch(/[A-Za-z]/);
  for (const heading of await page.locator("main h1, main h2").allTextContents()) {
    expect(heading, "a heading in Chinese").toMatch(/[\u4e00-\u9fff]/);
  }
}

async function checkPage(page: Page, name: string) {
  await expectChinese(page);
  await expectNoOverflow(page, name);
  await review(page, name);
}

function stage(page: Page) {
  return page.locator("main .tags .tag").first();
}

async function switchUser(page: Page, who: Parameters<typeof login>[1]) {
  await logout(page);
  // The language stays chosen after signing out (it is remembered in a cookie).
  await expect(page.locator("h1")).toHaveText("登入");
  await login(page, who);
}

test("the whole journey from proposal to funding in Traditional Chinese", async ({ page }) => {
  const title = uniqueTitle("Smart tenancy e-services");
  const titleZh = `智能租務電子服務 ${title.split(" ").at(-1)}`;

  // Switch language on the sign-in page, before anyone signs in.
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en-HK");
  await page.getByRole("button", { name: /繁體中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant-HK");
  await expect(page.locator("h1")).toHaveText("登入");
  await expect(page.getByLabel("電郵地址")).toBeVisible();
  await expect(page.getByRole("button", { name: /English/ })).toBeVisible();
  await checkPage(page, "zh-login");

  // The officer writes and submits the proposal with the Chinese form.
  await login(page, "itb");
  await expect(page.locator("h1")).toContainText("歡迎");
  await checkPage(page, "zh-officer-home");
  await page.getByRole("navigation", { name: "主選單" }).getByRole("link", { name: "新建議" }).click();
  await expect(page.locator("h1")).toHaveText("新建議");
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await page.getByLabel("英文名稱").fill(title);
  await page.getByLabel("中文名稱").fill(titleZh);
  await page.getByLabel("類別").selectOption({ label: "電子服務" });
  await page.getByLabel("主導分部").selectOption({ label: "數字政府" });
  await page.getByLabel("問題及目標").fill("讓市民在網上辦理租約登記及續期，無須親身到辦事處輪候。");
  await page.getByLabel("涉及個人資料").check();
  await page.getByLabel("面向市民的電子服務").check();
  await expect(page.getByText("須由以下分部審批：")).toBeVisible();
  await page.getByLabel("非經常開支（港元）").fill("3,200,000");
  await page.getByLabel("經常開支（每年港元）").fill("400,000");
  await page.getByLabel("預計每年節省（港元）").fill("900,000");
  await page.getByLabel("預計每年節省人手工時").fill("5000");
  await page.getByLabel("計劃開始日期").fill("2027-01-04");
  await page.getByLabel("計劃完成日期").fill("2027-12-31");
  await page.getByLabel("里程碑 1", { exact: true }).fill("完成系統開發");
  await page.getByLabel("里程碑 1 的限期").fill("2027-06-30");
  await page.getByRole("button", { name: "加入里程碑" }).click();
  await page.getByLabel("里程碑 2", { exact: true }).fill("全面推出服務");
  await page.getByLabel("里程碑 2 的限期").fill("2027-11-30");
  await checkPage(page, "zh-proposal-form");
  await page.getByRole("button", { name: "提交審核" }).click();
  await expect(page).toHaveURL(/\/initiatives\/DPO-\d{4}-\d{4}\?done=SUBMIT$/);
  const ref = new URL(page.url()).pathname.split("/")[2]!;
  await expect(page.getByRole("status")).toHaveText("已完成：提交。");
  await expect(page.locator("h1")).toHaveText(titleZh);
  await expect(stage(page)).toHaveText("效率審核");
  const signoffs = page.getByRole("table", { name: "本輪" });
  await expect(signoffs.getByRole("row", { name: /數字政府/ })).toContainText("待審批");
  await expect(signoffs.getByRole("row", { name: /數據治理/ })).toContainText("待審批");
  await expect(signoffs.getByRole("row", { name: /數字基建/ })).toContainText("無須審批");
  await expect(page.getByRole("img", { name: /此項目的生命周期/ })).toBeVisible();
  await checkPage(page, "zh-initiative-submitted");

  // Data Governance approves with a condition.
  await switchUser(page, "dgov");
  await page.getByRole("navigation", { name: "主選單" }).getByRole("link", { name: "審批隊列" }).click();
  await expect(page.locator("h1")).toHaveText("審批隊列");
  const queued = rowOf(page, ref);
  await expect(queued).toContainText(titleZh);
  await expect(queued).toContainText("亦在等待：數字政府");
  await checkPage(page, "zh-reviews-queue");
  await queued.getByRole("link", { name: ref }).click();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  const dgovForm = page.getByRole("form", { name: "數據治理分部的決定" });
  await expect(dgovForm.getByRole("group", { name: "你的決定是甚麼？" })).toBeVisible();
  await dgovForm.getByRole("radio", { name: "有條件批准" }).check();
  await dgovForm.getByLabel("條件 1", { exact: true }).fill("推出前完成私隱影響評估。");
  await dgovForm.getByLabel("條件 1 的限期 （選填）").fill("2027-03-31");
  await checkPage(page, "zh-decision-form");
  await dgovForm.getByRole("button", { name: "有條件批准" }).click();
  await expect(page).toHaveURL(/\?done=APPROVE_WITH_CONDITIONS$/);
  await expect(page.getByRole("status")).toHaveText("已完成：有條件批准。");
  await expect(page.getByRole("region", { name: "條件", exact: true })).toContainText("限期2027年3月31日");

  // Digital Government approves; then, as lead division, approves the funding.
  await switchUser(page, "dg");
  await page.goto(`/initiatives/${ref}`);
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  const others = page.getByRole("complementary", { name: "第 1 輪其他分部的決定" });
  await expect(others).toContainText("數據治理");
  await expect(others).toContainText("有條件批准");
  const dgForm = page.getByRole("form", { name: "數字政府分部的決定" });
  await dgForm.getByRole("radio", { name: "批准", exact: true }).check();
  await dgForm.getByRole("button", { name: "批准", exact: true }).click();
  await expect(page).toHaveURL(/\?done=APPROVE$/);
  await expect(stage(page)).toHaveText("撥款審批");
  const panel = page.getByRole("region", { name: "數字政府分部的撥款決定" });
  await expect(panel).toContainText("申請金額在上限之內");
  await checkPage(page, "zh-funding-panel");
  const funding = page.getByRole("form", { name: "你的撥款決定是甚麼？" });
  await funding.getByRole("radio", { name: "在整體撥款下批准撥款" }).check();
  await expect(funding.getByLabel("建議金額（港元）")).toHaveValue("3,200,000");
  await expect(funding.getByText("將在整體撥款下批准 HK$3,200,000。")).toBeVisible();
  await funding.getByRole("button", { name: "批准撥款" }).click();
  await expect(page).toHaveURL(/\?done=APPROVE_FUNDING$/);
  await expect(page.getByRole("status")).toHaveText("已完成：批准撥款。");
  await expect(stage(page)).toHaveText("推行中");
  await expect(page.getByRole("region", { name: "撥款", exact: true })).toContainText("在整體撥款下批准");
  await expect(page.getByRole("heading", { name: "你現在可以做的事" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "審計記錄" })).toBeVisible();
  await checkPage(page, "zh-initiative-funded");

  // The register in Chinese, on a phone-sized screen too.
  await page.getByRole("navigation", { name: "主選單" }).getByRole("link", { name: "項目" }).click();
  await page.getByLabel("按編號或名稱搜尋").fill(ref);
  await page.getByRole("button", { name: "套用" }).click();
  await expect(page.getByRole("status")).toHaveText("共 1 個項目");
  await expect(rowOf(page, ref)).toContainText("推行中");
  await checkPage(page, "zh-register");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/initiatives/${ref}`);
  await expectChinese(page);
  await expectNoOverflow(page, "zh-initiative-phone");
  await review(page, "zh-initiative-phone");
  await logout(page);
});

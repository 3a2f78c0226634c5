import type { enTitles } from "../en/titles.ts";

/** Traditional Chinese browser-tab titles. */
export const zhHantTitles: Record<keyof typeof enTitles, string> = {
  "title.home": "首頁",
  "title.login": "登入",
  "title.account": "你的帳戶",
  "title.admin": "系統管理",
  "title.initiatives": "項目",
  "title.newProposal": "新建議",
  "title.initiative": "項目 {ref}",
  "title.editProposal": "修改建議 {ref}",
  "title.reviews": "審批隊列",
  "title.financeCommittee": "財務委員會",
  "title.dashboard": "管理儀表板",
};

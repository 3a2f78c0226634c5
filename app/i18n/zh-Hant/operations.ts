import type { enOperations } from "../en/operations.ts";

/** Traditional Chinese (Hong Kong) messages about the service's own state. */
export const zhHantOperations: Record<keyof typeof enOperations, string> = {
  "calendar.missing.title": "無法計算工作天",
  "calendar.missing.body":
    "系統尚未載入{year}年的香港公眾假期，因此無法計算服務承諾的已用工作天及限期。請管理員加入該年憲報公布的公眾假期。",
  "admin.holidays.title": "假期日曆",
  "admin.holidays.ending":
    "系統載入的香港公眾假期只到{year}年12月31日。請在此之前加入下一年憲報公布的公眾假期；過了該日，系統將無法計算服務承諾的已用工作天及限期。",
  "errors.reference": "參考編號：{id}",
  "errors.referenceHint": "報告這個問題時，請提供此參考編號。",
};

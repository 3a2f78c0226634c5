import type { enReliability } from "../en/reliability.ts";

/** Traditional Chinese messages for faults the user did not cause. */
export const zhHantReliability: Record<keyof typeof enReliability, string> = {
  "errors.unavailable.title": "服務繁忙或暫時未能儲存變更",
  "errors.databaseBusy": "資料庫繁忙。你的資料沒有遺失，請稍候再試。",
  "errors.databaseFull": "伺服器的儲存空間已滿，暫時未能儲存變更。你的資料沒有遺失，請稍後再試。",
  "errors.databaseReadOnly": "伺服器的儲存空間現時只可讀取，暫時未能儲存變更。你的資料沒有遺失，請稍後再試。",
  "errors.databaseUnavailable": "暫時未能連接資料庫。你的資料沒有遺失，請稍後再試。",
  "errors.overloaded": "服務現時收到太多要求，請稍候再試。",
  "errors.tooLarge.title": "你提交的內容太大",
  "errors.tooLarge.body": "表格或檔案超出服務接受的大小（{limit}）。請刪減後再試。",
  "errors.unsupportedMediaType": "此網址只接受網頁表格。",
  "errors.badHost": "要求的 Host 標頭無效。",
  "errors.methodNotAllowed": "此網址不接受這類要求。",
  "errors.badPaging": "頁數必須是 1 至 10000 的整數。",
};

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
  "errors.badEncoding": "表格包含無效的 UTF-8 文字。請檢查貼上的內容後再試。",
  "problems.nothingToEdit": "要求沒有指明要修改的建議書欄位。",
  "errors.badLanguage": "不明的語言：請選擇英文或繁體中文。",
  "errors.badPath": "網址無效：其中的轉義字元（%）不是有效文字。",
  "problems.idempotencyKeyReused": "此 Idempotency-Key 已用於另一個不同的要求。新的要求請使用新的鍵。",
  "problems.idempotencyKeyInUse": "另一個使用此 Idempotency-Key 的要求正在處理中。請稍候再重新提交。",
  "problems.idempotencyKeyInvalid": "Idempotency-Key 標頭必須是 1 至 255 個可見的 ASCII 字元。",
};

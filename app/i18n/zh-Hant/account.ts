import type { enAccount } from "../en/account.ts";

/** Traditional Chinese messages for the user's own account. */
export const zhHantAccount: Record<keyof typeof enAccount, string> = {
  "nav.account": "你的帳戶",
  "account.title": "你的帳戶",
  "account.details": "已登入：{name}（{email}），{role}。",
  "account.changePassword": "更改密碼",
  "account.currentPassword": "現有密碼",
  "account.newPassword": "新密碼",
  "account.newPasswordHint": "最少 12 個字元。由幾個無關字詞組成的密碼句子易記難猜。",
  "account.confirmPassword": "再次輸入新密碼",
  "account.passwordChanged": "你的密碼已更改，你在其他地方的登入均已結束。",
  "account.currentWrong": "現有密碼不正確。",
  "account.mismatch": "兩次輸入的新密碼不相同。",
  "password.tooShort": "密碼最少須有 12 個字元。",
  "password.tooLong": "密碼最多只可有 128 個字元。",
  "password.common": "此密碼過於常見，請選擇別人不大可能使用的密碼。",
  "password.personal": "密碼不可包含你的電郵名稱，亦不可是你的姓名。",
};

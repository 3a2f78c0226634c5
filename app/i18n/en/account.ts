/** English messages for the user's own account: password changes and the password rules. */
export const enAccount = {
  "nav.account": "Your account",
  "account.title": "Your account",
  "account.details": "Signed in as {name} ({email}), {role}.",
  "account.changePassword": "Change your password",
  "account.currentPassword": "Current password",
  "account.newPassword": "New password",
  "account.newPasswordHint":
    "At least 12 characters. A passphrase of a few unrelated words is easy to remember and hard to guess.",
  "account.confirmPassword": "New password again",
  "account.passwordChanged": "Your password has been changed. You have been signed out everywhere else.",
  "account.currentWrong": "The current password is not right.",
  "account.mismatch": "The two new passwords are not the same.",
  "password.tooShort": "The password must be at least 12 characters.",
  "password.tooLong": "The password must be at most 128 characters.",
  "password.common": "This password is too common. Choose one that others are unlikely to use.",
  "password.personal": "The password must not contain your email name or be your name.",
} as const;

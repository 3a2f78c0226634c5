import { isCommonPassword } from "./common-passwords.server.ts";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password.server.ts";

/**
 * Why a new password is not acceptable, as an i18n key, or null when it is: 12 to 128 characters
 * (ASVS 5.0 level 2; no composition rules), not on the shipped list of common passwords, and not the
 * user's email address or name.
 */
export function passwordProblem(password: string, about: { email?: string; name?: string } = {}): string | null {
  // Characters, not UTF-16 units: a Chinese passphrase counts as the characters one types.
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN) return "password.tooShort";
  if (length > PASSWORD_MAX) return "password.tooLong";
  if (isCommonPassword(password)) return "password.common";
  const lower = password.toLowerCase();
  const local = about.email?.split("@")[0]?.toLowerCase();
  if ((local && lower.includes(local) && local.length >= 4) || (about.name && lower === about.name.toLowerCase())) {
    return "password.personal";
  }
  return null;
}

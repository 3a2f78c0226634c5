/**
 * The common passwords that the password policy refuses, read once when the server starts from
 * `common-passwords.txt` (one a line, lower case), which `scripts/common-passwords.ts` builds.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// Beside this module when it runs from source (tests, scripts); from the server bundle (build/index.js)
// the list is reached through the project root, so it never has to be copied into the build.
const CANDIDATES = ["./common-passwords.txt", "../app/auth/common-passwords.txt"];

function load(): ReadonlySet<string> {
  for (const candidate of CANDIDATES) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return new Set(readFileSync(file, "utf8").split("\n").filter(Boolean));
  }
  // Fail at start-up rather than quietly accepting every common password.
  throw new Error("app/auth/common-passwords.txt is missing: run `node --import tsx scripts/common-passwords.ts`.");
}

const COMMON_PASSWORDS = load();

/** Whether a password (compared in lower case) is on the list. */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

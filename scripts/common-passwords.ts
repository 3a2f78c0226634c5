// Builds app/auth/common-passwords.txt, the list of common passwords that the password policy refuses.
//
//   node --import tsx scripts/common-passwords.ts          write the file
//   node --import tsx scripts/common-passwords.ts --check  exit 1 if the file is not what this builds
//
// Origin, honestly: the list first entered the repository as a 38,802-line TypeScript string, with no
// generator and no record of its source. Reading it back showed how it had been made — everyday base
// words, keyboard walks, local words (Hong Kong, Cantonese, the tracker's own names) with an optional
// "hk"/"my"/"the" in front and a common ending (digits, years 2020–2028, a symbol), kept when at least
// 12 characters long (shorter passwords fail the length rule anyway), plus a few whole passwords. The
// tables below were recovered from the list itself, and this script reproduces it exactly (the test
// tests/security/common-passwords.test.ts checks that). It is a list of patterns that people pick, not a
// breach corpus; to strengthen it, add words here and run the script.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where the server reads the list (see app/auth/password-policy.server.ts). */
export const COMMON_PASSWORDS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../app/auth/common-passwords.txt",
);

/** Shorter passwords are refused by the length rule (PASSWORD_MIN), so listing them would be noise. */
const MIN_LENGTH = 12;

const PREFIXES = ["", "hk", "my", "the"];

const BASES = [
  "123qwe",
  "123qweasd",
  "123qweasdzxc",
  "168168",
  "1q2w3e4r",
  "1q2w3e4r5t",
  "1q2w3e4r5t6y",
  "1qaz2wsx",
  "1qaz2wsx3edc",
  "666666",
  "888888",
  "abc123",
  "abcd1234",
  "admin",
  "admin123",
  "administrator",
  "asdf1234",
  "asdfasdf",
  "asdfghjkl",
  "autumn",
  "baseball",
  "basketball",
  "batman",
  "buster",
  "cantonese",
  "changeme",
  "charlie",
  "china",
  "chinese",
  "computer",
  "default",
  "digital",
  "digitalpolicy",
  "dragon",
  "football",
  "freedom",
  "george",
  "gov.hk",
  "government",
  "govhk",
  "guest",
  "happy",
  "harbour",
  "hk123456",
  "hockey",
  "hong-kong",
  "hongkong",
  "hunter",
  "ilovehongkong",
  "iloveyou",
  "iloveyou1",
  "initiative",
  "internet",
  "jennifer",
  "jordan",
  "killer",
  "kowloon",
  "lantau",
  "letmein",
  "login",
  "loveyou",
  "lucky",
  "lucky88",
  "master",
  "michael",
  "monkey",
  "myp@ssword",
  "p@ssw0rd",
  "p@ssword",
  "pa55word",
  "passw0rd",
  "password",
  "password1",
  "passwordpassword",
  "princess",
  "q1w2e3r4",
  "qazwsxedc",
  "qazwsxedcrfv",
  "qweasdzxc",
  "qwerty",
  "qwertyuiop",
  "qwertyuiop123",
  "ranger",
  "root",
  "secret",
  "shadow",
  "soccer",
  "spring",
  "starwars",
  "summer",
  "sunshine",
  "superman",
  "toor",
  "tracker",
  "trustno1",
  "victoria",
  "welcome",
  "welcome1",
  "whatever",
  "winter",
  "zaq12wsx",
  "zxcvbnm",
];

const YEARS = [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028].map(String);

const ENDINGS = [
  ...["", "!", "!!", "#", "$", "@", "#123", "@123"],
  ...["1", "1!", "01", "007", "12", "123", "123!", "1234", "12345", "123456", "1234567"],
  ...["0000", "1111", "888", "abc", "qwerty"],
  ...YEARS.flatMap((y) => [y, `${y}!`, `${y}#`, `${y}@`, `!${y}`, `#${y}`, `-${y}`, `.${y}`, `@${y}`, `_${y}`]),
];

/** Whole passwords that do not follow the pattern above. */
const EXTRAS = [
  "000000000000",
  "098765432109",
  "111111111111",
  "121212121212",
  "123123123123",
  "123456789012",
  "1234567890123",
  "12345678901234",
  "1234567890qwerty",
  "123456qwerty",
  "aaaaaaaaaaaa",
  "abc123abc123",
  "abcdefghijkl",
  "abcdefghijklm",
  "asdfghjklqwe",
  "changemenow123",
  "iloveyouiloveyou",
  "letmeinletmein",
  "princessprincess",
  "qwertyuiopasdf",
  "welcomewelcome",
  "zxcvbnmasdfg",
];

/** The list, lower case, sorted, without duplicates. */
export function buildCommonPasswords(): string[] {
  const all = new Set<string>(EXTRAS);
  for (const prefix of PREFIXES) {
    for (const base of BASES) {
      for (const ending of ENDINGS) {
        const candidate = `${prefix}${base}${ending}`;
        if (candidate.length >= MIN_LENGTH) all.add(candidate);
      }
    }
  }
  return [...all].sort();
}

/** The file's content: one password a line. */
export function commonPasswordsText(): string {
  return `${buildCommonPasswords().join("\n")}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = commonPasswordsText();
  if (process.argv.includes("--check")) {
    const current = readFileSync(COMMON_PASSWORDS_FILE, "utf8");
    if (current !== text) {
      console.error(`${COMMON_PASSWORDS_FILE} differs from what scripts/common-passwords.ts builds.`);
      process.exit(1);
    }
    console.log(`${COMMON_PASSWORDS_FILE} is up to date (${text.split("\n").length - 1} passwords).`);
  } else {
    writeFileSync(COMMON_PASSWORDS_FILE, text);
    console.log(`Wrote ${text.split("\n").length - 1} passwords to ${COMMON_PASSWORDS_FILE}.`);
  }
}

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isCommonPassword } from "~/auth/common-passwords.server.ts";
import { COMMON_PASSWORDS_FILE, commonPasswordsText } from "../../scripts/common-passwords.ts";

describe("the common-password list", () => {
  it("is exactly what its script builds (edit the script, not the file)", () => {
    expect(readFileSync(COMMON_PASSWORDS_FILE, "utf8")).toBe(commonPasswordsText());
  });

  it("holds the patterns people pick, compared in lower case", () => {
    expect(isCommonPassword("HKPassword2026!")).toBe(true);
    expect(isCommonPassword("iloveyouiloveyou")).toBe(true);
    expect(isCommonPassword("correct horse battery staple")).toBe(false);
    expect(commonPasswordsText().split("\n").filter(Boolean).length).toBeGreaterThan(38_000);
  });
});

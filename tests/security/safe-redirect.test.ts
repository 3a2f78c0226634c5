// Hostile redirect targets, table-driven: every one falls back to "/", and the sign-in and language
// routes never answer with a Location on another host (nor a 500 for an odd character).
import { beforeAll, describe, expect, it } from "vitest";
import { action as langAction } from "~/routes/lang.tsx";
import { action as loginAction } from "~/routes/login.tsx";
import { safeRedirect } from "~/utils/safe-redirect.ts";
import { demoAccounts } from "../reliability/fixtures.ts";
import { args, post, run } from "../helpers/http.ts";

const HOSTILE = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\r\nSet-Cookie: x=1",
  "/\u3000/evil.example",
  "/\u00a0/evil.example",
  "/\ufeff/evil.example",
  "/\u2028/evil.example",
  "/%09/evil.example".replace("%09", "\t"),
  "/.//evil.example",
  "/./\\evil.example",
  "/../..//evil.example",
  "https://evil.example",
  "http:/evil.example",
  "javascript:alert(1)",
  "data:text/html,hi",
  "evil.example",
  " /dashboard",
  "",
  "/" + "a".repeat(5000),
  "/\u0000",
];

const SAFE: [string, string][] = [
  ["/", "/"],
  ["/dashboard", "/dashboard"],
  ["/initiatives?stage=funding&page=2", "/initiatives?stage=funding&page=2"],
  ["/initiatives/DPO-2026-001#comments", "/initiatives/DPO-2026-001#comments"],
  ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ["/%09/evil.example", "/%09/evil.example"],
  ["/a/../reviews", "/reviews"],
  ["/項目", "/%E9%A0%85%E7%9B%AE"],
];

describe("safeRedirect", () => {
  it.each(HOSTILE.map((v) => [JSON.stringify(v).slice(0, 60), v]))("refuses %s", (_label, value) => {
    expect(safeRedirect(value)).toBe("/");
  });

  it.each(SAFE)("keeps %s as %s", (value, expected) => {
    expect(safeRedirect(value)).toBe(expected);
  });

  it("refuses what is not a string", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect(new File(["x"], "x.txt"))).toBe("/");
  });

  it("never returns a value that a browser resolves to another origin", () => {
    for (const value of [...HOSTILE, ...SAFE.map(([v]) => v)]) {
      const target = new URL(safeRedirect(value), "https://tracker.example");
      expect(target.origin).toBe("https://tracker.example");
    }
  });
});

describe("routes that redirect", () => {
  beforeAll(async () => {
    await demoAccounts();
  });

  it.each(["/\t/evil.example", "/\n/x", "/\u3000/x", "//evil.example"])(
    "sign-in with redirectTo %j stays on this site",
    async (redirectTo) => {
      const res = await run(() =>
        loginAction(
          args(post("/login", { email: "officer.itb@demo.gov.hk", password: "hk-digital-2026", redirectTo })) as never,
        ),
      );
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/");
    },
  );

  it.each(["/\t/evil.example", "/\r\n/x", "//evil.example"])(
    "language switch with redirectTo %j stays on this site",
    async (redirectTo) => {
      const res = await run(() => langAction(args(post("/lang", { lang: "zh-Hant", redirectTo })) as never));
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/");
    },
  );
});

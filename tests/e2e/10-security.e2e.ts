import { ACCOUNTS, PASSWORD, expect, login, logout, test } from "./fixtures.ts";

const PAGES: Record<string, string[]> = {
  itb: ["/", "/initiatives", "/initiatives/new", "/account"],
  dg: ["/", "/reviews", "/initiatives"],
  leader: ["/", "/dashboard", "/initiatives"],
  admin: ["/", "/admin"],
};

test("every page carries the security headers", async ({ page }) => {
  const checkHeaders = (path: string, headers: Record<string, string>) => {
    const csp = headers["content-security-policy"] ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc, path).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc, path).not.toContain("unsafe-inline");
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
      expect(csp, path).toContain(directive);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("same-origin");
    expect(headers["strict-transport-security"], path).toMatch(/max-age=\d+/);
    expect(headers["cache-control"], path).toContain("no-store");
  };
  const anonymous = await page.request.get("/login");
  checkHeaders("/login", anonymous.headers());
  for (const [who, paths] of Object.entries(PAGES)) {
    await login(page, who as keyof typeof ACCOUNTS);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      checkHeaders(path, response!.headers());
    }
    // Wait for the sign-out to finish: going to /login while it is under way can cancel it.
    await logout(page);
  }
});

test("a cross-site post is refused and changes nothing", async ({ page }) => {
  await login(page, "itb");
  const before = await page.request.get("/initiatives?q=Cross-site");
  const forged = await page.request.post("/initiatives/new", {
    form: { intent: "save", titleEn: "Cross-site forgery" },
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
  });
  expect(forged.status()).toBe(403);
  // Same site but without the session's form token: refused too.
  const tokenless = await page.request.post("/initiatives/new", {
    form: { intent: "save", titleEn: "Cross-site forgery" },
  });
  expect(tokenless.status()).toBe(403);
  const after = await page.request.get("/initiatives?q=Cross-site");
  expect(await after.text()).toContain("0 initiatives");
  expect(before.status()).toBe(200);
});

test("the 11th wrong password in a row is throttled, in the form and the API", async ({ page }) => {
  for (let i = 1; i <= 10; i++) {
    const res = await page.request.post("/login", { form: { email: ACCOUNTS.di, password: `wrong-${i}` } });
    expect(res.status(), `attempt ${i}`).toBe(401);
  }
  const eleventh = await page.request.post("/login", { form: { email: ACCOUNTS.di, password: PASSWORD } });
  expect(eleventh.status()).toBe(429);
  expect(Number(eleventh.headers()["retry-after"])).toBeGreaterThan(0);
  const api = await page.request.post("/api/v1/tokens", { data: { email: ACCOUNTS.di, password: PASSWORD } });
  expect(api.status()).toBe(429);
  expect(Number(api.headers()["retry-after"])).toBeGreaterThan(0);
});

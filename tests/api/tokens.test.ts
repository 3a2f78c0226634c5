import { beforeAll, describe, expect, it } from "vitest";
import { setUserDisabled } from "~/users/users.server.ts";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { call, tokenFor } from "./client.ts";

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
});

const hashOf = async (token: string) => {
  const { createHash } = await import("node:crypto");
  return createHash("sha256").update(token).digest("hex");
};

describe("POST /api/v1/tokens", () => {
  it("issues an 8-hour bearer token, stores only its SHA-256, and the token opens the API", async () => {
    const before = Date.now();
    const res = await call("POST", "/api/v1/tokens", {
      json: { email: " Officer.ITB@demo.gov.hk ", password: "hk-digital-2026" },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const expiresAt = new Date(res.body.expiresAt).getTime();
    expect(res.body.expiresAt).toBe(new Date(expiresAt).toISOString());
    expect(expiresAt - before).toBeGreaterThanOrEqual(8 * 3600_000 - 1000);
    expect(expiresAt - before).toBeLessThanOrEqual(8 * 3600_000 + 5000);

    const stored = await db.apiToken.findMany({ select: { tokenHash: true } });
    expect(stored.map((t) => t.tokenHash)).toContain(await hashOf(res.body.token));
    expect(stored.map((t) => t.tokenHash)).not.toContain(res.body.token);

    const list = await call("GET", "/api/v1/initiatives", { token: res.body.token });
    expect(list.status).toBe(200);
  });

  it("answers a wrong password and an unknown account with the same generic 401", async () => {
    const wrong = await call("POST", "/api/v1/tokens", {
      json: { email: "reviewer.dg@demo.gov.hk", password: "not-it" },
    });
    const unknown = await call("POST", "/api/v1/tokens", {
      json: { email: "nobody@demo.gov.hk", password: "hk-digital-2026" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({
      error: {
        code: "UNAUTHORIZED",
        message: "The email or password is incorrect.",
        messageKey: "problems.credentialsWrong",
      },
    });
    expect(unknown.body).toEqual(wrong.body);
  });

  it("asks for missing fields with field errors", async () => {
    const res = await call("POST", "/api/v1/tokens", { json: { email: "", password: 42 } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "BAD_REQUEST",
      fields: { email: ["errors.required"], password: ["errors.required"] },
    });
  });

  it("throttles the 11th failure for one account with 429 and Retry-After, shared with the sign-in page", async () => {
    const email = "reviewer.di@demo.gov.hk";
    for (let i = 0; i < 10; i++) {
      const res = await call("POST", "/api/v1/tokens", { json: { email, password: `wrong-${i}` } });
      expect(res.status).toBe(401);
    }
    const eleventh = await call("POST", "/api/v1/tokens", { json: { email, password: "hk-digital-2026" } });
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error.code).toBe("TOO_MANY_REQUESTS");
    expect(Number(eleventh.headers.get("Retry-After"))).toBeGreaterThan(0);
    // The same throttle as the sign-in page: the account is locked there as well.
    const { signIn } = await import("~/auth/auth.server.ts");
    expect(await signIn(email, "hk-digital-2026", "10.0.0.9", null)).toMatchObject({ ok: false, reason: "throttled" });
    // Another account is not locked out.
    await expect(tokenFor("reviewer.dgov@demo.gov.hk")).resolves.toBeTruthy();
  });

  it("answers GET with 405 and Allow", async () => {
    const res = await call("GET", "/api/v1/tokens");
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("POST");
    expect(res.body.error.code).toBe("METHOD_NOT_ALLOWED");
  });
});

describe("bearer authentication", () => {
  it("refuses a missing or malformed Authorization header with 401", async () => {
    const missing = await call("GET", "/api/v1/initiatives");
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe("UNAUTHORIZED");
    expect(missing.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    const basic = await call("GET", "/api/v1/initiatives", { headers: { Authorization: "Basic Zm9vOmJhcg==" } });
    expect(basic.status).toBe(401);
  });

  it("refuses an unknown token", async () => {
    const res = await call("GET", "/api/v1/initiatives", { token: "A".repeat(43) });
    expect(res.status).toBe(401);
  });

  it("refuses an expired token", async () => {
    const token = await tokenFor("officer.immd@demo.gov.hk");
    await db.apiToken.update({
      where: { tokenHash: await hashOf(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const res = await call("GET", "/api/v1/initiatives", { token });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
  });

  it("refuses the token of a user disabled after it was issued", async () => {
    const token = await tokenFor("officer.immd@demo.gov.hk");
    expect((await call("GET", "/api/v1/initiatives", { token })).status).toBe(200);
    // Disabled by a write that did not go through the admin service (another instance, a script):
    // the token check itself must notice.
    const user = await db.user.update({
      where: { email: "officer.immd@demo.gov.hk" },
      data: { disabledAt: new Date() },
    });
    expect((await call("GET", "/api/v1/initiatives", { token })).status).toBe(401);
    // A disabled account cannot get a new token either.
    expect(
      (
        await call("POST", "/api/v1/tokens", {
          json: { email: "officer.immd@demo.gov.hk", password: "hk-digital-2026" },
        })
      ).status,
    ).toBe(401);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: null } });
  });

  it("loses every token when an administrator disables the user", async () => {
    const token = await tokenFor("leader@demo.gov.hk");
    const admin = await db.user.findUniqueOrThrow({
      where: { email: "admin@demo.gov.hk" },
      select: { id: true, role: true },
    });
    const leader = await db.user.findUniqueOrThrow({ where: { email: "leader@demo.gov.hk" }, select: { id: true } });
    await setUserDisabled({ id: admin.id, role: "ADMIN" }, leader.id, true);
    expect(await db.apiToken.count({ where: { userId: leader.id } })).toBe(0);
    expect((await call("GET", "/api/v1/initiatives", { token })).status).toBe(401);
    await setUserDisabled({ id: admin.id, role: "ADMIN" }, leader.id, false);
  });

  it("records lastUsedAt, at most once a minute", async () => {
    const token = await tokenFor("reviewer.dg@demo.gov.hk");
    const where = { tokenHash: await hashOf(token) };
    expect((await db.apiToken.findUniqueOrThrow({ where })).lastUsedAt).toBeNull();
    await call("GET", "/api/v1/initiatives", { token });
    const first = (await db.apiToken.findUniqueOrThrow({ where })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await call("GET", "/api/v1/initiatives", { token });
    expect((await db.apiToken.findUniqueOrThrow({ where })).lastUsedAt).toEqual(first);
    // A minute later the next use is recorded again.
    await db.apiToken.update({ where, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    await call("GET", "/api/v1/initiatives", { token });
    expect((await db.apiToken.findUniqueOrThrow({ where })).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 5000);
  });
});

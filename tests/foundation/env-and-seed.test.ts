import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/utils/env.server.ts";
import { db } from "~/utils/db.server.ts";
import { DEMO_USERS, seed } from "../../prisma/seed/index.ts";

describe("environment validation", () => {
  it("has working defaults for development", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe("file:./data/initiative-tracker.db");
    expect(env.DEMO_DATA).toBe(true);
    expect(env.sessionSecrets.length).toBe(1);
  });

  it("requires SESSION_SECRET in production, with a message that names it", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(EnvError);
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(
      /SESSION_SECRET is required when NODE_ENV=production/,
    );
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "short" })).toThrowError(/at least 32 characters/);
    const env = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "n".repeat(40) + ",older-secret-still-accepted" });
    expect(env.sessionSecrets).toEqual(["n".repeat(40), "older-secret-still-accepted"]);
  });

  it("takes a SQLite file or a PostgreSQL server as DATABASE_URL", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://app:pw@db:5432/tracker" }).DATABASE_URL).toMatch(/^postgresql:/);
    expect(parseEnv({ DATABASE_URL: "postgres://app@db/tracker" }).DATABASE_URL).toMatch(/^postgres:/);
  });

  it("reports every problem at once", () => {
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", DEMO_DATA: "maybe" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const problems = (error as EnvError).problems.join("\n");
      expect(problems).toMatch(/PORT must be a number/);
      expect(problems).toMatch(/DATABASE_URL must be a SQLite URL .* or a PostgreSQL URL/);
      expect(problems).toMatch(/DEMO_DATA must be "true" or "false"/);
    }
  });

  it("rejects a port out of range and a short admin password", () => {
    expect(() => parseEnv({ PORT: "70000" })).toThrowError(/PORT must be between 1 and 65535/);
    expect(() => parseEnv({ DEMO_DATA: "false", ADMIN_PASSWORD: "short" })).toThrowError(
      /ADMIN_PASSWORD must be at least 12/,
    );
    expect(parseEnv({ PORT: "8080", DEMO_DATA: "false" }).DEMO_DATA).toBe(false);
  });
});

describe("seed", () => {
  async function counts() {
    return {
      bureaux: await db.bureau.count(),
      divisions: await db.division.count(),
      users: await db.user.count(),
      settings: await db.setting.count(),
      initiatives: await db.initiative.count(),
      audit: await db.auditEvent.count(),
    };
  }

  it("with DEMO_DATA=false creates only an administrator, and needs ADMIN_PASSWORD for it", async () => {
    await expect(seed({ demoData: false })).rejects.toThrow(/ADMIN_PASSWORD is required/);
    await seed({ demoData: false, adminEmail: "Root@DPO.gov.hk", adminPassword: "a-strong-admin-password" });
    const users = await db.user.findMany({ select: { email: true, role: true } });
    expect(users).toEqual([{ email: "root@dpo.gov.hk", role: "ADMIN" }]);
    expect(await db.initiative.count()).toBe(0);
    expect(await db.bureau.count()).toBeGreaterThan(40);
  });

  it("with portfolio: false creates the demo accounts but no initiatives", async () => {
    await seed({ demoData: true, portfolio: false });
    for (const u of DEMO_USERS) {
      expect(await db.user.findUnique({ where: { email: u.email }, select: { role: true } })).toEqual({ role: u.role });
    }
    expect(await db.initiative.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it("is idempotent: a second run adds and changes nothing", async () => {
    await seed({ demoData: true });
    const first = await counts();
    const hashes = await db.user.findMany({ select: { email: true, passwordHash: true }, orderBy: { email: "asc" } });
    await seed({ demoData: true });
    expect(await counts()).toEqual(first);
    expect(await db.user.findMany({ select: { email: true, passwordHash: true }, orderBy: { email: "asc" } })).toEqual(
      hashes,
    );
    expect(first.divisions).toBe(3);
    for (const u of DEMO_USERS) {
      expect(await db.user.findUnique({ where: { email: u.email }, select: { role: true } })).toEqual({ role: u.role });
    }
    expect(await db.bureau.findUnique({ where: { code: "IMMD" }, select: { parentCode: true, kind: true } })).toEqual({
      parentCode: "SB",
      kind: "department",
    });
  });
});

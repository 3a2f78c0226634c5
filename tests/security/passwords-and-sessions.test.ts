import { beforeAll, describe, expect, it } from "vitest";
import { passwordProblem } from "~/auth/password-policy.server.ts";
import { recordedDenials } from "~/auth/security-log.server.ts";
import { getSessionUser } from "~/auth/session.server.ts";
import { action as accountAction } from "~/routes/account.tsx";
import { action as adminAction } from "~/routes/admin.tsx";
import { loader as adminLoader } from "~/routes/admin.tsx";
import { loader as pageLoader } from "~/routes/initiatives.$ref._index.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { demoCallers, initiativeIn } from "../factories/initiatives.ts";
import { args, get, login, post, run } from "../helpers/http.ts";

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
});

describe("password rules", () => {
  it.each([
    ["short-pass", "password.tooShort"],
    ["x".repeat(129), "password.tooLong"],
    ["Password1234", "password.common"],
    ["qwertyuiop123", "password.common"],
    ["1qaz2wsx3edc", "password.common"],
    ["ilovehongkong2026", "password.common"],
    ["chan.taiman-secret", "password.personal"],
  ])("refuses %j (%s)", (password, key) => {
    expect(passwordProblem(password, { email: "chan.taiman@demo.gov.hk", name: "Chan Tai Man" })).toBe(key);
  });

  it("accepts a long passphrase of unrelated words, whatever its characters", () => {
    expect(passwordProblem("harbour lantern tofu kite", {})).toBeNull();
    expect(passwordProblem("維港夜色燈籠豆腐花與風箏", {})).toBeNull();
    expect(passwordProblem("x".repeat(128), {})).toBeNull();
  });

  it("refuses a common password when an administrator creates a user, writing nothing", async () => {
    const admin = await login("admin@demo.gov.hk");
    const before = await db.user.count();
    const res = await run(() =>
      adminAction(
        args(
          post(
            "/admin",
            {
              intent: "create",
              name: "Lam Ka Ho",
              email: "lam.kaho@demo.gov.hk",
              role: "LEADERSHIP",
              password: "password1234",
            },
            admin,
          ),
        ) as never,
      ),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).fields).toEqual({ password: ["password.common"] });
    expect(await db.user.count()).toBe(before);
  });
});

describe("changing one's password", () => {
  it("checks the current password and the rules, then ends every other session and keeps this browser signed in", async () => {
    const email = "reviewer.dgov@demo.gov.hk";
    const here = await login(email);
    const elsewhere = await login(email);
    const change = (fields: Record<string, string>) =>
      run(() => accountAction(args(post("/account", fields, here)) as never));

    const wrong = await change({
      currentPassword: "nope-nope-nope",
      newPassword: "harbour lantern tofu kite",
      confirmPassword: "harbour lantern tofu kite",
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).fields).toEqual({ currentPassword: ["account.currentWrong"] });
    const common = await change({
      currentPassword: "hk-digital-2026",
      newPassword: "password2026!",
      confirmPassword: "password2026!",
    });
    expect((await common.json()).fields).toEqual({ newPassword: ["password.common"] });
    const mismatch = await change({
      currentPassword: "hk-digital-2026",
      newPassword: "harbour lantern tofu kite",
      confirmPassword: "harbour lantern tofu kit",
    });
    expect((await mismatch.json()).fields).toEqual({ confirmPassword: ["account.mismatch"] });
    expect(await getSessionUser(get("/", elsewhere))).not.toBeNull();

    const ok = await change({
      currentPassword: "hk-digital-2026",
      newPassword: "harbour lantern tofu kite",
      confirmPassword: "harbour lantern tofu kite",
    });
    expect(ok.status).toBe(200);
    const fresh = ok.headers.get("Set-Cookie")!.split(";")[0]!;
    expect(await getSessionUser(get("/", elsewhere))).toBeNull();
    expect(await getSessionUser(get("/", here))).toBeNull();
    expect(await getSessionUser(get("/", { cookie: fresh, csrf: "" }))).not.toBeNull();
    await expect(login(email)).rejects.toThrow();
    expect(await login(email, "harbour lantern tofu kite")).toHaveProperty("cookie");
    expect(await db.auditEvent.count({ where: { event: "PASSWORD_CHANGED" } })).toBe(1);
  });
});

describe("security log", () => {
  it("records refused attempts (who, what, when) while the answer reveals nothing", async () => {
    const c = await demoCallers();
    const ref = await initiativeIn("efficiencyReview", c);
    recordedDenials.length = 0;
    const immd = await login("officer.immd@demo.gov.hk");
    const invisible = await run(() => pageLoader(args(get(`/initiatives/${ref}`, immd), { ref }) as never));
    const missing = await run(() =>
      pageLoader(args(get("/initiatives/DPO-1999-0001", immd), { ref: "DPO-1999-0001" }) as never),
    );
    expect(invisible.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await invisible.text()).toBe((await missing.text()).replace("DPO-1999-0001", ref));
    expect((await run(() => adminLoader(args(get("/admin", immd)) as never))).status).toBe(403);

    const user = await db.user.findUniqueOrThrow({ where: { email: "officer.immd@demo.gov.hk" } });
    expect(recordedDenials).toEqual([
      expect.objectContaining({
        event: "access_denied",
        userId: user.id,
        role: "OFFICER",
        action: "read initiative",
        target: ref,
      }),
      expect.objectContaining({
        userId: user.id,
        action: "GET /admin",
        reason: expect.stringContaining("role OFFICER"),
      }),
    ]);
    expect(recordedDenials[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe("session lifetime", () => {
  it("ends a session 12 hours after sign-in however active it was", async () => {
    const session = await login("leader@demo.gov.hk");
    const user = await getSessionUser(get("/", session));
    await db.session.update({
      where: { id: user!.sessionId },
      data: { expiresAt: new Date(Date.now() - 1000), lastActiveAt: new Date() },
    });
    expect(await getSessionUser(get("/", session))).toBeNull();
    expect(await db.session.count({ where: { id: user!.sessionId } })).toBe(0);
  });

  it("gives every sign-in a new session id, and a production cookie the __Host- prefix", async () => {
    const a = await login("leader@demo.gov.hk");
    const b = await login("leader@demo.gov.hk");
    expect(a.cookie).not.toBe(b.cookie);
    const { parseEnv } = await import("~/utils/env.server.ts");
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(40) }).NODE_ENV).toBe("production");
    // The cookie's name and flags follow the environment it was created in (test here).
    expect(a.cookie.startsWith("it_session=")).toBe(true);
  });
});

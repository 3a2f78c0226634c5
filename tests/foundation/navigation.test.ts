import { beforeAll, describe, expect, it } from "vitest";
import { navigationFor } from "~/auth/navigation.ts";
import { loader as homeLoader } from "~/routes/_index.tsx";
import { loader as adminLoader, action as adminAction } from "~/routes/admin.tsx";
import { loader as notFoundLoader } from "~/routes/$.tsx";
import { loader as healthLoader } from "~/routes/healthz.ts";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { args, get, login, post, run } from "../helpers/http.ts";

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
});

describe("role-based navigation", () => {
  it.each([
    ["OFFICER", ["/", "/initiatives", "/initiatives/new", "/funding-rounds"]],
    ["REVIEWER", ["/", "/reviews", "/initiatives", "/funding-rounds"]],
    ["LEADERSHIP", ["/", "/dashboard", "/initiatives", "/finance-committee", "/funding-rounds"]],
    ["ADMIN", ["/", "/admin", "/funding-rounds"]],
  ] as const)("%s sees %j", (role, links) => {
    expect(navigationFor(role).map((i) => i.to)).toEqual(links);
  });

  it.each([
    ["officer.itb@demo.gov.hk", "OFFICER"],
    ["officer.immd@demo.gov.hk", "OFFICER"],
    ["reviewer.dg@demo.gov.hk", "REVIEWER"],
    ["reviewer.dgov@demo.gov.hk", "REVIEWER"],
    ["reviewer.di@demo.gov.hk", "REVIEWER"],
    ["leader@demo.gov.hk", "LEADERSHIP"],
    ["admin@demo.gov.hk", "ADMIN"],
  ])("%s lands on the %s home page", async (email, role) => {
    const session = await login(email);
    const res = await run(() => homeLoader(args(get("/", session)) as never));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.home.role).toBe(role);
    if (role === "OFFICER") expect(body.home.bureau.code).toBe(email.includes("itb") ? "ITIB" : "IMMD");
    if (role === "ADMIN") {
      expect(body.home.users).toEqual({
        count: await db.user.count(),
        active: await db.user.count({ where: { disabledAt: null } }),
      });
    }
  });

  it("sends a visitor without a session to the sign-in page, keeping where they were going", async () => {
    const res = await run(() => adminLoader(args(get("/admin")) as never));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin");
  });

  it.each(["officer.itb@demo.gov.hk", "reviewer.di@demo.gov.hk", "leader@demo.gov.hk"])(
    "refuses the admin page and its actions to %s on the server",
    async (email) => {
      const session = await login(email);
      expect((await run(() => adminLoader(args(get("/admin", session)) as never))).status).toBe(403);
      const before = await db.user.count();
      const res = await run(() =>
        adminAction(
          args(
            post(
              "/admin",
              { intent: "create", name: "X", email: "x@demo.gov.hk", role: "ADMIN", password: "long-enough-password" },
              session,
            ),
          ) as never,
        ),
      );
      expect(res.status).toBe(403);
      expect(await db.user.count()).toBe(before);
    },
  );
});

describe("administrator", () => {
  it("creates a user, refusing bad input with field messages and writing nothing", async () => {
    const admin = await login("admin@demo.gov.hk");
    const before = await db.user.count();
    const bad = await run(() =>
      adminAction(
        args(
          post("/admin", { intent: "create", name: "", email: "nope", role: "OFFICER", password: "short" }, admin),
        ) as never,
      ),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields).toMatchObject({
      name: ["admin.nameRequired"],
      email: ["admin.emailInvalid"],
      password: ["admin.passwordShort"],
      bureauCode: ["admin.bureauRequired"],
    });
    expect(await db.user.count()).toBe(before);

    const ok = await run(() =>
      adminAction(
        args(
          post(
            "/admin",
            {
              intent: "create",
              name: "Ng Pui Yee",
              email: "new.officer.edb@demo.gov.hk",
              role: "OFFICER",
              bureauCode: "EDB",
              password: "a-long-initial-password",
            },
            admin,
          ),
        ) as never,
      ),
    );
    expect(ok.status).toBe(200);
    const created = await db.user.findUniqueOrThrow({ where: { email: "new.officer.edb@demo.gov.hk" } });
    expect(created).toMatchObject({ role: "OFFICER", bureauCode: "EDB" });
    expect(created.passwordHash).toMatch(/^\$argon2id\$/);
    const dup = await run(() =>
      adminAction(
        args(
          post(
            "/admin",
            {
              intent: "create",
              name: "Again",
              email: "new.officer.edb@demo.gov.hk",
              role: "LEADERSHIP",
              password: "a-long-initial-password",
            },
            admin,
          ),
        ) as never,
      ),
    );
    expect((await dup.json()).fields).toEqual({ email: ["admin.emailTaken"] });
  });

  it("changes a role and ends the user's sessions so the new rights apply", async () => {
    const admin = await login("admin@demo.gov.hk");
    const target = await login("officer.immd@demo.gov.hk");
    const user = await db.user.findUniqueOrThrow({ where: { email: "officer.immd@demo.gov.hk" } });
    const res = await run(() =>
      adminAction(
        args(
          post(
            "/admin",
            { intent: "changeRole", userId: user.id, role: "REVIEWER", divisionCode: "DATA_GOVERNANCE" },
            admin,
          ),
        ) as never,
      ),
    );
    expect(res.status).toBe(200);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      role: "REVIEWER",
      divisionCode: "DATA_GOVERNANCE",
      bureauCode: null,
    });
    expect((await run(() => homeLoader(args(get("/", target)) as never))).status).toBe(302);
  });

  it("refuses an admin form without the session's CSRF token", async () => {
    const admin = await login("admin@demo.gov.hk");
    const res = await run(() =>
      adminAction(
        args(post("/admin", { intent: "disable", userId: "x" }, { cookie: admin.cookie, csrf: "forged" })) as never,
      ),
    );
    expect(res.status).toBe(403);
  });
});

describe("health and unknown addresses", () => {
  it("healthz answers ok when the database answers", async () => {
    const res = await healthLoader();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("an unknown address is a 404", async () => {
    const res = await run(async () => notFoundLoader());
    expect(res.status).toBe(404);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login.tsx";
import { action as logoutAction } from "~/routes/logout.tsx";
import { action as adminAction } from "~/routes/admin.tsx";
import { loader as rootLoader } from "~/root.tsx";
import { getSessionUser } from "~/auth/session.server.ts";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { args, get, login, post, run } from "../helpers/http.ts";

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
});

async function rootUser(cookie: string) {
  const res = await run(() => rootLoader(args(get("/", { cookie, csrf: "" })) as never));
  return ((await res.json()) as { user: { email: string } | null }).user;
}

describe("sign-in", () => {
  it("signs in with the right password, sets a signed HttpOnly SameSite cookie and redirects home", async () => {
    const res = await run(() =>
      loginAction(args(post("/login", { email: "Officer.ITB@demo.gov.hk", password: "hk-digital-2026" })) as never),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
    const setCookie = res.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(";")[0]!;
    // The cookie value is the session id plus a signature, not the id alone.
    expect(cookie).toMatch(/\./);
    expect((await rootUser(cookie))?.email).toBe("officer.itb@demo.gov.hk");
  });

  it("follows a same-site redirectTo, never another host", async () => {
    const ok = await run(() =>
      loginAction(
        args(
          post("/login", { email: "leader@demo.gov.hk", password: "hk-digital-2026", redirectTo: "/dashboard" }),
        ) as never,
      ),
    );
    expect(ok.headers.get("Location")).toBe("/dashboard");
    const evil = await run(() =>
      loginAction(
        args(
          post("/login", { email: "leader@demo.gov.hk", password: "hk-digital-2026", redirectTo: "//evil.example" }),
        ) as never,
      ),
    );
    expect(evil.headers.get("Location")).toBe("/");
  });

  it("gives one generic message for a wrong password and for an unknown account, and sets no cookie", async () => {
    const wrong = await run(() =>
      loginAction(args(post("/login", { email: "reviewer.dg@demo.gov.hk", password: "not-the-password" })) as never),
    );
    const unknown = await run(() =>
      loginAction(args(post("/login", { email: "nobody@demo.gov.hk", password: "hk-digital-2026" })) as never),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
    const a = await wrong.json();
    const b = await unknown.json();
    expect(a.fields).toEqual({ _form: ["login.failed"] });
    expect(b.fields).toEqual(a.fields);
  });

  it("asks for missing fields beside them", async () => {
    const res = await run(() => loginAction(args(post("/login", { email: "", password: "" })) as never));
    expect(res.status).toBe(400);
    expect((await res.json()).fields).toEqual({ email: ["login.emailRequired"], password: ["login.passwordRequired"] });
  });

  it("throttles the 11th wrong password in a row for one account with 429 and Retry-After", async () => {
    const email = "reviewer.di@demo.gov.hk";
    for (let i = 0; i < 10; i++) {
      const res = await run(() => loginAction(args(post("/login", { email, password: `wrong-${i}` })) as never));
      expect(res.status).toBe(401);
    }
    const eleventh = await run(() =>
      loginAction(args(post("/login", { email, password: "hk-digital-2026" })) as never),
    );
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another account behind the same address is not locked out.
    const other = await run(() =>
      loginAction(args(post("/login", { email: "reviewer.dgov@demo.gov.hk", password: "hk-digital-2026" })) as never),
    );
    expect(other.status).toBe(302);
  });

  it("refuses a sign-in form posted from another site", async () => {
    const res = await run(() =>
      loginAction(
        args(
          post("/login", { email: "leader@demo.gov.hk", password: "hk-digital-2026" }, undefined, {
            Origin: "https://evil.example",
          }),
        ) as never,
      ),
    );
    expect(res.status).toBe(403);
  });
});

describe("session revocation", () => {
  it("signing out deletes the session, so the old cookie no longer works", async () => {
    const session = await login("officer.immd@demo.gov.hk");
    expect(await getSessionUser(get("/", session))).not.toBeNull();
    const res = await run(() => logoutAction(args(post("/logout", {}, session)) as never));
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(await getSessionUser(get("/", session))).toBeNull();
    expect(await db.session.count({ where: { user: { email: "officer.immd@demo.gov.hk" } } })).toBe(0);
  });

  it("disabling a user ends every session of theirs at once and stops them signing in", async () => {
    const victim = await login("reviewer.dg@demo.gov.hk");
    const second = await login("reviewer.dg@demo.gov.hk");
    const admin = await login("admin@demo.gov.hk");
    const user = await db.user.findUniqueOrThrow({ where: { email: "reviewer.dg@demo.gov.hk" } });
    const res = await run(() =>
      adminAction(args(post("/admin", { intent: "disable", userId: user.id }, admin)) as never),
    );
    expect(res.status).toBe(200);
    expect(await getSessionUser(get("/", victim))).toBeNull();
    expect(await getSessionUser(get("/", second))).toBeNull();
    const again = await run(() =>
      loginAction(args(post("/login", { email: "reviewer.dg@demo.gov.hk", password: "hk-digital-2026" })) as never),
    );
    expect(again.status).toBe(401);
  });

  it("an idle session expires after 30 minutes", async () => {
    const session = await login("leader@demo.gov.hk");
    const user = await getSessionUser(get("/", session));
    await db.session.update({
      where: { id: user!.sessionId },
      data: { lastActiveAt: new Date(Date.now() - 31 * 60_000) },
    });
    expect(await getSessionUser(get("/", session))).toBeNull();
  });

  it("a tampered cookie is not a session", async () => {
    const session = await login("leader@demo.gov.hk");
    const [name, value] = session.cookie.split("=");
    const tampered = `${name}=${value!.slice(0, -2)}xx`;
    expect(await getSessionUser(get("/", { cookie: tampered, csrf: "" }))).toBeNull();
  });
});

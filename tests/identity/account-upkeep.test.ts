// Account upkeep (issue 14): reset links, must-change-password, B/Ds, CSV import, the users list and
// personal API tokens — through the real route modules on a real SQLite file.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { resetPasswordWithToken, RESET_TTL_MS } from "~/auth/reset.server.ts";
import { getSessionUser } from "~/auth/session.server.ts";
import * as accountTokens from "~/routes/account_.tokens.tsx";
import * as adminPage from "~/routes/admin.tsx";
import * as adminBureaux from "~/routes/admin_.bureaux.tsx";
import * as adminImport from "~/routes/admin_.users.import.tsx";
import * as adminUser from "~/routes/admin_.users.$id.tsx";
import * as adminUsers from "~/routes/admin_.users._index.tsx";
import * as loginPage from "~/routes/login.tsx";
import * as firstPassword from "~/routes/login_.new-password.tsx";
import * as newProposal from "~/routes/initiatives.new.tsx";
import * as resetPage from "~/routes/reset-password.$token.tsx";
import { listOrganisation } from "~/users/users.server.ts";
import { db } from "~/utils/db.server.ts";
import { call } from "../api/client.ts";
import { completeProposal } from "../factories/initiatives.ts";
import { args, get, login, post, run, type Session } from "../helpers/http.ts";
import { cookiesOf, seedPeople, userId } from "./people.ts";

let admin: Session;
const NEW_PASSWORD = "Lion-Rock-Sunrise-Ferry-2026";

beforeAll(async () => {
  await seedPeople();
  admin = await login("admin@demo.gov.hk");
});

async function issueLink(email: string): Promise<string> {
  const id = await userId(email);
  const res = await run(() =>
    adminUser.action(args(post(`/admin/users/${id}`, { intent: "resetLink" }, admin), { id }) as never),
  );
  expect(res.status).toBe(200);
  const { link } = (await res.json()) as { link: string };
  return new URL(link).pathname.split("/").pop()!;
}

const resetForm = { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };

describe("password reset links", () => {
  it("work once, are stored hashed, and end the user's sessions", async () => {
    const officer = await login("officer.immd@demo.gov.hk");
    const token = await issueLink("officer.immd@demo.gov.hk");
    const rows = await db.passwordReset.findMany({ select: { tokenHash: true } });
    expect(rows.map((r) => r.tokenHash)).toContain(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);

    const page = await run(() => resetPage.loader(args(get(`/reset-password/${token}`), { token }) as never));
    expect(page.status).toBe(200);
    const used = await run(() =>
      resetPage.action(args(post(`/reset-password/${token}`, resetForm), { token }) as never),
    );
    expect(used.status).toBe(302);
    expect(used.headers.get("Location")).toBe("/login?reset=1");
    expect(await getSessionUser(get("/", officer))).toBeNull();
    await expect(login("officer.immd@demo.gov.hk", NEW_PASSWORD)).resolves.toBeTruthy();

    const again = await run(() =>
      resetPage.action(
        args(
          post(`/reset-password/${token}`, {
            newPassword: "Another-Long-Passphrase-77",
            confirmPassword: "Another-Long-Passphrase-77",
          }),
          { token },
        ) as never,
      ),
    );
    expect(again.status).toBe(410);
    await expect(login("officer.immd@demo.gov.hk", NEW_PASSWORD)).resolves.toBeTruthy();
    const gone = await run(() => resetPage.loader(args(get(`/reset-password/${token}`), { token }) as never));
    expect(gone.status).toBe(410);
  });

  it("do not work after 24 hours", async () => {
    const token = await issueLink("reviewer.di@demo.gov.hk");
    const later = new Date(Date.now() + RESET_TTL_MS + 1000);
    expect(await resetPasswordWithToken(token, { next: NEW_PASSWORD, confirm: NEW_PASSWORD }, later)).toEqual({
      ok: false,
      reason: "invalid",
    });
    const justBefore = new Date(Date.now() + RESET_TTL_MS - 60_000);
    expect(await resetPasswordWithToken(token, { next: NEW_PASSWORD, confirm: NEW_PASSWORD }, justBefore)).toEqual({
      ok: true,
    });
  });

  it("are issued by administrators only and audited", async () => {
    const officer = await login("officer.itb@demo.gov.hk");
    const id = await userId("leader@demo.gov.hk");
    const res = await run(() =>
      adminUser.action(args(post(`/admin/users/${id}`, { intent: "resetLink" }, officer), { id }) as never),
    );
    expect(res.status).toBe(403);
    const audited = await db.auditEvent.count({ where: { event: "PASSWORD_RESET_ISSUED" } });
    expect(audited).toBeGreaterThanOrEqual(2);
  });
});

describe("accounts an administrator creates", () => {
  it("must choose a new password at first sign-in before any session starts", async () => {
    const created = await run(() =>
      adminPage.action(
        args(
          post(
            "/admin",
            {
              intent: "create",
              name: "Ng Hoi Yan",
              email: "ng.hoiyan@demo.gov.hk",
              role: "LEADERSHIP",
              password: "Temporary-Pass-Phrase-1",
            },
            admin,
          ),
        ) as never,
      ),
    );
    expect(created.status).toBe(200);
    const signIn = await run(() =>
      loginPage.action(
        args(
          post("/login", {
            email: "ng.hoiyan@demo.gov.hk",
            password: "Temporary-Pass-Phrase-1",
            redirectTo: "/dashboard",
          }),
        ) as never,
      ),
    );
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("Location")).toBe("/login/new-password");
    const pending = cookiesOf(signIn);
    expect(pending).not.toContain("it_session");
    const form = await run(() =>
      firstPassword.loader(args(get("/login/new-password", undefined, { Cookie: pending })) as never),
    );
    expect(form.status).toBe(200);
    const weak = await run(() =>
      firstPassword.action(
        args(
          post("/login/new-password", { newPassword: "password1234", confirmPassword: "password1234" }, undefined, {
            Cookie: pending,
          }),
        ) as never,
      ),
    );
    expect(weak.status).toBe(400);
    const done = await run(() =>
      firstPassword.action(args(post("/login/new-password", resetForm, undefined, { Cookie: pending })) as never),
    );
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/dashboard");
    const session = cookiesOf(done);
    expect(session).toContain("it_session");
    const user = await getSessionUser(get("/", { cookie: session, csrf: "" }));
    expect(user?.email).toBe("ng.hoiyan@demo.gov.hk");
    const row = await db.user.findUniqueOrThrow({
      where: { email: "ng.hoiyan@demo.gov.hk" },
      select: { mustChangePassword: true, lastSignInAt: true },
    });
    expect(row.mustChangePassword).toBe(false);
    expect(row.lastSignInAt).not.toBeNull();
  });
});

describe("B/Ds", () => {
  it("can be added, renamed and retired, each audited; a retired one is offered in no form", async () => {
    const add = await run(() =>
      adminBureaux.action(
        args(
          post(
            "/admin/bureaux",
            {
              intent: "add",
              code: "TSTD",
              kind: "department",
              parentCode: "ITIB",
              nameEn: "Test Department",
              nameZh: "測試署",
            },
            admin,
          ),
        ) as never,
      ),
    );
    expect(add.status).toBe(200);
    const bad = await run(() =>
      adminBureaux.action(
        args(
          post("/admin/bureaux", { intent: "add", code: "x", kind: "department", nameEn: "", nameZh: "" }, admin),
        ) as never,
      ),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { fields: object }).fields).sort()).toEqual(["code", "nameEn", "nameZh"]);
    const rename = await run(() =>
      adminBureaux.action(
        args(
          post(
            "/admin/bureaux",
            { intent: "rename", code: "TSTD", nameEn: "Testing Department", nameZh: "測試部" },
            admin,
          ),
        ) as never,
      ),
    );
    expect(rename.status).toBe(200);
    expect(await db.bureau.findUnique({ where: { code: "TSTD" }, select: { nameEn: true, nameZh: true } })).toEqual({
      nameEn: "Testing Department",
      nameZh: "測試部",
    });
    const retire = await run(() =>
      adminBureaux.action(args(post("/admin/bureaux", { intent: "retire", code: "TSTD" }, admin)) as never),
    );
    expect(retire.status).toBe(200);
    const events = await db.auditEvent.findMany({
      where: { event: { startsWith: "BUREAU_" } },
      select: { event: true },
    });
    expect(events.map((e) => e.event)).toEqual(["BUREAU_ADDED", "BUREAU_RENAMED", "BUREAU_RETIRED"]);
    const { bureaux } = await listOrganisation();
    expect(bureaux.map((b) => b.code)).not.toContain("TSTD");
  });

  it("a retired B/D takes no new proposals, by page and by API, and keeps its history", async () => {
    const officer = await login("officer.itb@demo.gov.hk");
    const token = (
      await call<{ token: string }>("POST", "/api/v1/tokens", {
        json: { email: "officer.itb@demo.gov.hk", password: "hk-digital-2026" },
      })
    ).body.token;
    const before = await call("POST", "/api/v1/initiatives", {
      token,
      json: completeProposal({ titleEn: "Before retirement" }),
    });
    expect(before.status).toBe(201);
    const retire = await run(() =>
      adminBureaux.action(args(post("/admin/bureaux", { intent: "retire", code: "ITIB" }, admin)) as never),
    );
    expect(retire.status).toBe(200);
    const count = await db.initiative.count();

    const api = await call("POST", "/api/v1/initiatives", {
      token,
      json: completeProposal({ titleEn: "After retirement" }),
    });
    expect(api.status).toBe(422);
    expect(api.body.error.message).toMatch(/retired/);
    const form: Record<string, string> = { intent: "save", titleEn: "After retirement by page" };
    const page = await run(() => newProposal.action(args(post("/initiatives/new", form, officer)) as never));
    expect(page.status).toBe(422);
    expect(JSON.stringify(await page.json())).toContain("bureaux.retiredNoProposals");
    expect(await db.initiative.count()).toBe(count);
    // Its history stays readable.
    const read = await call("GET", `/api/v1/initiatives/${before.body.ref}`, { token });
    expect(read.status).toBe(200);

    const reinstate = await run(() =>
      adminBureaux.action(args(post("/admin/bureaux", { intent: "reinstate", code: "ITIB" }, admin)) as never),
    );
    expect(reinstate.status).toBe(200);
  });
});

describe("CSV import", () => {
  const header = "email,name,role,unit";
  it("previews every row and writes nothing while one row is bad, naming the row", async () => {
    const csv = [
      header,
      "ok.one@itib.gov.hk,Ok One,OFFICER,ITIB",
      "bad-email,Bad Row,OFFICER,ITIB",
      "ok.two@dpo.gov.hk,Ok Two,REVIEWER,DIGITAL_GOVERNMENT",
    ].join("\n");
    const before = await db.user.count();
    const preview = await run(() =>
      adminImport.action(args(post("/admin/users/import", { intent: "preview", csv }, admin)) as never),
    );
    expect(preview.status).toBe(400);
    const body = (await preview.json()) as { rows: { line: number; problems: string[] }[]; bad: number };
    expect(body.bad).toBe(1);
    expect(body.rows.filter((r) => r.problems.length).map((r) => r.line)).toEqual([3]);
    expect(body.rows[1]!.problems).toEqual(["import.emailInvalid"]);

    const attempt = await run(() =>
      adminImport.action(args(post("/admin/users/import", { intent: "import", csv }, admin)) as never),
    );
    expect(attempt.status).toBe(400);
    expect(((await attempt.json()) as { bad: number }).bad).toBe(1);
    expect(await db.user.count()).toBe(before);
  });

  it("imports every row of a good file in one go, each to choose a password", async () => {
    const csv = [
      header,
      "ok.one@itib.gov.hk,Ok One,OFFICER,ITIB",
      '"ok.two@dpo.gov.hk","Two, Ok",REVIEWER,DIGITAL_GOVERNMENT',
      "ok.three@dpo.gov.hk,Ok Three,LEADERSHIP,",
    ].join("\r\n");
    const before = await db.user.count();
    const res = await run(() =>
      adminImport.action(args(post("/admin/users/import", { intent: "import", csv }, admin)) as never),
    );
    expect(res.status).toBe(200);
    expect(await db.user.count()).toBe(before + 3);
    const two = await db.user.findUniqueOrThrow({
      where: { email: "ok.two@dpo.gov.hk" },
      select: { name: true, divisionCode: true, mustChangePassword: true },
    });
    expect(two).toEqual({ name: "Two, Ok", divisionCode: "DIGITAL_GOVERNMENT", mustChangePassword: true });
    // The same file again: every row is now a duplicate.
    const again = await run(() =>
      adminImport.action(args(post("/admin/users/import", { intent: "import", csv }, admin)) as never),
    );
    expect(again.status).toBe(400);
    expect(await db.user.count()).toBe(before + 3);
  });
});

describe("users list", () => {
  it("shows last sign-in and MFA status and filters by role, B/D and status", async () => {
    const res = await run(() => adminUsers.loader(args(get("/admin/users?role=OFFICER&bureau=ITIB", admin)) as never));
    const data = (await res.json()) as { users: { email: string; lastSignInAt: string | null; mfa: boolean }[] };
    expect(data.users.map((u) => u.email)).toEqual(["officer.itb@demo.gov.hk", "ok.one@itib.gov.hk"]);
    expect(data.users[0]).toHaveProperty("mfa", false);
    const disabled = await run(() => adminUsers.loader(args(get("/admin/users?status=disabled", admin)) as never));
    expect(((await disabled.json()) as { users: unknown[] }).users).toEqual([]);
    const signedIn = await run(() => adminUsers.loader(args(get("/admin/users?role=LEADERSHIP", admin)) as never));
    const leaders = ((await signedIn.json()) as { users: { email: string; lastSignInAt: string | null }[] }).users;
    expect(leaders.find((u) => u.email === "ng.hoiyan@demo.gov.hk")?.lastSignInAt).toBeTruthy();
  });
});

describe("personal API tokens", () => {
  it("are made on /account, stored as a hash, work with the API, and can be revoked", async () => {
    const reviewer = await login("reviewer.dg@demo.gov.hk");
    const made = await run(() =>
      accountTokens.action(
        args(post("/account/tokens", { intent: "create", name: "Weekly report", days: "30" }, reviewer)) as never,
      ),
    );
    expect(made.status).toBe(200);
    const { created } = (await made.json()) as { created: { token: string } };
    const stored = await db.apiToken.findFirstOrThrow({
      where: { name: "Weekly report" },
      select: { id: true, tokenHash: true, expiresAt: true },
    });
    expect(stored.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    expect((await call("GET", "/api/v1/initiatives", { token: created.token })).status).toBe(200);

    const list = await run(() => accountTokens.loader(args(get("/account/tokens", reviewer)) as never));
    const { tokens } = (await list.json()) as { tokens: { id: string; name: string | null }[] };
    expect(tokens.map((t) => t.name)).toContain("Weekly report");

    // Another user cannot revoke it.
    const other = await login("reviewer.dgov@demo.gov.hk");
    const theirs = await run(() =>
      accountTokens.action(args(post("/account/tokens", { intent: "revoke", tokenId: stored.id }, other)) as never),
    );
    expect(theirs.status).toBe(404);
    expect((await call("GET", "/api/v1/initiatives", { token: created.token })).status).toBe(200);

    const revoked = await run(() =>
      accountTokens.action(args(post("/account/tokens", { intent: "revoke", tokenId: stored.id }, reviewer)) as never),
    );
    expect(revoked.status).toBe(200);
    expect((await call("GET", "/api/v1/initiatives", { token: created.token })).status).toBe(401);
  });

  it("refuses a bad name or expiry and writes nothing", async () => {
    const reviewer = await login("reviewer.dg@demo.gov.hk");
    const before = await db.apiToken.count();
    const res = await run(() =>
      accountTokens.action(
        args(post("/account/tokens", { intent: "create", name: "", days: "9999" }, reviewer)) as never,
      ),
    );
    expect(res.status).toBe(400);
    expect(Object.keys(((await res.json()) as { fields: object }).fields).sort()).toEqual(["days", "name"]);
    expect(await db.apiToken.count()).toBe(before);
  });
});

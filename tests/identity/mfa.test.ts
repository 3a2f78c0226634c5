// Two-step verification for password accounts (issue 14): TOTP with recovery codes, throttled code
// attempts, enrolment required for administrators and leadership by a setting, through the real routes.
import { generateTOTP } from "@epic-web/totp";
import { beforeAll, describe, expect, it } from "vitest";
import { beginEnrolment, confirmEnrolment, MAX_MFA_FAILURES } from "~/auth/mfa.server.ts";
import * as loginPage from "~/routes/login.tsx";
import * as mfaPage from "~/routes/login_.mfa.tsx";
import * as mfaSetup from "~/routes/login_.mfa-setup.tsx";
import * as signInSettings from "~/routes/admin_.sign-in.tsx";
import { db } from "~/utils/db.server.ts";
import { DEMO_PASSWORD } from "../../prisma/seed/index.ts";
import { call } from "../api/client.ts";
import { args, get, login, post, run } from "../helpers/http.ts";
import { cookiesOf, seedPeople, userId } from "./people.ts";

const TOTP = { algorithm: "SHA-1", period: 30, digits: 6 } as const;
const codeFor = async (secret: string) => (await generateTOTP({ ...TOTP, secret })).otp;

let adminSecret = "";
let recoveryCodes: string[] = [];

async function passwordStep(email: string): Promise<Response> {
  return run(() =>
    loginPage.action(args(post("/login", { email, password: DEMO_PASSWORD, redirectTo: "/admin" })) as never),
  );
}
async function sendCode(pending: string, code: string): Promise<Response> {
  return run(() => mfaPage.action(args(post("/login/mfa", { code }, undefined, { Cookie: pending })) as never));
}

beforeAll(async () => {
  await seedPeople();
  const adminId = await userId("admin@demo.gov.hk");
  const enrolment = await beginEnrolment(adminId);
  adminSecret = enrolment!.secret;
  expect(enrolment!.qrSvg).toContain("<svg");
  expect(enrolment!.uri).toMatch(/^otpauth:\/\/totp\//);
  const confirmed = await confirmEnrolment(adminId, await codeFor(adminSecret));
  if (!confirmed.ok) throw new Error("could not enrol the administrator");
  recoveryCodes = confirmed.recoveryCodes;
});

describe("an administrator with TOTP enrolled", () => {
  it("has ten recovery codes, stored only as hashes", async () => {
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await db.recoveryCode.findMany({ select: { codeHash: true } });
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) expect(JSON.stringify(stored)).not.toContain(code.replace("-", ""));
  });

  it("cannot finish signing in without a valid code", async () => {
    const step = await passwordStep("admin@demo.gov.hk");
    expect(step.status).toBe(302);
    expect(step.headers.get("Location")).toBe("/login/mfa");
    const pending = cookiesOf(step);
    expect(pending).not.toContain("it_session");
    // The pending cookie is not a session: the pages still send the browser to sign in.
    expect(
      (await run(() => mfaPage.loader(args(get("/login/mfa", undefined, { Cookie: pending })) as never))).status,
    ).toBe(200);

    const wrong = await sendCode(pending, "000000");
    expect(wrong.status).toBe(401);
    expect(cookiesOf(wrong)).not.toContain("it_session");

    const right = await sendCode(pending, await codeFor(adminSecret));
    expect(right.status).toBe(302);
    expect(right.headers.get("Location")).toBe("/admin");
    expect(cookiesOf(right)).toContain("it_session");
  });

  it("a password alone gets no API token either", async () => {
    const res = await call("POST", "/api/v1/tokens", { json: { email: "admin@demo.gov.hk", password: DEMO_PASSWORD } });
    expect(res.status).toBe(403);
  });

  it("a recovery code works once", async () => {
    const first = cookiesOf(await passwordStep("admin@demo.gov.hk"));
    const used = await sendCode(first, recoveryCodes[0]!.toLowerCase());
    expect(used.status).toBe(302);
    expect(cookiesOf(used)).toContain("it_session");
    const second = cookiesOf(await passwordStep("admin@demo.gov.hk"));
    const again = await sendCode(second, recoveryCodes[0]!);
    expect(again.status).toBe(401);
    expect(await db.recoveryCode.count({ where: { usedAt: null } })).toBe(9);
  });

  it("the sixth wrong code in a row is throttled, even when it is right", async () => {
    await db.mfaAttempt.deleteMany();
    const pending = cookiesOf(await passwordStep("admin@demo.gov.hk"));
    for (let i = 0; i < MAX_MFA_FAILURES; i++) expect((await sendCode(pending, "111111")).status).toBe(401);
    const sixth = await sendCode(pending, await codeFor(adminSecret));
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(cookiesOf(sixth)).not.toContain("it_session");
    // A recovery code is throttled too: the limit is on the account, not the kind of code.
    expect((await sendCode(pending, recoveryCodes[1]!)).status).toBe(429);
    await db.mfaAttempt.deleteMany();
  });
});

describe("the setting that requires a second factor", () => {
  it("is audited and sends leadership to enrolment after their password", async () => {
    const admin = await login("admin@demo.gov.hk");
    const saved = await run(() =>
      signInSettings.action(args(post("/admin/sign-in", { mfaRequired: "on", roleMap: "" }, admin)) as never),
    );
    expect(saved.status).toBe(200);
    expect(await db.auditEvent.count({ where: { event: "SIGN_IN_SETTINGS_CHANGED" } })).toBe(1);

    const step = await passwordStep("leader@demo.gov.hk");
    expect(step.headers.get("Location")).toBe("/login/mfa-setup");
    const pending = cookiesOf(step);
    const page = await run(() =>
      mfaSetup.loader(args(get("/login/mfa-setup", undefined, { Cookie: pending })) as never),
    );
    expect(page.status).toBe(200);
    const { enrolment } = (await page.json()) as { enrolment: { secret: string } };
    const wrong = await run(() =>
      mfaSetup.action(args(post("/login/mfa-setup", { code: "123456" }, undefined, { Cookie: pending })) as never),
    );
    expect(wrong.status).toBe(400);
    const code = await codeFor(enrolment.secret);
    const done = await run(() =>
      mfaSetup.action(args(post("/login/mfa-setup", { code }, undefined, { Cookie: pending })) as never),
    );
    expect(done.status).toBe(200);
    expect(((await done.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
    expect(cookiesOf(done)).toContain("it_session");

    // Officers are not affected by the setting.
    const officer = await passwordStep("officer.itb@demo.gov.hk");
    expect(officer.headers.get("Location")).toBe("/admin");
    expect(cookiesOf(officer)).toContain("it_session");
  });
});

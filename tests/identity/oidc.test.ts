// Single sign-on (issue 14) against msw stand-ins for the provider's discovery, keys and token endpoints:
// code + PKCE + state + nonce, roles from the `groups` claim through the mapping in settings, "awaiting
// access" for an unmapped user, and every tampering refused. The real-provider journey is an e2e test.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetSignInOptions } from "~/auth/oidc-config.server.ts";
import { resetProviderConfiguration } from "~/auth/oidc.server.ts";
import { getSessionUser } from "~/auth/session.server.ts";
import { issueToken } from "~/api/tokens.server.ts";
import * as home from "~/routes/_index.tsx";
import * as awaiting from "~/routes/awaiting-access.tsx";
import * as callback from "~/routes/auth.oidc.callback.tsx";
import * as start from "~/routes/auth.oidc.start.ts";
import * as initiatives from "~/routes/initiatives._index.tsx";
import * as loginPage from "~/routes/login.tsx";
import * as logout from "~/routes/logout.tsx";
import * as reviews from "~/routes/reviews.tsx";
import { db } from "~/utils/db.server.ts";
import { call } from "../api/client.ts";
import { args, get, ORIGIN, post, run, type Session } from "../helpers/http.ts";
import { CLIENT_ID, CLIENT_SECRET, FakeProvider, ISSUER } from "../mocks/identity-provider.ts";
import { cookiesOf, seedPeople } from "./people.ts";

const provider = new FakeProvider();
const server = setupServer(...provider.handlers());
const ROLE_MAP = {
  "dpo-dg-reviewers": { role: "REVIEWER", division: "DIGITAL_GOVERNMENT" },
  "itb-officers": { role: "OFFICER", bureau: "ITIB" },
  "dpo-leadership": { role: "LEADERSHIP" },
};
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  const env = {
    OIDC_ISSUER: ISSUER,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    APP_URL: ORIGIN,
    OIDC_ROLE_MAP: JSON.stringify(ROLE_MAP),
  };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  resetSignInOptions();
  resetProviderConfiguration();
  server.listen({ onUnhandledRequest: "error" });
  await seedPeople();
});

afterAll(() => {
  server.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetSignInOptions();
  resetProviderConfiguration();
});

/** The button: the app's redirect to the provider, and the flow's cookie. */
async function begin(redirectTo?: string): Promise<{ location: string; cookie: string }> {
  const url = `/auth/oidc/start${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`;
  const res = await run(() => start.loader(args(get(url)) as never));
  expect(res.status).toBe(302);
  return { location: res.headers.get("Location")!, cookie: cookiesOf(res) };
}
async function back(query: URLSearchParams, cookie: string): Promise<Response> {
  return run(() =>
    callback.loader(args(get(`/auth/oidc/callback?${query}`, undefined, cookie ? { Cookie: cookie } : {})) as never),
  );
}
function sessionOf(res: Response): Session {
  const cookie = cookiesOf(res)
    .split("; ")
    .find((c) => c.startsWith("it_session="))!;
  return { cookie, csrf: "" };
}
const claims = (email: string, groups: string[], extra: Record<string, unknown> = {}) => ({
  sub: `sub-${email}`,
  email,
  email_verified: true,
  name: email.split("@")[0],
  groups,
  ...extra,
});

describe("single sign-on", () => {
  it("the sign-in page offers the government account", async () => {
    const res = await run(() => loginPage.loader(args(get("/login")) as never));
    expect(await res.json()).toEqual({ oidc: true, passwordSignIn: true });
  });

  it("sends the browser to the provider with PKCE (S256), state and nonce", async () => {
    const { location, cookie } = await begin();
    const url = new URL(location);
    expect(`${url.origin}${url.pathname}`).toBe(`${ISSUER}/authorize`);
    expect(url.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("redirect_uri")).toBe(`${ORIGIN}/auth/oidc/callback`);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("scope")).toContain("openid");
    expect(cookie).toContain("it_oidc=");
  });

  it("a group mapped to Digital Government reviewers lands on that division's queue", async () => {
    const { location, cookie } = await begin();
    const res = await back(
      provider.authorize(location, claims("new.reviewer@dpo.gov.hk", ["staff", "dpo-dg-reviewers"])),
      cookie,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/reviews");
    const session = sessionOf(res);
    const user = await getSessionUser(get("/", session));
    expect(user).toMatchObject({ role: "REVIEWER", divisionCode: "DIGITAL_GOVERNMENT" });
    const queue = await run(() => reviews.loader(args(get("/reviews", session)) as never));
    expect(queue.status).toBe(200);
    const audit = await db.auditEvent.findFirst({
      where: { event: "USER_CREATED_BY_SIGN_ON" },
      select: { payload: true },
    });
    expect(audit?.payload).toContain("new.reviewer@dpo.gov.hk");
  });

  it("matches an existing user by verified e-mail and applies the mapped role", async () => {
    const { location, cookie } = await begin("/initiatives");
    const res = await back(provider.authorize(location, claims("officer.itb@demo.gov.hk", ["itb-officers"])), cookie);
    expect(res.headers.get("Location")).toBe("/initiatives");
    const row = await db.user.findUniqueOrThrow({
      where: { email: "officer.itb@demo.gov.hk" },
      select: { oidcSubject: true, role: true },
    });
    expect(row).toEqual({ oidcSubject: "sub-officer.itb@demo.gov.hk", role: "OFFICER" });
    expect(await db.user.count({ where: { email: "officer.itb@demo.gov.hk" } })).toBe(1);
  });

  it("an unmapped user sees only 'awaiting access' and gets 403 from data routes and the API", async () => {
    const { location, cookie } = await begin();
    const res = await back(provider.authorize(location, claims("visitor@hyd.gov.hk", ["hyd-staff"])), cookie);
    expect(res.status).toBe(302);
    const session = sessionOf(res);
    const user = await db.user.findUniqueOrThrow({
      where: { email: "visitor@hyd.gov.hk" },
      select: { id: true, role: true },
    });
    expect(user.role).toBe("NONE");

    const homeRes = await run(() => home.loader(args(get("/", session)) as never));
    expect(homeRes.status).toBe(302);
    expect(homeRes.headers.get("Location")).toBe("/awaiting-access");
    const page = await run(() => awaiting.loader(args(get("/awaiting-access", session)) as never));
    expect(page.status).toBe(200);
    expect((await run(() => initiatives.loader(args(get("/initiatives", session)) as never))).status).toBe(403);
    expect((await run(() => reviews.loader(args(get("/reviews", session)) as never))).status).toBe(403);
    const { token } = await issueToken(user.id);
    expect((await call("GET", "/api/v1/initiatives", { token })).status).toBe(403);
    expect((await call("GET", "/api/v1/initiatives/DPO-2026-0001", { token })).status).toBe(403);
  });

  it("refuses a tampered state, and starts no session", async () => {
    const { location, cookie } = await begin();
    const query = provider.authorize(location, claims("officer.immd@demo.gov.hk", []));
    query.set("state", "forged-state-value");
    const before = await db.session.count();
    const res = await back(query, cookie);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { reason: string }).reason).toBe("refused");
    expect(cookiesOf(res)).not.toContain("it_session");
    expect(await db.session.count()).toBe(before);
  });

  it("refuses an expired ID token", async () => {
    provider.idTokenLifetime = -600;
    try {
      const { location, cookie } = await begin();
      const res = await back(provider.authorize(location, claims("officer.immd@demo.gov.hk", [])), cookie);
      expect(res.status).toBe(400);
      expect(cookiesOf(res)).not.toContain("it_session");
    } finally {
      provider.idTokenLifetime = 300;
    }
  });

  it("refuses a replayed code, with the flow's cookie or without", async () => {
    const { location, cookie } = await begin();
    const query = provider.authorize(location, claims("leader.sso@dpo.gov.hk", ["dpo-leadership"]));
    expect((await back(query, cookie)).status).toBe(302);
    const calls = provider.tokenCalls;
    const replay = await back(query, cookie);
    expect(replay.status).toBe(400);
    expect(provider.tokenCalls).toBe(calls + 1); // the provider itself refused the code's second use
    const without = await back(query, "");
    expect(without.status).toBe(400);
    expect(((await without.json()) as { reason: string }).reason).toBe("expired");
  });

  it("refuses an e-mail address the provider has not verified", async () => {
    const { location, cookie } = await begin();
    const res = await back(
      provider.authorize(location, claims("unverified@dpo.gov.hk", ["dpo-leadership"], { email_verified: false })),
      cookie,
    );
    expect(res.status).toBe(400);
    expect(await db.user.count({ where: { email: "unverified@dpo.gov.hk" } })).toBe(0);
  });

  it("sign-out ends the session here and at the provider", async () => {
    const { location, cookie } = await begin();
    const signedIn = await back(
      provider.authorize(location, claims("new.reviewer@dpo.gov.hk", ["dpo-dg-reviewers"])),
      cookie,
    );
    const session = sessionOf(signedIn);
    const user = await getSessionUser(get("/", session));
    const { csrfTokenFor } = await import("~/auth/session.server.ts");
    const out = await run(() =>
      logout.action(args(post("/logout", {}, { ...session, csrf: csrfTokenFor(user!.sessionId) })) as never),
    );
    expect(out.status).toBe(302);
    const to = new URL(out.headers.get("Location")!);
    expect(`${to.origin}${to.pathname}`).toBe(`${ISSUER}/logout`);
    expect(to.searchParams.get("id_token_hint")).toMatch(/^ey/);
    expect(to.searchParams.get("post_logout_redirect_uri")).toBe(`${ORIGIN}/login?signedOut=1`);
    expect(await getSessionUser(get("/", session))).toBeNull();
  });
});

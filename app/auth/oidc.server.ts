/**
 * OpenID Connect sign-in with the government's identity provider: the authorization code flow with
 * PKCE, `state` and `nonce` (openid-client checks the ID token's signature, issuer, audience, expiry and
 * nonce), and the provider's end-session endpoint at sign-out. Between the redirect and the callback the
 * browser holds a signed, short-lived cookie with the verifier, state and nonce; it is spent by the
 * callback, so a callback URL replayed later finds nothing to match.
 */
import { createCookie, redirect } from "@remix-run/node";
import * as client from "openid-client";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { getSignInOptions, type OidcSettings } from "./oidc-config.server.ts";
import { provisionUser, type ProviderClaims } from "./oidc-users.server.ts";
import { logDenied } from "./security-log.server.ts";
import { startSignedInSession } from "./sign-in-flow.server.ts";
import { HttpError, toPageResponse } from "~/utils/http.server.ts";

type Transaction = { verifier: string; state: string; nonce: string; redirectTo: string };
const TRANSACTION_TTL_S = 10 * 60;

let transactionCookie: ReturnType<typeof createCookie> | undefined;
function getTransactionCookie() {
  if (!transactionCookie) {
    const env = getEnv();
    const production = env.NODE_ENV === "production";
    transactionCookie = createCookie(production ? "__Host-it_oidc" : "it_oidc", {
      httpOnly: true,
      // Lax: the provider's redirect back to the callback is a top-level GET, which carries it.
      sameSite: "lax",
      secure: production,
      path: "/",
      secrets: env.sessionSecrets,
      maxAge: TRANSACTION_TTL_S,
    });
  }
  return transactionCookie;
}

function settings(): OidcSettings {
  const oidc = getSignInOptions().oidc;
  if (!oidc) throw toPageResponse(new HttpError(404, { key: "problems.ssoOff" }));
  return oidc;
}

let configuration: Promise<client.Configuration> | undefined;

/** The provider's metadata and keys (discovery), fetched once and kept; a failed fetch is tried again next time. */
export function getProviderConfiguration(): Promise<client.Configuration> {
  const oidc = settings();
  configuration ??= client
    .discovery(oidc.issuer, oidc.clientId, undefined, client.ClientSecretPost(oidc.clientSecret), {
      // Plain HTTP only for a provider on this machine (development and the test harness).
      execute: oidc.issuer.protocol === "http:" && isLocal(oidc.issuer) ? [client.allowInsecureRequests] : [],
      timeout: 10,
    })
    .catch((error: unknown) => {
      configuration = undefined;
      throw error;
    });
  return configuration;
}

function isLocal(url: URL): boolean {
  return url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
}

/** Forgets the provider's configuration (tests start providers on new ports). */
export function resetProviderConfiguration(): void {
  configuration = undefined;
}

/** Sends the browser to the provider, remembering the PKCE verifier, state and nonce in a signed cookie. */
export async function startProviderSignIn(redirectTo: string): Promise<Response> {
  const oidc = settings();
  const config = await getProviderConfiguration();
  const tx: Transaction = {
    verifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
    redirectTo,
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: oidc.redirectUri,
    scope: oidc.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(tx.verifier),
    code_challenge_method: "S256",
    state: tx.state,
    nonce: tx.nonce,
  });
  return redirect(url.href, { headers: { "Set-Cookie": await getTransactionCookie().serialize(tx) } });
}

/** Why a provider's answer was not accepted; each has its own message on the callback page. */
export type ProviderRefusal = "expired" | "refused" | "unverifiedEmail" | "disabled" | "subjectMismatch";

export type CallbackResult = { ok: true; response: Response } | { ok: false; reason: ProviderRefusal; clear: string };

/**
 * Finishes a sign-in at the callback: exchanges the code (with the PKCE verifier) after checking
 * `state`, validates the ID token (signature, issuer, audience, expiry, nonce), then finds or creates the
 * user and starts a session. Anything wrong — a forged state, a replayed code, an expired or tampered
 * token, an error from the provider — is refused and logged, and starts nothing.
 */
export async function finishProviderSignIn(request: Request, userAgent: string | null): Promise<CallbackResult> {
  const oidc = settings();
  const clear = await getTransactionCookie().serialize("", { maxAge: 0 });
  const tx = (await getTransactionCookie().parse(request.headers.get("Cookie"))) as Transaction | null;
  const where = "GET /auth/oidc/callback";
  if (!tx || typeof tx !== "object" || typeof tx.state !== "string") {
    logDenied(null, where, "single sign-on callback without a sign-in in progress");
    return { ok: false, reason: "expired", clear };
  }
  // The provider answered at our public address; rebuild it so that redirect_uri matches behind a proxy.
  const incoming = new URL(request.url);
  const currentUrl = new URL(`${oidc.redirectUri}${incoming.search}`);
  let claims: ProviderClaims;
  try {
    const config = await getProviderConfiguration();
    const tokens = await client.authorizationCodeGrant(
      config,
      currentUrl,
      { pkceCodeVerifier: tx.verifier, expectedState: tx.state, expectedNonce: tx.nonce, idTokenExpected: true },
      { redirect_uri: oidc.redirectUri },
    );
    const idClaims = tokens.claims()!;
    claims = { ...idClaims } as ProviderClaims;
    // Providers that keep e-mail and groups out of the ID token give them at the userinfo endpoint.
    if (claims.email === undefined || claims.groups === undefined) {
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...claims, email: claims.email ?? info.email, groups: claims.groups ?? info.groups };
      if (claims.email_verified === undefined) claims.email_verified = info.email_verified;
    }
    const user = await provisionUser(claims);
    if (!user.ok) {
      logDenied(null, where, `single sign-on refused: ${user.reason}`, String(claims.email ?? claims.sub));
      return { ok: false, reason: user.reason, clear };
    }
    const setCookie = await startSignedInSession(user.userId, userAgent, { oidcIdToken: tokens.id_token });
    const headers = new Headers();
    headers.append("Set-Cookie", clear);
    headers.append("Set-Cookie", setCookie);
    return { ok: true, response: redirect(landingFor(user.role, tx.redirectTo), { headers }) };
  } catch (error) {
    if (error instanceof Response) throw error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
    logDenied(null, where, `single sign-on refused: ${reason}`);
    return { ok: false, reason: "refused", clear };
  }
}

/** Where a user lands: the page they asked for, or their role's start (a reviewer's queue). */
function landingFor(role: string, redirectTo: string): string {
  if (redirectTo !== "/") return redirectTo;
  if (role === "REVIEWER") return "/reviews";
  return "/";
}

/**
 * The provider's end-session URL for a session that began there (with its ID token as the hint), or
 * null when the session began with a password or the provider offers no end-session endpoint.
 */
export async function providerSignOutUrl(sessionId: string): Promise<string | null> {
  const oidc = getSignInOptions().oidc;
  if (!oidc) return null;
  const session = await db.session.findUnique({ where: { id: sessionId }, select: { oidcIdToken: true } });
  if (!session?.oidcIdToken) return null;
  try {
    const config = await getProviderConfiguration();
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, {
      id_token_hint: session.oidcIdToken,
      post_logout_redirect_uri: `${oidc.appUrl}/login?signedOut=1`,
    }).href;
  } catch {
    // The provider is unreachable: our own session still ends.
    return null;
  }
}

/** The provider's origin, for the Content-Security-Policy's form-action (sign-out redirects there). */
export function providerOrigin(): string | null {
  return getSignInOptions().oidc?.issuer.origin ?? null;
}

// msw handlers standing in for a government identity provider we do not run in unit tests: discovery,
// keys (JWKS), the token endpoint (authorization code + PKCE, each code usable once) and userinfo. The
// browser's trip to the authorization endpoint is played by `authorize()`, which reads what the app put
// in the authorization URL and mints a code for chosen claims.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { http, HttpResponse } from "msw";

export const ISSUER = "https://login.idp.test";
export const CLIENT_ID = "initiative-tracker";
export const CLIENT_SECRET = "test-client-secret-0123456789";

type Grant = { claims: Record<string, unknown>; nonce: string; challenge: string; redirectUri: string; used: boolean };

const b64url = (input: Buffer | string) => Buffer.from(input).toString("base64url");

export class FakeProvider {
  private readonly key: KeyObject;
  private readonly kid = "test-key-1";
  private readonly grants = new Map<string, Grant>();
  /** Seconds added to the ID token's exp (negative: an expired token). */
  idTokenLifetime = 300;
  tokenCalls = 0;

  constructor() {
    this.key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  }

  private idToken(claims: Record<string, unknown>, nonce: string): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: "RS256", typ: "JWT", kid: this.kid };
    const payload = { iss: ISSUER, aud: CLIENT_ID, iat: now, exp: now + this.idTokenLifetime, nonce, ...claims };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
    return `${input}.${b64url(sign("sha256", Buffer.from(input), this.key))}`;
  }

  /** The user "signs in" at the provider: returns the callback's query for the app's authorization URL. */
  authorize(authorizationUrl: string, claims: Record<string, unknown>): URLSearchParams {
    const url = new URL(authorizationUrl);
    const code = randomBytes(16).toString("hex");
    this.grants.set(code, {
      claims,
      nonce: url.searchParams.get("nonce") ?? "",
      challenge: url.searchParams.get("code_challenge") ?? "",
      redirectUri: url.searchParams.get("redirect_uri") ?? "",
      used: false,
    });
    return new URLSearchParams({ code, state: url.searchParams.get("state") ?? "" });
  }

  handlers() {
    const publicJwk = { ...this.key.export({ format: "jwk" }) };
    for (const k of ["d", "p", "q", "dp", "dq", "qi"]) delete (publicJwk as Record<string, unknown>)[k];
    return [
      http.get(`${ISSUER}/.well-known/openid-configuration`, () =>
        HttpResponse.json({
          issuer: ISSUER,
          authorization_endpoint: `${ISSUER}/authorize`,
          token_endpoint: `${ISSUER}/token`,
          userinfo_endpoint: `${ISSUER}/userinfo`,
          jwks_uri: `${ISSUER}/jwks`,
          end_session_endpoint: `${ISSUER}/logout`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          code_challenge_methods_supported: ["S256"],
          token_endpoint_auth_methods_supported: ["client_secret_post"],
        }),
      ),
      http.get(`${ISSUER}/jwks`, () =>
        HttpResponse.json({ keys: [{ ...publicJwk, kid: this.kid, alg: "RS256", use: "sig" }] }),
      ),
      http.post(`${ISSUER}/token`, async ({ request }) => {
        this.tokenCalls++;
        const body = new URLSearchParams(await request.text());
        const grant = this.grants.get(body.get("code") ?? "");
        const invalid = (description: string) =>
          HttpResponse.json({ error: "invalid_grant", error_description: description }, { status: 400 });
        if (body.get("client_id") !== CLIENT_ID || body.get("client_secret") !== CLIENT_SECRET) {
          return HttpResponse.json({ error: "invalid_client" }, { status: 401 });
        }
        if (!grant) return invalid("unknown code");
        if (grant.used) return invalid("code already used");
        grant.used = true;
        const verifier = body.get("code_verifier") ?? "";
        if (createHash("sha256").update(verifier).digest("base64url") !== grant.challenge) {
          return invalid("PKCE verification failed");
        }
        if (body.get("redirect_uri") !== grant.redirectUri) return invalid("redirect_uri mismatch");
        return HttpResponse.json({
          access_token: randomBytes(16).toString("hex"),
          token_type: "Bearer",
          expires_in: 300,
          id_token: this.idToken(grant.claims, grant.nonce),
        });
      }),
    ];
  }
}

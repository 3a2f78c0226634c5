// A real OpenID provider (oidc-provider) for the browser journeys, standing in for the government's
// identity service: its development login form accepts any login name (any password), and these
// accounts have the e-mail and groups below; any other name is a verified e-mail with no groups.
// One test-only control: POST /__test/expire-next-id-token makes the next token response's ID token
// already expired (the provider's clock runs two hours behind (more than the ID token's hour of life) for that one request).
import { createServer } from "node:http";
import Provider from "oidc-provider";

export const OIDC_CLIENT = { id: "initiative-tracker-e2e", secret: "e2e-client-secret-0123456789abcdef" };

const ACCOUNTS = {
  "dg.reviewer": { email: "dg.reviewer@dpo.gov.hk", name: "Tsang Wai Man", groups: ["staff", "dpo-dg-reviewers"] },
  newcomer: { email: "newcomer@hyd.gov.hk", name: "Kwok Siu Ling", groups: ["hyd-staff"] },
};

export const ROLE_MAP = {
  "dpo-dg-reviewers": { role: "REVIEWER", division: "DIGITAL_GOVERNMENT" },
  "itb-officers": { role: "OFFICER", bureau: "ITIB" },
  "dpo-leadership": { role: "LEADERSHIP" },
};

/** Starts the provider on a port; resolves once it listens. */
export async function startIdentityProvider({ port, appUrl }) {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: [`${appUrl}/auth/oidc/callback`],
        post_logout_redirect_uris: [`${appUrl}/login?signedOut=1`],
        token_endpoint_auth_method: "client_secret_post",
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    pkce: { required: () => true },
    scopes: ["openid", "email", "profile", "groups"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    // Claims in the ID token itself, as many government providers send them.
    conformIdTokenClaims: false,
    cookies: { keys: ["e2e-provider-cookie-key-0123456789"] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, id) {
      const known = ACCOUNTS[id] ?? { email: id.includes("@") ? id : `${id}@example.gov.hk`, name: id, groups: [] };
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: known.email, email_verified: true, name: known.name, groups: known.groups };
        },
      };
    },
  });
  provider.proxy = false;

  // Wrapped at the HTTP layer: the provider's router answers its own paths before any Koa middleware
  // added later would run.
  let expireNext = false;
  const realNow = Date.now;
  const handle = provider.callback();
  const server = createServer((req, res) => {
    if (req.url === "/__test/expire-next-id-token" && req.method === "POST") {
      expireNext = true;
      res.writeHead(204).end();
      return;
    }
    if (req.url?.startsWith("/token") && expireNext) {
      expireNext = false;
      Date.now = () => realNow() - 7200_000;
      res.on("close", () => {
        Date.now = realNow;
      });
    }
    handle(req, res);
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { issuer };
}

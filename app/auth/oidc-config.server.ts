/**
 * Single sign-on configuration from the environment. OpenID Connect is on when OIDC_ISSUER,
 * OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and APP_URL are all set; PASSWORD_SIGN_IN=false then hides the
 * password form (and refuses password sign-in) so that everyone signs in through the provider.
 */
import { z } from "zod";
import { EnvError } from "~/utils/env.server.ts";

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { errorMap: () => ({ message: 'must be "true" or "false"' }) })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const schema = z.object({
  OIDC_ISSUER: z.string().url("must be the provider's issuer URL").optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  APP_URL: z
    .string()
    .url("must be this app's public URL, e.g. https://tracker.dpo.gov.hk")
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
  OIDC_SCOPES: z.string().default("openid email profile groups"),
  PASSWORD_SIGN_IN: flag.default("true"),
});

export type OidcSettings = {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  appUrl: string;
  scopes: string;
  redirectUri: string;
};

export type SignInOptions = { oidc: OidcSettings | null; passwordSignIn: boolean };

/** Reads the sign-in options from an environment (process.env by default). Blank values count as unset. */
export function parseSignInOptions(source: Record<string, string | undefined> = process.env): SignInOptions {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`));
  }
  const env = result.data;
  const given = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (given === 0) return { oidc: null, passwordSignIn: true };
  if (given < 3 || !env.APP_URL) {
    throw new EnvError([
      "OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and APP_URL must be set together for single sign-on",
    ]);
  }
  return {
    oidc: {
      issuer: new URL(env.OIDC_ISSUER!),
      clientId: env.OIDC_CLIENT_ID!,
      clientSecret: env.OIDC_CLIENT_SECRET!,
      appUrl: env.APP_URL,
      scopes: env.OIDC_SCOPES,
      redirectUri: `${env.APP_URL}/auth/oidc/callback`,
    },
    // Without single sign-on the password form is the only way in, whatever the flag says.
    passwordSignIn: env.PASSWORD_SIGN_IN,
  };
}

let cached: SignInOptions | undefined;

/** The process's sign-in options, read once. */
export function getSignInOptions(): SignInOptions {
  cached ??= parseSignInOptions();
  return cached;
}

/** Forgets the cached options (tests change the environment between cases). */
export function resetSignInOptions(): void {
  cached = undefined;
}

// Starts the built app for the browser journeys on a fresh SQLite database seeded with the demo data.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { OIDC_CLIENT, ROLE_MAP, startIdentityProvider } from "./identity-provider.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
if (!existsSync(path.join(root, "build/index.js"))) {
  console.error("No build: run `npm run build` first (npm run test:e2e does).");
  process.exit(1);
}
const dataDir = path.join(root, "tests/e2e/.data");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const port = process.env.E2E_PORT ?? "3400";
const appUrl = `http://127.0.0.1:${port}`;
// A real OpenID provider beside the app (single sign-on journeys), on the next port unless given.
const { issuer } = await startIdentityProvider({
  port: Number(process.env.E2E_OIDC_PORT ?? Number(port) + 1),
  appUrl,
});
const env = {
  ...process.env,
  DATABASE_URL: `file:${path.join(dataDir, "e2e.db")}`,
  PORT: port,
  NODE_ENV: "production",
  SESSION_SECRET: "e2e-only-session-secret-0123456789abcdef",
  DEMO_DATA: "true",
  OIDC_ISSUER: issuer,
  OIDC_CLIENT_ID: OIDC_CLIENT.id,
  OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
  APP_URL: appUrl,
  OIDC_ROLE_MAP: JSON.stringify(ROLE_MAP),
  // The journeys sign in as the demo administrator and leader with passwords only; the journey for
  // two-step verification switches the requirement on through the administration page.
  MFA_REQUIRED: "false",
};
execFileSync(process.execPath, ["--import", "tsx", "scripts/db-setup.ts"], {
  cwd: root,
  env,
  stdio: ["ignore", "ignore", "inherit"],
});
const server = spawn(process.execPath, ["server.mjs"], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

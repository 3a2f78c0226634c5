import { clientAddress, verifyCredentials } from "~/auth/auth.server.ts";
import { apiJson, apiRoute, readJson } from "~/api/api.server.ts";
import { issueToken } from "~/api/tokens.server.ts";
import { hasSecondFactor } from "~/auth/mfa.server.ts";
import { HttpError } from "~/utils/http.server.ts";

/**
 * POST /api/v1/tokens `{ email, password }` → 201 `{ token, expiresAt }`. The same credential check and
 * throttling as the sign-in page, so the API is no easier a way to guess a password.
 */
export const loader = apiRoute({
  async POST({ request, context }) {
    const body = await readJson(request);
    const email = typeof body.email === "string" ? body.email.trim() : "";
    const password = typeof body.password === "string" ? body.password : "";
    const fields: Record<string, string[]> = {};
    if (!email) fields.email = ["errors.required"];
    if (!password) fields.password = ["errors.required"];
    if (Object.keys(fields).length > 0) throw new HttpError(400, { key: "problems.credentialsRequired" }, fields);

    const result = await verifyCredentials(email, password, clientAddress(context));
    if (!result.ok && result.reason === "throttled") {
      throw new HttpError(429, { key: "problems.tooManyAttempts" }, undefined, "TOO_MANY_REQUESTS", {
        "Retry-After": String(result.retryAfterSeconds),
      });
    }
    // One message for an unknown account, a wrong password and a disabled account.
    if (!result.ok) throw new HttpError(401, { key: "problems.credentialsWrong" });
    // A password alone must not get round a second factor: such users make personal tokens on /account.
    if (await hasSecondFactor(result.user.id)) {
      throw new HttpError(403, { key: "problems.secondFactorNeedsPersonalToken" });
    }
    const { token, expiresAt } = await issueToken(result.user.id);
    return apiJson({ token, expiresAt: expiresAt.toISOString() }, { status: 201 });
  },
});
export const action = loader;

import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { assertSameOrigin, readUserForm } from "~/auth/auth.server.ts";
import { destroySession, getSessionUser } from "~/auth/session.server.ts";
import { providerSignOutUrl } from "~/auth/oidc.server.ts";

// Signing out is a POST (from the header's form) with the session's form token, like every other
// change: a GET must never change state, and another site must not sign anyone out.
export async function action({ request }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) await readUserForm(request.clone(), user);
  else assertSameOrigin(request);
  // A session that began at the identity provider ends there too (its end-session endpoint).
  const providerUrl = user ? await providerSignOutUrl(user.sessionId) : null;
  const setCookie = await destroySession(request);
  return redirect(providerUrl ?? "/login?signedOut=1", { headers: { "Set-Cookie": setCookie } });
}

export function loader() {
  return redirect("/");
}

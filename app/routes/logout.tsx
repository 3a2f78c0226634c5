import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { assertSameOrigin, readUserForm } from "~/auth/auth.server.ts";
import { destroySession, getSessionUser } from "~/auth/session.server.ts";

// Signing out is a POST (from the header's form) with the session's form token, like every other
// change: a GET must never change state, and another site must not sign anyone out.
export async function action({ request }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) await readUserForm(request.clone(), user);
  else assertSameOrigin(request);
  const setCookie = await destroySession(request);
  return redirect("/login?signedOut=1", { headers: { "Set-Cookie": setCookie } });
}

export function loader() {
  return redirect("/");
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { assertSameOrigin } from "~/auth/auth.server.ts";
import { destroySession } from "~/auth/session.server.ts";

// Signing out is a POST (from the header's form): a GET must never change state.
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const setCookie = await destroySession(request);
  return redirect("/login?signedOut=1", { headers: { "Set-Cookie": setCookie } });
}

export function loader() {
  return redirect("/");
}

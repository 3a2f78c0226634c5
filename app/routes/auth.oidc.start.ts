import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirectIfSignedIn, safeRedirect } from "~/auth/auth.server.ts";
import { startProviderSignIn } from "~/auth/oidc.server.ts";

// A GET from the sign-in page's link (works without JavaScript); it only sets the flow's own cookie.
export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  return startProviderSignIn(redirectTo);
}

import { useRouteLoaderData } from "@remix-run/react";

/** The session's CSRF token as a hidden field; every form that changes something includes it. */
export function CsrfInput() {
  const data = useRouteLoaderData("root") as { csrf?: string } | undefined;
  return <input type="hidden" name="_csrf" value={data?.csrf ?? ""} />;
}

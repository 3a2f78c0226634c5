import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedResponse } from "~/open-data/feed-response.server.ts";

/** GET /open-data/initiatives.json — funded initiatives, public (no sign-in). */
export function loader({ request, context }: LoaderFunctionArgs) {
  return feedResponse(request, context, "json");
}

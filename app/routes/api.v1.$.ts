import { apiRoute } from "~/api/api.server.ts";
import { errorJson } from "~/utils/http.server.ts";

// Without this, an unknown /api/v1 address would fall through to the HTML 404 page.
/** Any /api/v1 address no other API route claims, whatever the method: a JSON 404. */
export const loader = apiRoute(({ request }) => errorJson(404, `No API endpoint at ${new URL(request.url).pathname}.`));
export const action = loader;

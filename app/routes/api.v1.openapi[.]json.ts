import { apiJson, apiRoute } from "~/api/api.server.ts";
import { openApiDocument } from "~/api/openapi/document.server.ts";

/** GET /api/v1/openapi.json — the API's OpenAPI 3.1 contract. Public: it describes, it reveals no data. */
export const loader = apiRoute({
  GET() {
    return apiJson(openApiDocument());
  },
});
export const action = loader;

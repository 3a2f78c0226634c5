// The OpenAPI contract: valid OpenAPI 3.1, and documenting every route under app/routes/api.v1.* with
// every method it answers. A route added without its contract fails here.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import type { ApiRouteHandler } from "~/api/api.server.ts";
import { get } from "../helpers/http.ts";
import { openApi, openApi31Schema } from "./contract.ts";

const ROUTES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");

/** `api.v1.initiatives.$ref.comments.ts` → `/api/v1/initiatives/{ref}/comments`; `[.]` is a literal dot. */
function templateOf(file: string): string {
  const base = file.replace(/\.tsx?$/, "").replace(/\[\.\]/g, "~dot~");
  const segments = base
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? `{${s.slice(1)}}` : s).replace(/~dot~/g, "."));
  return `/${segments.join("/")}`;
}

describe("OpenAPI contract", () => {
  it("is served as JSON at /api/v1/openapi.json and validates as OpenAPI 3.1", async () => {
    const { loader } = await import("~/routes/api.v1.openapi[.]json.ts");
    const res = await loader({ request: get("/api/v1/openapi.json"), params: {}, context: {} } as never);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
    const doc = (await res.json()) as { openapi: string };
    expect(doc.openapi).toBe("3.1.0");
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(openApi31Schema());
    const ok = validate(doc);
    expect(ok, ajv.errorsText(validate.errors)).toBe(true);
    // The check can fail: a document with a broken operation is refused.
    expect(validate({ ...doc, paths: { "/x": { get: { responses: "none" } } } })).toBe(false);
  });

  it("documents every route under app/routes/api.v1.* with each method it answers", async () => {
    const doc = await openApi();
    const files = readdirSync(ROUTES).filter((f) => f.startsWith("api.v1.") && /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    const missing: string[] = [];
    for (const file of files) {
      if (file === "api.v1.$.ts") continue; // the catch-all: a JSON 404 for addresses no route claims
      const template = templateOf(file);
      const item = doc.paths[template];
      if (!item) {
        missing.push(`${file}: ${template} is not in the document`);
        continue;
      }
      const mod = (await import(/* @vite-ignore */ pathToFileURL(path.join(ROUTES, file)).href)) as {
        loader?: ApiRouteHandler;
      };
      const methods = mod.loader?.methods;
      if (!methods) {
        missing.push(`${file}: not built with apiRoute({ METHOD: handler })`);
        continue;
      }
      for (const m of methods) {
        if (!item[m.toLowerCase()]) missing.push(`${file}: ${m} ${template} is not in the document`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("maps route file names to documented paths", () => {
    expect(templateOf("api.v1.initiatives.$ref.events.ts")).toBe("/api/v1/initiatives/{ref}/events");
    expect(templateOf("api.v1.initiatives._index.ts")).toBe("/api/v1/initiatives");
    expect(templateOf("api.v1.openapi[.]json.ts")).toBe("/api/v1/openapi.json");
  });
});

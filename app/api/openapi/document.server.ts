/**
 * The OpenAPI 3.1 contract of /api/v1, generated from the zod schemas the routes validate with (proposal,
 * events, filters) and those that describe the answers (schemas.server.ts). One registry; each area adds
 * its paths through a `register…` function so that a new route is documented beside the others.
 */
import {
  OpenApiGeneratorV31,
  OpenAPIRegistry,
  type ResponseConfig,
  type RouteConfig,
} from "@asteasolutions/zod-to-openapi";
import { dashboardFiltersSchema } from "~/dashboard/dashboard-request.server.ts";
import { registerFiltersSchema } from "~/initiatives/initiatives.queries.server.ts";
import { proposalDraftSchema } from "~/initiatives/proposal.schema.ts";
import { EVENT_TYPES, eventPayloadSchemas } from "~/lifecycle/events.ts";
import {
  CommentListSchema,
  CommentRequestSchema,
  CommentSchema,
  DashboardSchema,
  ErrorSchema,
  EventResultSchema,
  InitiativeSchema,
  RegisterSchema,
  TokenRequestSchema,
  TokenSchema,
  z,
} from "./schemas.server.ts";
import { registerAttachmentPaths } from "./attachments.openapi.server.ts";
import { registerFundingRoundPaths } from "./funding-rounds.openapi.server.ts";
import { registerNotificationPaths } from "./notifications.openapi.server.ts";
import { registerDelegationPaths } from "./delegations.openapi.server.ts";

export const API_VERSION = "1.0.0";

/** The JSON error answer for a status, described once. */
export function errorResponse(description: string): ResponseConfig {
  return { description, content: { "application/json": { schema: ErrorSchema } } };
}

/** The errors every authenticated endpoint may answer. */
export const AUTH_ERRORS = {
  401: errorResponse("No valid bearer token"),
  403: errorResponse("The caller's role may not do this"),
} as const;

export const refParams = z.object({
  ref: z.string().openapi({ param: { name: "ref", in: "path" }, example: "DPO-2026-0042" }),
});

const json = <T extends z.ZodTypeAny>(schema: T) => ({ "application/json": { schema } });

/** The header that makes a retried POST safe (app/api/idempotency.server.ts). */
const idempotencyHeaders = z.object({
  "Idempotency-Key": z.string().min(1).max(255).optional().openapi({
    description:
      "Makes a retry safe: the same key with the same body within 24 hours answers as the first request did (with Idempotent-Replayed: true) and does nothing more.",
    example: "4f1c2a9e-0d7b-4c55-9a43-2f1e8b6d9c10",
  }),
});

function registerCorePaths(registry: OpenAPIRegistry) {
  const bearer = [{ bearerAuth: [] }];
  const route = (config: RouteConfig) => registry.registerPath({ security: bearer, ...config });

  registry.registerPath({
    method: "post",
    path: "/api/v1/tokens",
    summary: "Get a bearer token (valid for 8 hours)",
    tags: ["Authentication"],
    request: { body: { required: true, content: json(TokenRequestSchema) } },
    responses: {
      201: { description: "A new token", content: json(TokenSchema) },
      400: errorResponse("Email or password missing"),
      401: errorResponse("The email or password is incorrect"),
      403: errorResponse("The account uses a second factor: make a personal token on /account/tokens"),
      429: errorResponse("Too many failed attempts (see Retry-After)"),
    },
  });

  route({
    method: "get",
    path: "/api/v1/initiatives",
    summary: "The register the caller may see",
    tags: ["Initiatives"],
    request: { query: registerFiltersSchema },
    responses: {
      200: { description: "One page of the register", content: json(RegisterSchema) },
      400: errorResponse("A filter is invalid"),
      401: AUTH_ERRORS[401],
    },
  });
  route({
    method: "post",
    path: "/api/v1/initiatives",
    summary: "Create a draft for the caller's B/D (officers)",
    tags: ["Initiatives"],
    request: {
      headers: idempotencyHeaders,
      body: { required: true, content: json(proposalDraftSchema) },
    },
    responses: {
      201: {
        description: "The new draft (or, for a retried Idempotency-Key, the first answer)",
        content: json(InitiativeSchema),
      },
      400: errorResponse("Invalid proposal fields, or a malformed Idempotency-Key"),
      ...AUTH_ERRORS,
      422: errorResponse(
        "The caller's B/D has been retired and takes no new proposals, or the Idempotency-Key was already used with a different request",
      ),
    },
  });
  route({
    method: "get",
    path: "/api/v1/initiatives/{ref}",
    summary: "One initiative with the events the caller may send now",
    tags: ["Initiatives"],
    request: {
      params: refParams,
      query: z.object({
        include: z.string().optional().openapi({ description: "Comma-separated: comments, audit, rounds" }),
      }),
    },
    responses: {
      200: { description: "The initiative", content: json(InitiativeSchema) },
      400: errorResponse("Unknown include"),
      401: AUTH_ERRORS[401],
      404: errorResponse("Not found, or not visible to the caller"),
    },
  });
  route({
    method: "patch",
    path: "/api/v1/initiatives/{ref}",
    summary: "Edit a draft or returned proposal",
    tags: ["Initiatives"],
    request: {
      params: refParams,
      body: {
        required: true,
        content: json(
          z
            .object({ expectedVersion: z.number().int().min(1).optional() })
            .passthrough()
            .openapi({ description: "Any proposal fields to change (see POST /api/v1/initiatives)" }),
        ),
      },
    },
    responses: {
      200: { description: "The edited initiative", content: json(InitiativeSchema) },
      400: errorResponse("Invalid proposal fields"),
      ...AUTH_ERRORS,
      404: errorResponse("Not found, or not visible to the caller"),
      409: errorResponse("expectedVersion is stale"),
      422: errorResponse("Not editable in its stage"),
    },
  });

  const eventBodies = EVENT_TYPES.map((type) =>
    eventPayloadSchemas[type]
      .extend({
        type: z.literal(type),
        expectedVersion: z.number().int().min(1).optional(),
        onBehalfOf: z
          .string()
          .email()
          .optional()
          .openapi({ description: "An acting reviewer: the delegator's e-mail, to decide on their behalf today" }),
      })
      .openapi(`Event_${type}`),
  );
  route({
    method: "post",
    path: "/api/v1/initiatives/{ref}/events",
    summary: "Send a lifecycle event",
    tags: ["Initiatives"],
    request: {
      params: refParams,
      headers: idempotencyHeaders.extend({
        Prefer: z.string().optional().openapi({
          description:
            "return=minimal: answer without the initiative (no reading it again after the transition); the answer then carries Preference-Applied: return=minimal.",
          example: "return=minimal",
        }),
      }),
      body: { required: true, content: json(z.union(eventBodies as unknown as [z.ZodTypeAny, z.ZodTypeAny])) },
    },
    responses: {
      200: {
        description: "The transition's result (or, for a retried Idempotency-Key, the first answer)",
        content: json(EventResultSchema),
      },
      400: errorResponse("Malformed payload, or a malformed Idempotency-Key"),
      ...AUTH_ERRORS,
      404: errorResponse("Not found, or not visible to the caller"),
      409: errorResponse("expectedVersion is stale"),
      422: errorResponse(
        "The machine refuses the event now, or the Idempotency-Key was already used with a different request",
      ),
    },
  });
  route({
    method: "get",
    path: "/api/v1/initiatives/{ref}/comments",
    summary: "The comments, oldest first",
    tags: ["Initiatives"],
    request: { params: refParams },
    responses: {
      200: { description: "The comments", content: json(CommentListSchema) },
      401: AUTH_ERRORS[401],
      404: errorResponse("Not found, or not visible to the caller"),
    },
  });
  route({
    method: "post",
    path: "/api/v1/initiatives/{ref}/comments",
    summary: "Add a comment",
    tags: ["Initiatives"],
    request: {
      params: refParams,
      headers: idempotencyHeaders,
      body: { required: true, content: json(CommentRequestSchema) },
    },
    responses: {
      201: {
        description: "The new comment (or, for a retried Idempotency-Key, the first answer)",
        content: json(CommentSchema),
      },
      400: errorResponse("Empty or too long, or a malformed Idempotency-Key"),
      401: AUTH_ERRORS[401],
      404: errorResponse("Not found, or not visible to the caller"),
      409: errorResponse("Another request with the same Idempotency-Key is being answered"),
      422: errorResponse("The Idempotency-Key was already used with a different request"),
    },
  });
  route({
    method: "get",
    path: "/api/v1/dashboard",
    summary: "The leadership dashboard's figures",
    tags: ["Dashboard"],
    request: { query: dashboardFiltersSchema },
    responses: {
      200: { description: "The figures for the filters", content: json(DashboardSchema) },
      400: errorResponse("A filter is invalid"),
      ...AUTH_ERRORS,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/openapi.json",
    summary: "This contract",
    tags: ["Contract"],
    responses: { 200: { description: "The OpenAPI 3.1 document", content: json(z.record(z.unknown())) } },
  });
}

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

/** The OpenAPI 3.1 document (generated once per process: the schemas do not change at run time). */
export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "A token from POST /api/v1/tokens",
  });
  registerCorePaths(registry);
  registerAttachmentPaths(registry);
  registerFundingRoundPaths(registry);
  registerNotificationPaths(registry);
  registerDelegationPaths(registry);
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Initiative Tracker API",
      version: API_VERSION,
      description:
        "The Digital Policy Office's Initiative Tracker: proposals, efficiency review, funding and delivery of digital-government initiatives. Errors are `{ error: { code, message, fields? } }`.",
    },
    servers: [{ url: "/" }],
  });
  // A copy: the generator hands out the zod enums' own arrays (DIVISIONS, STAGES, …), never to be changed.
  cached = withCommonErrors(nullableEnums(JSON.parse(JSON.stringify(document)) as typeof document));
  return cached;
}

/** Answers the shared API wrapper can give to any operation (body limits, throttling, faults), in the error shape. */
const COMMON_ERRORS: Record<string, string> = {
  400: "Bad request",
  401: "No valid bearer token",
  403: "The caller's role may not do this",
  404: "Not found",
  413: "Request body too large",
  415: "Unsupported media type",
  429: "Too many requests (see Retry-After)",
  500: "Internal error (no details are given)",
  503: "The database is busy or unavailable (see Retry-After)",
};

function withCommonErrors<T>(doc: T): T {
  const paths = (doc as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  for (const item of Object.values(paths)) {
    for (const op of Object.values(item) as { responses?: Record<string, unknown> }[]) {
      if (!op.responses) continue;
      for (const [status, description] of Object.entries(COMMON_ERRORS)) {
        op.responses[status] ??= {
          description,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        };
      }
    }
  }
  return doc;
}

/**
 * The generator writes a nullable enum as `type: ["string", "null"]` with an `enum` that lacks null,
 * which no JSON Schema validator lets a null through; add null to such enums.
 */
function nullableEnums<T>(node: T): T {
  if (Array.isArray(node)) node.forEach(nullableEnums);
  else if (node && typeof node === "object") {
    const schema = node as { type?: unknown; enum?: unknown[] };
    if (Array.isArray(schema.type) && schema.type.includes("null") && Array.isArray(schema.enum)) {
      if (!schema.enum.includes(null)) schema.enum.push(null);
    }
    Object.values(node).forEach(nullableEnums);
  }
  return node;
}

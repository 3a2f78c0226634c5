import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { AUTH_ERRORS, errorResponse } from "./document.server.ts";
import { z } from "./schemas.server.ts";

const isoDate = z.string().openapi({ format: "date", example: "2026-12-14" });
const isoDateTime = z.string().openapi({ format: "date-time" });
const Person = z.object({ name: z.string(), email: z.string(), divisionCode: z.string().nullable() });

const DelegationSchema = z
  .object({
    id: z.string(),
    delegator: Person.openapi({ description: "Whose decisions are lent" }),
    delegate: Person.openapi({ description: "Who acts for them" }),
    from: isoDate.openapi({ description: "First day, a Hong Kong date" }),
    until: isoDate.openapi({ description: "Last day (included), a Hong Kong date" }),
    status: z.enum(["UPCOMING", "ACTIVE", "ENDED", "EXPIRED"]),
    byAdministrator: z.boolean(),
    createdAt: isoDateTime,
    endedAt: isoDateTime.nullable(),
  })
  .openapi("Delegation");

const DelegationListSchema = z
  .object({ given: z.array(DelegationSchema), received: z.array(DelegationSchema) })
  .openapi("DelegationList");

const NewDelegationSchema = z
  .object({
    delegate: z.string().email().openapi({ description: "Another reviewer or leadership user" }),
    from: isoDate.openapi({ description: "First day (not before today in Hong Kong)" }),
    until: isoDate.openapi({ description: "Last day, at most 183 days after the first" }),
    delegator: z
      .string()
      .email()
      .optional()
      .openapi({ description: "Administrators only: the reviewer or leader who is away" }),
  })
  .openapi("NewDelegation");

const idParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });

/** The acting-reviewer endpoints' part of the contract. */
export function registerDelegationPaths(registry: OpenAPIRegistry): void {
  const security = [{ bearerAuth: [] }];
  const json = (schema: z.ZodTypeAny) => ({ "application/json": { schema } });
  registry.registerPath({
    method: "get",
    path: "/api/v1/delegations",
    summary: "The caller's acting reviewers: given and received",
    tags: ["Delegations"],
    security,
    request: {
      query: z.object({
        user: z.string().optional().openapi({ description: "Administrators only: another user's, by e-mail" }),
      }),
    },
    responses: {
      200: { description: "Newest first", content: json(DelegationListSchema) },
      ...AUTH_ERRORS,
      404: errorResponse("No such user"),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/delegations",
    summary: "Name an acting reviewer for a period",
    tags: ["Delegations"],
    security,
    request: { body: { required: true, content: json(NewDelegationSchema) } },
    responses: {
      201: { description: "Named", content: json(DelegationSchema) },
      ...AUTH_ERRORS,
      422: errorResponse(
        "Not a suitable delegate, a bad or overlapping period, or a delegation that would be passed on",
      ),
    },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/v1/delegations/{id}",
    summary: "End a delegation now (or cancel one not yet begun)",
    tags: ["Delegations"],
    security,
    request: { params: idParams },
    responses: {
      200: { description: "Ended", content: json(DelegationSchema) },
      ...AUTH_ERRORS,
      404: errorResponse("Not one of the caller's"),
      409: errorResponse("Already ended or over"),
    },
  });
}

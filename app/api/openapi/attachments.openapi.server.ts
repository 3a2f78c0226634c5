import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ATTACHMENT_KINDS } from "~/attachments/kinds.ts";
import { AUTH_ERRORS, errorResponse, refParams } from "./document.server.ts";
import { z } from "./schemas.server.ts";

const isoDateTime = z.string().openapi({ format: "date-time" });

export const AttachmentSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ description: "Sanitised file name" }),
    kind: z.enum(ATTACHMENT_KINDS),
    conditionId: z.string().nullable().openapi({ description: "The condition (C1, …) this is evidence for" }),
    mediaType: z.string().openapi({ description: "Detected from the content" }),
    size: z.number().int().openapi({ description: "Bytes" }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    round: z.number().int().openapi({ description: "The submission round it belongs to" }),
    version: z.number().int(),
    replacesId: z.string().nullable(),
    supersededAt: isoDateTime.nullable(),
    deletedAt: isoDateTime.nullable().openapi({ description: "Deleted: the content is gone, the digest stays" }),
    createdAt: isoDateTime,
    uploadedBy: z.string().nullable(),
    frozen: z.boolean().openapi({ description: "Attached before a decision: kept, can only be replaced" }),
  })
  .openapi("Attachment");

const UploadSchema = z
  .object({
    kind: z.enum(ATTACHMENT_KINDS).optional().openapi({ description: "Required unless `replaces` is given" }),
    file: z.string().openapi({ format: "binary", description: "PDF, Office document, image, CSV or plain text" }),
    conditionId: z.string().optional().openapi({ description: "For CONDITION_EVIDENCE: the condition's id" }),
    replaces: z.string().optional().openapi({ description: "Upload a new version of this attachment" }),
  })
  .openapi("AttachmentUpload");

/** The attachment endpoints' part of the contract. */
export function registerAttachmentPaths(registry: OpenAPIRegistry): void {
  const security = [{ bearerAuth: [] }];
  const notFound = errorResponse("Not found, or not visible to the caller");
  registry.registerPath({
    method: "get",
    path: "/api/v1/initiatives/{ref}/attachments",
    summary: "The initiative's attachments, by round",
    tags: ["Attachments"],
    security,
    request: { params: refParams },
    responses: {
      200: {
        description: "The attachments (deleted ones keep their digest)",
        content: {
          "application/json": { schema: z.object({ ref: z.string(), items: z.array(AttachmentSchema) }) },
        },
      },
      401: AUTH_ERRORS[401],
      404: notFound,
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/initiatives/{ref}/attachments",
    summary: "Attach a document (multipart/form-data)",
    tags: ["Attachments"],
    security,
    request: {
      params: refParams,
      body: { required: true, content: { "multipart/form-data": { schema: UploadSchema } } },
    },
    responses: {
      201: { description: "The stored attachment", content: { "application/json": { schema: AttachmentSchema } } },
      400: errorResponse("Missing file, kind or condition"),
      ...AUTH_ERRORS,
      404: notFound,
      409: errorResponse("The attachment to replace was already replaced or deleted"),
      413: errorResponse("The file is larger than the limit (20 MB unless configured); nothing is stored"),
      415: errorResponse("Not multipart, or the file's content is not an accepted type"),
      422: errorResponse("Not yours to attach to at its current stage"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/initiatives/{ref}/attachments/{id}",
    summary: "Download an attachment",
    tags: ["Attachments"],
    security,
    request: {
      params: refParams.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }),
    },
    responses: {
      200: {
        description:
          "The file, as an attachment (Content-Disposition: attachment, nosniff, a sandboxing CSP, Repr-Digest)",
        content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
      },
      401: AUTH_ERRORS[401],
      404: notFound,
      410: errorResponse("Deleted; its digest is kept"),
    },
  });
}

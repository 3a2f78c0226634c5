import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { NOTIFICATION_KINDS } from "~/notifications/kinds.ts";
import { AUTH_ERRORS, errorResponse } from "./document.server.ts";
import { z } from "./schemas.server.ts";

const isoDateTime = z.string().openapi({ format: "date-time" });

const NotificationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    ref: z.string().openapi({ example: "DPO-2026-0042" }),
    title: z.string().nullable().openapi({ description: "The initiative's title in the caller's language" }),
    createdAt: isoDateTime,
    readAt: isoDateTime.nullable(),
  })
  .openapi("Notification");

const NotificationListSchema = z
  .object({
    items: z.array(NotificationSchema).openapi({ description: "Newest first, at most 100" }),
    unread: z.number().int().openapi({ description: "The caller's unread notifications in all" }),
  })
  .openapi("NotificationList");

const MarkReadSchema = z
  .union([z.object({ ids: z.array(z.string()).min(1).max(500) }).strict(), z.object({ all: z.literal(true) }).strict()])
  .openapi("MarkNotificationsRead");

const MarkedSchema = z
  .object({
    marked: z.number().int().openapi({ description: "How many were unread and are now read" }),
    unread: z.number().int(),
  })
  .openapi("NotificationsMarked");

/** The notification endpoints' part of the contract. */
export function registerNotificationPaths(registry: OpenAPIRegistry): void {
  const security = [{ bearerAuth: [] }];
  registry.registerPath({
    method: "get",
    path: "/api/v1/notifications",
    summary: "The caller's notifications and unread count",
    tags: ["Notifications"],
    security,
    request: {
      query: z.object({
        unread: z.enum(["true", "false"]).optional().openapi({ description: "Only unread ones" }),
        limit: z.string().optional().openapi({ description: "How many (1–100, default 50)" }),
      }),
    },
    responses: {
      200: { description: "Newest first", content: { "application/json": { schema: NotificationListSchema } } },
      ...AUTH_ERRORS,
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/notifications/read",
    summary: "Mark the caller's notifications read: some by id, or all",
    tags: ["Notifications"],
    security,
    request: { body: { required: true, content: { "application/json": { schema: MarkReadSchema } } } },
    responses: {
      200: { description: "Marked", content: { "application/json": { schema: MarkedSchema } } },
      400: errorResponse("Neither a list of ids nor all: true"),
      ...AUTH_ERRORS,
    },
  });
}

import { apiJson, apiRoute } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { requireNotifiable } from "~/notifications/access.server.ts";
import { listNotifications } from "~/notifications/notifications.server.ts";

/**
 * GET /api/v1/notifications[?unread=true&limit=n] — the caller's notifications, newest first:
 * `{ items: [{ id, kind, ref, title, createdAt, readAt }], unread }`.
 */
export const loader = apiRoute({
  async GET({ request }) {
    const user = requireNotifiable(await requireApiUser(request));
    const params = new URL(request.url).searchParams;
    const limit = Number(params.get("limit") ?? 50);
    const { items, unread } = await listNotifications(user.id, {
      take: Number.isInteger(limit) ? limit : 50,
      unreadOnly: params.get("unread") === "true",
    });
    return apiJson({
      items: items.map(({ id, kind, ref, title, createdAt, readAt }) => ({ id, kind, ref, title, createdAt, readAt })),
      unread,
    });
  },
});
export const action = loader;

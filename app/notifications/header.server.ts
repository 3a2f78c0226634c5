import { NO_ROLE } from "~/auth/roles.ts";
import { unreadAtSessionCheck } from "~/auth/session.server.ts";
import { unreadCount } from "./notifications.server.ts";

/**
 * The unread count for the header of every page: none for visitors and users awaiting access. Read with the
 * session check for a user from getSessionUser (the root loader's), else on its own.
 */
export async function headerUnread(user: { id: string; role: string } | null): Promise<number> {
  if (!user || user.role === NO_ROLE) return 0;
  return unreadAtSessionCheck(user) ?? unreadCount(user.id);
}

import { NO_ROLE } from "~/auth/roles.ts";
import { unreadCount } from "./notifications.server.ts";

/** The unread count for the header of every page: none for visitors and users awaiting access. */
export async function headerUnread(user: { id: string; role: string } | null): Promise<number> {
  if (!user || user.role === NO_ROLE) return 0;
  return unreadCount(user.id);
}

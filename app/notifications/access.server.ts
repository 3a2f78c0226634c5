import { NO_ROLE } from "~/auth/roles.ts";
import { HttpError } from "~/utils/http.server.ts";

/** Anyone with a role has a notification centre; a user still awaiting access has none (403). */
export function requireNotifiable<U extends { role: string }>(user: U): U {
  if (user.role === NO_ROLE) throw new HttpError(403, { key: "notifications.problems.noRole" });
  return user;
}

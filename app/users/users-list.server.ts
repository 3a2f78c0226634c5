/**
 * The administrator's users list with sign-in facts (last sign-in, second factor, first password still
 * to choose) and filters by role, B/D and status.
 */
import { NO_ROLE } from "~/auth/roles.ts";
import { ROLES } from "~/lifecycle/divisions.ts";
import { db } from "~/utils/db.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { USER_STATUSES, type UserStatus } from "./user-statuses.ts";

export type UserFilters = { role?: string; bureau?: string; status?: UserStatus };

/** Reads the filters from a query string, ignoring values that are not choices. */
export function parseUserFilters(search: URLSearchParams): UserFilters {
  const role = search.get("role") ?? "";
  const status = search.get("status") ?? "";
  const bureau = (search.get("bureau") ?? "").trim().toUpperCase();
  return {
    role: [...ROLES, NO_ROLE].includes(role as never) ? role : undefined,
    bureau: /^[A-Z0-9]{2,12}$/.test(bureau) ? bureau : undefined,
    status: USER_STATUSES.includes(status as never) ? (status as UserFilters["status"]) : undefined,
  };
}

/** What an administrator sees of a user, in the list and on the user's own page. */
const ADMIN_USER_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  bureauCode: true,
  divisionCode: true,
  disabledAt: true,
  lastSignInAt: true,
  mfaEnabledAt: true,
  mustChangePassword: true,
  oidcSubject: true,
} as const;

/** Users matching the filters, by role then email. */
export async function listUsersWithSignIn(filters: UserFilters) {
  const rows = await db.user.findMany({
    where: {
      ...(filters.role ? { role: filters.role } : {}),
      ...(filters.bureau ? { bureauCode: filters.bureau } : {}),
      ...(filters.status === "active" ? { disabledAt: null, role: filters.role ?? { not: NO_ROLE } } : {}),
      ...(filters.status === "disabled" ? { disabledAt: { not: null } } : {}),
      ...(filters.status === "awaiting" ? { role: NO_ROLE, disabledAt: null } : {}),
    },
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: ADMIN_USER_FIELDS,
  });
  return rows.map(({ oidcSubject, mfaEnabledAt, ...u }) => ({
    ...u,
    mfa: !!mfaEnabledAt,
    singleSignOn: !!oidcSubject,
  }));
}

/** One user's page for an administrator. */
export async function getUserForAdmin(id: string) {
  const user = await db.user.findUnique({
    where: { id },
    select: { ...ADMIN_USER_FIELDS, passwordHash: true },
  });
  if (!user) throw new HttpError(404, { key: "problems.noSuchUser" });
  const { passwordHash, oidcSubject, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== "", singleSignOn: !!oidcSubject };
}

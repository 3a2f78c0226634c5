import type { Role } from "~/lifecycle/divisions.ts";

export { ROLES, type Role } from "~/lifecycle/divisions.ts";

/**
 * The stored role of a user who signed in through the identity provider with no mapped group: they are
 * signed in but see nothing but the "awaiting access" page until an administrator grants a role.
 */
export const NO_ROLE = "NONE" as const;

/** A stored role, including that of a user awaiting access. */
export type RoleOrNone = Role | typeof NO_ROLE;

export { ROLES, type Role } from "~/lifecycle/divisions.ts";

/**
 * The stored role of a user who signed in through the identity provider with no mapped group: they are
 * signed in but see nothing but the "awaiting access" page until an administrator grants a role.
 */
export const NO_ROLE = "NONE";

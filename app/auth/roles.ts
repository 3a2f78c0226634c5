export { ROLES, type Role } from "~/lifecycle/divisions.ts";

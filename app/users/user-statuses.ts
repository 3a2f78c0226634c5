/** The users list's status filter (browser-safe: the page renders its choices). */
export const USER_STATUSES = ["active", "disabled", "awaiting"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

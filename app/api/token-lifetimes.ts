/** The expiry periods a personal API token may have, in days (browser-safe: the form offers them). */
export const TOKEN_LIFETIMES_DAYS = [7, 30, 90, 180, 365] as const;

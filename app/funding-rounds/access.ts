/**
 * Who may do what in a funding round (browser-safe, for showing actions; the server re-checks each one).
 * Leadership or an administrator opens a round; reviewers score (the lead division's scores rank, the others
 * advise); leadership moves bids across the line and finalises. Officers see their own B/D's bids.
 */
import type { Role } from "~/auth/roles.ts";

export const mayOpenRound = (role: Role) => role === "LEADERSHIP" || role === "ADMIN";
export const mayScore = (role: Role) => role === "REVIEWER";
export const mayDecideRound = (role: Role) => role === "LEADERSHIP";
/** Letting a late proposal bid in a round is a leadership call an administrator may also record. */
export const mayMarkUrgent = (role: Role) => role === "LEADERSHIP" || role === "ADMIN";
/** Administrators see the rounds' settings but no bids: they have no workflow role. */
export const maySeeBids = (role: Role) => role === "OFFICER" || role === "REVIEWER" || role === "LEADERSHIP";
export const maySeeRounds = (role: Role) => maySeeBids(role) || role === "ADMIN";

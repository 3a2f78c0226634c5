import type { MessageKey } from "~/i18n/en/index.ts";
import type { Role } from "./roles.ts";

export type NavItem = { to: string; label: MessageKey };

/**
 * The navigation each role sees. Showing a link is only a convenience: every loader and action checks
 * the role again on the server.
 */
export function navigationFor(role: Role): NavItem[] {
  switch (role) {
    case "OFFICER":
      return [
        { to: "/", label: "nav.home" },
        { to: "/initiatives", label: "nav.initiatives" },
        { to: "/initiatives/new", label: "nav.newProposal" },
        { to: "/funding-rounds", label: "nav.fundingRounds" },
      ];
    case "REVIEWER":
      return [
        { to: "/", label: "nav.home" },
        { to: "/reviews", label: "nav.reviews" },
        { to: "/initiatives", label: "nav.initiatives" },
        { to: "/funding-rounds", label: "nav.fundingRounds" },
      ];
    case "LEADERSHIP":
      return [
        { to: "/", label: "nav.home" },
        { to: "/dashboard", label: "nav.dashboard" },
        { to: "/initiatives", label: "nav.initiatives" },
        { to: "/finance-committee", label: "nav.financeCommittee" },
        { to: "/funding-rounds", label: "nav.fundingRounds" },
      ];
    case "ADMIN":
      return [
        { to: "/", label: "nav.home" },
        { to: "/admin", label: "nav.admin" },
        { to: "/funding-rounds", label: "nav.fundingRounds" },
      ];
    default:
      // No role yet (awaiting access): nothing to navigate to.
      return [];
  }
}

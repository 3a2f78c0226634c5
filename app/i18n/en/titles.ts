/** English browser-tab titles, one per page; the application's name is added after each. */
export const enTitles = {
  "title.home": "Home",
  "title.login": "Sign in",
  "title.account": "Your account",
  "title.admin": "Administration",
  "title.initiatives": "Initiatives",
  "title.newProposal": "New proposal",
  "title.initiative": "{ref}",
  "title.editProposal": "Edit {ref}",
  "title.reviews": "Review queue",
  "title.financeCommittee": "Finance Committee",
  "title.dashboard": "Dashboard",
} as const;

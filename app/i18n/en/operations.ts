/**
 * English messages about the service's own state: the holiday calendar running out, and the reference
 * that matches an error page to the server's log.
 */
export const enOperations = {
  "calendar.missing.title": "Working days cannot be counted",
  "calendar.missing.body":
    "The Hong Kong general holidays of {year} have not been added yet, so SLA ages and due dates cannot be worked out. An administrator needs to add that year's gazetted holidays.",
  "admin.holidays.title": "Holiday calendar",
  "admin.holidays.ending":
    "The Hong Kong general holidays end on 31 December {year}. Add the next year's gazetted holidays before then: after that date, SLA ages and due dates cannot be worked out.",
  "errors.reference": "Reference: {id}",
  "errors.referenceHint": "If you report this problem, please quote this reference.",
} as const;

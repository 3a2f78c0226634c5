import { enAccount } from "./account.ts";
import { enChanges } from "./changes.ts";
import { enCommon } from "./common.ts";
import { enDashboard } from "./dashboard.ts";
import { enDelegations } from "./delegations.ts";
import { enDocuments } from "./documents.ts";
import { enErrors } from "./errors.ts";
import { enFundingRounds } from "./funding-rounds.ts";
import { enIdentity } from "./identity.ts";
import { enNotifications } from "./notifications.ts";
import { enInitiatives } from "./initiatives.ts";
import { enOperations } from "./operations.ts";
import { enReliability } from "./reliability.ts";
import { enReviews } from "./reviews.ts";
import { enStatusReports } from "./status-reports.ts";
import { enTimeline } from "./timeline.ts";
import { enTitles } from "./titles.ts";

/**
 * English messages, one module per area. The keys are the contract: every zh-Hant module translates its
 * English twin key for key (the types check it, and i18n/dictionaries.test.ts checks the placeholders).
 */
export const en = {
  ...enCommon,
  ...enAccount,
  ...enDashboard,
  ...enDelegations,
  ...enDocuments,
  ...enErrors,
  ...enFundingRounds,
  ...enIdentity,
  ...enInitiatives,
  ...enReviews,
  ...enReliability,
  ...enOperations,
  ...enNotifications,
  ...enStatusReports,
  ...enTimeline,
  ...enTitles,
  ...enChanges,
} as const;

export type MessageKey = keyof typeof en;

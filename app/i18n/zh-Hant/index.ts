import type { MessageKey } from "../en/index.ts";
import { zhHantAccount } from "./account.ts";
import { zhHantChanges } from "./changes.ts";
import { zhHantCommon } from "./common.ts";
import { zhHantDashboard } from "./dashboard.ts";
import { zhHantDelegations } from "./delegations.ts";
import { zhHantDocuments } from "./documents.ts";
import { zhHantErrors } from "./errors.ts";
import { zhHantFundingRounds } from "./funding-rounds.ts";
import { zhHantIdentity } from "./identity.ts";
import { zhHantNotifications } from "./notifications.ts";
import { zhHantInitiatives } from "./initiatives.ts";
import { zhHantOperations } from "./operations.ts";
import { zhHantReliability } from "./reliability.ts";
import { zhHantReviews } from "./reviews.ts";
import { zhHantStatusReports } from "./status-reports.ts";
import { zhHantTimeline } from "./timeline.ts";
import { zhHantTitles } from "./titles.ts";

/** Traditional Chinese (Hong Kong) messages, one module per area, twin of en/. */
export const zhHant: Record<MessageKey, string> = {
  ...zhHantCommon,
  ...zhHantAccount,
  ...zhHantDashboard,
  ...zhHantDelegations,
  ...zhHantDocuments,
  ...zhHantErrors,
  ...zhHantFundingRounds,
  ...zhHantIdentity,
  ...zhHantInitiatives,
  ...zhHantReviews,
  ...zhHantReliability,
  ...zhHantOperations,
  ...zhHantNotifications,
  ...zhHantStatusReports,
  ...zhHantTimeline,
  ...zhHantTitles,
  ...zhHantChanges,
};

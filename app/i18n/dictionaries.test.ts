// Both languages say the same things: every area's English module has a Chinese twin with exactly the same
// keys, and each message uses the same {placeholders} in both, so that no value is lost in translation.
import { describe, expect, it } from "vitest";
import { enAccount } from "./en/account.ts";
import { enChanges } from "./en/changes.ts";
import { enCommon } from "./en/common.ts";
import { enDashboard } from "./en/dashboard.ts";
import { enDocuments } from "./en/documents.ts";
import { enErrors } from "./en/errors.ts";
import { enFundingRounds } from "./en/funding-rounds.ts";
import { enIdentity } from "./en/identity.ts";
import { en } from "./en/index.ts";
import { enInitiatives } from "./en/initiatives.ts";
import { enNotifications } from "./en/notifications.ts";
import { enDelegations } from "./en/delegations.ts";
import { enOperations } from "./en/operations.ts";
import { enReliability } from "./en/reliability.ts";
import { enReviews } from "./en/reviews.ts";
import { enStatusReports } from "./en/status-reports.ts";
import { enTimeline } from "./en/timeline.ts";
import { enTitles } from "./en/titles.ts";
import { getT, hasMessage, translateFromData } from "./t.ts";
import { zhHantAccount } from "./zh-Hant/account.ts";
import { zhHantChanges } from "./zh-Hant/changes.ts";
import { zhHantCommon } from "./zh-Hant/common.ts";
import { zhHantDashboard } from "./zh-Hant/dashboard.ts";
import { zhHantDocuments } from "./zh-Hant/documents.ts";
import { zhHantErrors } from "./zh-Hant/errors.ts";
import { zhHantFundingRounds } from "./zh-Hant/funding-rounds.ts";
import { zhHantIdentity } from "./zh-Hant/identity.ts";
import { zhHant } from "./zh-Hant/index.ts";
import { zhHantInitiatives } from "./zh-Hant/initiatives.ts";
import { zhHantNotifications } from "./zh-Hant/notifications.ts";
import { zhHantDelegations } from "./zh-Hant/delegations.ts";
import { zhHantOperations } from "./zh-Hant/operations.ts";
import { zhHantReliability } from "./zh-Hant/reliability.ts";
import { zhHantReviews } from "./zh-Hant/reviews.ts";
import { zhHantStatusReports } from "./zh-Hant/status-reports.ts";
import { zhHantTimeline } from "./zh-Hant/timeline.ts";
import { zhHantTitles } from "./zh-Hant/titles.ts";

const AREAS: [string, Record<string, string>, Record<string, string>][] = [
  ["common", enCommon, zhHantCommon],
  ["account", enAccount, zhHantAccount],
  ["dashboard", enDashboard, zhHantDashboard],
  ["documents", enDocuments, zhHantDocuments],
  ["initiatives", enInitiatives, zhHantInitiatives],
  ["operations", enOperations, zhHantOperations],
  ["reviews", enReviews, zhHantReviews],
  ["titles", enTitles, zhHantTitles],
  ["errors", enErrors, zhHantErrors],
  ["reliability", enReliability, zhHantReliability],
  ["identity", enIdentity, zhHantIdentity],
  ["fundingRounds", enFundingRounds, zhHantFundingRounds],
  ["notifications", enNotifications, zhHantNotifications],
  ["delegations", enDelegations, zhHantDelegations],
  ["changes", enChanges, zhHantChanges],
  ["timeline", enTimeline, zhHantTimeline],
  ["statusReports", enStatusReports, zhHantStatusReports],
];

/**
 * Messages whose Chinese leaves out a code that the English names (an event or state code reads as noise
 * in a Chinese sentence). A translation may drop a value on purpose, listed here; it may never invent one.
 */
const CHINESE_OMITS_CODES = new Set(["problems.notEditable", "refusal.notPossible", "refusal.roleMayNot"]);

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the dictionaries", () => {
  it.each(AREAS)("%s: the same keys in English and Traditional Chinese", (_, enArea, zhArea) => {
    expect(Object.keys(zhArea).sort()).toEqual(Object.keys(enArea).sort());
  });

  it("no key is defined by two areas (a later module would silently win)", () => {
    const counts = new Map<string, number>();
    for (const [, enArea] of AREAS) for (const key of Object.keys(enArea)) counts.set(key, (counts.get(key) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1).map(([key]) => key)).toEqual([]);
    expect(Object.keys(en)).toHaveLength(counts.size);
    expect(Object.keys(zhHant).sort()).toEqual(Object.keys(en).sort());
  });

  it("every message has the same placeholders in both languages, and none is empty", () => {
    const differing = Object.keys(en).filter((key) => {
      const k = key as keyof typeof en;
      const zh = placeholders(zhHant[k]);
      if (CHINESE_OMITS_CODES.has(key)) return zh.some((name) => !placeholders(en[k]).includes(name));
      return placeholders(en[k]).join() !== zh.join();
    });
    expect(differing).toEqual([]);
    const empty = Object.keys(en).filter(
      (k) => !en[k as keyof typeof en].trim() || !zhHant[k as keyof typeof en].trim(),
    );
    expect(empty).toEqual([]);
  });
});

describe("keys are strict", () => {
  it("the type checker refuses a key that does not exist (checked by tsc in npm run lint)", () => {
    const t = getT("en");
    // @ts-expect-error -- a mistyped key must not type-check
    expect(t("stage.draft")).toBe("stage.draft");
    const stage = "draft" as "draft" | "closed";
    expect(t(`stages.${stage}`)).toBe("Draft");
  });

  it("keys that come from data go through one checked door", () => {
    const t = getT("zh-Hant");
    expect(hasMessage("errors.required")).toBe(true);
    expect(hasMessage("constructor")).toBe(false);
    expect(translateFromData(t, "errors.required")).toBe(zhHant["errors.required"]);
    expect(translateFromData(t, "Not a key, already a sentence.")).toBe("Not a key, already a sentence.");
  });
});

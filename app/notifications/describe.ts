/**
 * A notification in words, in the reader's language: what happened and what is asked of them. The one
 * wording for the notification centre, e-mails and digests. Browser-safe.
 */
import { formatDate } from "~/i18n/format.ts";
import type { Locale } from "~/i18n/locales.ts";
import { getT } from "~/i18n/t.ts";
import { isDivision } from "~/lifecycle/divisions.ts";
import type { NotificationKind } from "./kinds.ts";

export type Describable = {
  kind: NotificationKind;
  ref: string;
  round: number | null;
  division: string | null;
  data: Record<string, unknown>;
};

export function describeNotification(n: Describable, locale: Locale): { happened: string; asked: string } {
  const t = getT(locale);
  const division = isDivision(n.division) ? t(`divisions.${n.division}`) : "";
  const params = {
    ref: n.ref,
    round: n.round ?? 1,
    division,
    due: typeof n.data.due === "string" ? formatDate(n.data.due, locale) : "",
    item: typeof n.data.item === "string" ? n.data.item : "",
  };
  const asked = t(`notifications.ask.${n.kind}`, params);
  return {
    happened: t(`notifications.kind.${n.kind}`, params),
    // An acting reviewer is told what was asked of the person they stand in for.
    asked:
      typeof n.data.onBehalfOf === "string" ? t("delegations.notice.asked", { asked, name: n.data.onBehalfOf }) : asked,
  };
}

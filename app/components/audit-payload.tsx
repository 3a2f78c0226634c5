import { payloadFields, type PayloadField } from "~/audit/payload-fields.ts";
import { hasMessage } from "~/i18n/t.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Division, ReasonCode } from "~/lifecycle/divisions.ts";
import { formatQuarter } from "~/status-reports/quarters.ts";

/**
 * An audit entry's payload as labelled fields in the reader's language: money in HK$, dates as dates,
 * reason codes and divisions by name, a milestone by its name. Renders nothing for an empty payload.
 */
export function AuditPayload({
  payload,
  milestones = {},
}: {
  payload: Record<string, unknown> | null | undefined;
  /** Milestone names by id, so that progress reads as the milestone's name. */
  milestones?: Record<string, string>;
}) {
  const t = useT();
  const format = useFormat();
  const fields = payloadFields(payload);
  if (fields.length === 0) return null;

  const value = (f: PayloadField) => {
    switch (f.kind) {
      case "money":
        return format.hkd(Number(f.value));
      case "date":
        return format.date(String(f.value));
      case "count":
        return format.number(Number(f.value));
      case "percent":
        return t("payload.percent", { n: String(f.value) });
      case "reasonCode":
        return hasMessage(`reasonCodes.${f.value}`) ? t(`reasonCodes.${f.value as ReasonCode}`) : String(f.value);
      case "division":
        return hasMessage(`divisions.${f.value}`) ? t(`divisions.${f.value as Division}`) : String(f.value);
      case "rag":
        return hasMessage(`rag.${f.value}`) ? t(`rag.${f.value as "red"}`) : String(f.value);
      case "quarter":
        return formatQuarter(String(f.value), format.locale);
      case "milestone":
        return milestones[String(f.value)] ?? String(f.value);
      case "list":
        return (
          <ul>
            {f.value.map((item, i) => (
              <li key={i}>
                {f.key === "fields" && hasMessage(`proposal.${item}`) ? t(`proposal.${item as "titleEn"}`) : item}
              </li>
            ))}
          </ul>
        );
      default:
        return String(f.value);
    }
  };

  return (
    <dl className="payload" aria-label={t("payload.details")}>
      {fields.map((f) => (
        <div key={f.key} className="payload__row">
          <dt>{f.known ? t(`payload.${f.key as "reason"}`) : f.key}</dt>
          <dd className={f.key === "reason" || f.key === "note" || f.key === "risks" ? "quote" : undefined}>
            {value(f)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

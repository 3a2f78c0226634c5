import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { ChangeRequestFields } from "~/components/change-request-fields.tsx";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ActingAsInput } from "~/components/acting-as.tsx";
import { fieldId, prefixedFields, type FieldErrors } from "~/components/form-fields.tsx";
import { formatHkd } from "~/i18n/format.ts";
import { translateFromData } from "~/i18n/t.ts";
import { useT } from "~/i18n/use-t.ts";
import { REASON_CODES } from "~/lifecycle/divisions.ts";
import { RAG, type EventType } from "~/lifecycle/events.ts";

export type EventFormView = {
  ref: string;
  version: number;
  milestones: { id: string; name: string; due: string; status: string }[];
  conditions: { id: string; text: string; status: string }[];
  funding: { requested: number | null; approved?: number | null; blockAllocationLimit: number };
  plannedEnd?: string | null;
  /** Where an open change request stands in delivery (issue 15), or null. */
  changeState?: "requested" | "awaitingFinanceCommittee" | null;
  changeRequests?: { status: string; additionalFunding: number }[];
};

type Props = {
  type: EventType;
  view: EventFormView;
  /** Errors of the last submission of this form (i18n keys by field). */
  errors?: FieldErrors;
  today: string;
};

const DESTRUCTIVE = new Set<EventType>([
  "WITHDRAW",
  "REJECT",
  "RECORD_FC_REJECTION",
  "REJECT_CHANGE",
  "WITHDRAW_CHANGE",
]);
const CONDITION_ROWS = 3;

/**
 * One small form per lifecycle event, posting `intent` = the event type and the current version (a
 * stale version is refused as a conflict). The server decides; these forms only collect the payload.
 */
export function EventForm({ type, view, errors = {}, today }: Props) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === type;
  const id = (name: string) => `${type}-${fieldId(name)}`;
  const err = (name: string) => errors[name]?.[0];

  const field = prefixedFields(t, type, errors);
  const textarea = (name: string, label: string, required = true, hint?: string) =>
    field(name, required ? label : `${label} ${t("actions.optional")}`, (p) => <textarea rows={3} {...p} />, hint);
  const reasonCode = () =>
    field("reasonCode", t("actions.reasonCode"), (p) => (
      <select {...p} defaultValue="OTHER">
        {REASON_CODES.map((c) => (
          <option key={c} value={c}>
            {t(`reasonCodes.${c}`)}
          </option>
        ))}
      </select>
    ));
  const amount = (name: string, label: string, defaultValue?: number) =>
    field(name, label, (p) => (
      <input type="text" inputMode="numeric" autoComplete="off" defaultValue={defaultValue ?? ""} {...p} />
    ));
  const date = (name: string, label: string, defaultValue?: string) =>
    field(name, label, (p) => <input type="date" defaultValue={defaultValue ?? ""} {...p} />);

  const { requested, blockAllocationLimit: limit } = view.funding;
  let body: ReactNode = null;
  switch (type) {
    case "SUBMIT":
    case "RESUBMIT":
      body = (
        <p>
          <Link to={`/initiatives/${view.ref}/edit`}>{t("actions.editFirst")}</Link>
        </p>
      );
      break;
    case "WITHDRAW":
      body = textarea("reason", t("actions.reason"), true, t("actions.withdrawHint"));
      break;
    case "APPROVE":
      body = textarea("comment", t("actions.comment"), false);
      break;
    case "APPROVE_WITH_CONDITIONS":
      body = (
        <>
          <p className="hint">{t("actions.conditionsHint")}</p>
          {err("conditions") ? <span className="field-error">{translateFromData(t, err("conditions")!)}</span> : null}
          {Array.from({ length: CONDITION_ROWS }, (_, i) => (
            <div className="condition-row" key={i}>
              {field(`conditions.${i}.text`, t("actions.conditionText", { n: i + 1 }), (p) => (
                <textarea rows={2} {...p} />
              ))}
              {date(`conditions.${i}.due`, `${t("actions.conditionDue", { n: i + 1 })} ${t("actions.optional")}`)}
            </div>
          ))}
          {textarea("comment", t("actions.comment"), false)}
        </>
      );
      break;
    case "REQUEST_CHANGES":
    case "REJECT":
    case "DEFER":
    case "PAUSE":
      body = (
        <>
          {reasonCode()}
          {textarea("reason", t("actions.reason"))}
        </>
      );
      break;
    case "RESUME":
      body = textarea("reason", t("actions.reason"));
      break;
    case "REBID":
      body = (
        <>
          <p className="hint">{t("rebid.intro")}</p>
          {date("plannedStart", t("rebid.plannedStart"))}
          {date("plannedEnd", t("rebid.plannedEnd"))}
          {amount("nonRecurrentCost", t("rebid.nonRecurrentCost"), requested ?? undefined)}
          {amount("recurrentCost", `${t("rebid.recurrentCost")} ${t("actions.optional")}`)}
          {textarea("note", t("rebid.note"))}
        </>
      );
      break;
    case "REOPEN":
      body = textarea("reason", t("actions.reason"), false);
      break;
    case "APPROVE_FUNDING":
    case "REFER_TO_FINANCE_COMMITTEE":
      body = (
        <>
          <p>
            {t("actions.requested", { amount: formatHkd(requested) })}
            <br />
            {t("actions.limit", { amount: formatHkd(limit) })}
          </p>
          <p className="hint">{t(type === "APPROVE_FUNDING" ? "actions.withinLimit" : "actions.aboveLimit")}</p>
          {amount(
            "amount",
            t("actions.amount"),
            type === "APPROVE_FUNDING" ? Math.min(requested ?? 0, limit) : (requested ?? undefined),
          )}
        </>
      );
      break;
    case "RECORD_FC_APPROVAL":
      // In delivery, the Finance Committee decides a change request's additional money, not the project's.
      if (view.changeState === "awaitingFinanceCommittee") {
        const asked = view.changeRequests?.find((r) => r.status === "AWAITING_FC")?.additionalFunding ?? 0;
        body = (
          <>
            <p className="hint">
              {t("changes.decide.fcIntro", { total: formatHkd((view.funding.approved ?? 0) + asked) })}
            </p>
            {field(
              "paperRef",
              t("actions.paperRef"),
              (p) => (
                <input type="text" autoComplete="off" {...p} />
              ),
              t("actions.paperRefHint"),
            )}
            {date("date", t("actions.fcDate"))}
            {amount("amount", t("changes.decide.fcAmount"))}
          </>
        );
        break;
      }
      body = (
        <>
          {field(
            "paperRef",
            t("actions.paperRef"),
            (p) => (
              <input type="text" autoComplete="off" {...p} />
            ),
            t("actions.paperRefHint"),
          )}
          {date("date", t("actions.fcDate"))}
          {amount("amount", t("actions.amountOptional"))}
        </>
      );
      break;
    case "RECORD_FC_REJECTION":
      body = (
        <>
          {field("paperRef", `${t("actions.paperRef")} ${t("actions.optional")}`, (p) => (
            <input type="text" autoComplete="off" {...p} />
          ))}
          {date("date", `${t("actions.fcDate")} ${t("actions.optional")}`)}
          {textarea("reason", t("actions.reason"), false)}
        </>
      );
      break;
    case "REPORT_PROGRESS":
      body = (
        <>
          {field("milestoneId", t("actions.milestone"), (p) => (
            <select {...p}>
              {view.milestones
                .filter((m) => m.status !== "DONE")
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name} ({m.due})
                  </option>
                ))}
            </select>
          ))}
          {date("date", t("actions.dateDone"), today)}
        </>
      );
      break;
    case "MEET_CONDITION":
      body = (
        <>
          {field("conditionId", t("actions.condition"), (p) => (
            <select {...p}>
              {view.conditions
                .filter((c) => c.status === "open")
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.id}: {c.text.length > 80 ? `${c.text.slice(0, 80)}…` : c.text}
                  </option>
                ))}
            </select>
          ))}
          {textarea("note", t("actions.evidence"))}
        </>
      );
      break;
    case "REPORT_STATUS": {
      const ragError = err("rag");
      body = (
        <>
          <fieldset
            className={`field${ragError ? " field--error" : ""}`}
            aria-describedby={[`${id("rag")}-hint`, ragError ? `${id("rag")}-error` : null].filter(Boolean).join(" ")}
          >
            <legend>{t("statusReports.rag")}</legend>
            <p className="hint" id={`${id("rag")}-hint`}>
              {t("statusReports.ragHint")}
            </p>
            {ragError ? (
              <span className="field-error" id={`${id("rag")}-error`}>
                {translateFromData(t, ragError)}
              </span>
            ) : null}
            <div className="radios">
              {RAG.map((r, i) => (
                <div className="radio" key={r}>
                  <input type="radio" name="rag" value={r} id={i === 0 ? id("rag") : `${id("rag")}-${r}`} />
                  <label htmlFor={i === 0 ? id("rag") : `${id("rag")}-${r}`}>{t(`rag.${r}`)}</label>
                </div>
              ))}
            </div>
          </fieldset>
          {field(
            "percentComplete",
            t("statusReports.percentComplete"),
            (p) => (
              <input type="text" inputMode="numeric" autoComplete="off" className="input--short" {...p} />
            ),
            t("statusReports.percentHint"),
          )}
          {field(
            "spendToDate",
            t("statusReports.spendToDate"),
            (p) => (
              <input type="text" inputMode="numeric" autoComplete="off" {...p} />
            ),
            t("statusReports.spendHint", { funded: formatHkd(view.funding.approved ?? null) }),
          )}
          {textarea("note", t("statusReports.note"))}
          {textarea("risks", t("statusReports.risks"), false)}
        </>
      );
      break;
    }
    case "COMPLETE":
      body = <p className="hint">{t("actions.completeHint")}</p>;
      break;
    case "REPORT_BENEFITS":
      body = (
        <>
          {amount("realisedAnnualSavings", t("actions.realisedAnnualSavings"))}
          {amount("realisedStaffHoursSaved", t("actions.realisedStaffHoursSaved"))}
          {textarea("note", t("actions.note"))}
        </>
      );
      break;
    case "CLOSE":
      body = textarea("note", t("actions.note"), false);
      break;
    case "REQUEST_CHANGE":
      body = <ChangeRequestFields view={view} errors={errors} />;
      break;
    case "WITHDRAW_CHANGE":
      body = textarea("reason", t("changes.decide.withdrawReason"), true);
      break;
    case "APPROVE_CHANGE":
      body = (
        <>
          <p className="hint">{t("changes.decide.intro")}</p>
          {textarea("comment", t("changes.decide.comment"), true)}
        </>
      );
      break;
    case "REJECT_CHANGE":
      body = (
        <>
          <p className="hint">{t("changes.decide.intro")}</p>
          {reasonCode()}
          {textarea("reason", t("actions.reason"))}
        </>
      );
      break;
  }

  return (
    <Form method="post" className="action-form" noValidate aria-labelledby={`${type}-title`}>
      <h3 id={`${type}-title`}>{t(`actions.${type}`)}</h3>
      <CsrfInput />
      <ActingAsInput />
      <input type="hidden" name="version" value={view.version} />
      {body}
      <button
        type="submit"
        name="intent"
        value={type}
        className={`button${DESTRUCTIVE.has(type) ? " button--warning" : ""}`}
        disabled={busy}
      >
        {t(`actions.${type}`)}
      </button>
    </Form>
  );
}

import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ActingAsInput } from "~/components/acting-as.tsx";
import { schemaResolver } from "~/components/form-resolver.ts";
import { SlaClock } from "~/components/working-days.tsx";
import { decisionFieldKit, ReasonFields } from "~/components/decision-fields.tsx";
import { ErrorSummary, fieldId, type FieldErrors } from "~/components/form-fields.tsx";
import { summaryOf, type ClockView } from "~/components/review-decision-form.tsx";
import { formatHkd } from "~/i18n/format.ts";
import { translateFromData } from "~/i18n/t.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Division, ReasonCode } from "~/lifecycle/divisions.ts";
import type { EventType } from "~/lifecycle/events.ts";
import {
  decisionFormSchemas,
  FUNDING_DECISIONS,
  fundingAmountSchema,
  type FundingDecision,
} from "~/reviews/decision-forms.ts";

export type FundingPanelView = {
  ref: string;
  version: number;
  stage: string;
  funding: {
    requested: number | null;
    blockAllocationLimit: number;
    decisions: { decision: string; reasonCode: string | null; reason: string | null; createdAt: string }[];
  };
};

type Props = {
  view: FundingPanelView;
  division: Division;
  /** The funding events the machine allows this reviewer now (REOPEN included when deferred). */
  available: EventType[];
  clock: ClockView | null;
  serverErrors?: FieldErrors;
  serverValues?: Record<string, string>;
};

type FormState = { intent: FundingDecision | ""; amount: string; reasonCode: string; reason: string };

const PREFIX = "funding";
const idOf = (name: string) => fieldId(`${PREFIX}.${name}`);

function isFundingDecision(value: unknown): value is FundingDecision {
  return typeof value === "string" && (FUNDING_DECISIONS as readonly string[]).includes(value);
}

/** Validates with the chosen decision's schema; an amount is checked against the request and the limit. */
function fundingResolver(requested: number, limit: number) {
  return schemaResolver<FormState>((values) => {
    if (!isFundingDecision(values.intent)) return { unchosen: "intent", message: "reviews.errors.chooseDecision" };
    const schema =
      values.intent === "APPROVE_FUNDING" || values.intent === "REFER_TO_FINANCE_COMMITTEE"
        ? fundingAmountSchema(values.intent, requested, limit)
        : decisionFormSchemas[values.intent];
    return { schema, body: { amount: values.amount, reasonCode: values.reasonCode, reason: values.reason } };
  });
}

/** A typed amount as whole dollars ("1,200,000" too), or null while it is not one. */
function wholeDollars(value: string): number | null {
  const compact = value.replace(/\s/g, "").replace(/^HK\$/i, "");
  if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(compact)) return null;
  const n = Number(compact.replace(/,/g, ""));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * The lead division's funding decision: the amount requested, the block-allocation limit from the
 * settings, and the route the request implies — approve within the limit, refer to the Finance Committee
 * above it (never trimmed to fit) — or defer with a reason, or reject. A deferred initiative shows how to
 * reopen it instead. Works without JavaScript; with it, react-hook-form checks the amount against the
 * request and the limit before anything is sent, and says what the amount typed will do.
 */
export function FundingDecisionPanel({ view, division, available, clock, serverErrors = {}, serverValues }: Props) {
  const t = useT();
  const requested = view.funding.requested ?? 0;
  const limit = view.funding.blockAllocationLimit;
  const above = requested > limit;
  const lastDeferral = [...view.funding.decisions].reverse().find((d) => d.decision === "DEFERRED");

  return (
    <section className="funding-panel" aria-labelledby="funding-panel-title">
      <h3 id="funding-panel-title">{t("funding.title", { division: t(`divisions.${division}`) })}</h3>
      <dl className="summary-list summary-list--compact">
        <div>
          <dt>{t("funding.requested")}</dt>
          <dd>{formatHkd(requested)}</dd>
        </div>
        <div>
          <dt>{t("funding.limit")}</dt>
          <dd>{formatHkd(limit)}</dd>
        </div>
        <div>
          <dt>{t("funding.route")}</dt>
          <dd>
            <strong className={`tag ${above ? "tag--amber" : "tag--green"}`}>
              {t(above ? "reviews.route.FINANCE_COMMITTEE" : "reviews.route.BLOCK_ALLOCATION")}
            </strong>
            <p className="route-note">{t(above ? "funding.route.above" : "funding.route.within")}</p>
          </dd>
        </div>
      </dl>
      {clock ? <SlaClock clock={clock} messageKey="funding.clock" /> : null}

      {view.stage === "deferred" ? (
        <ReopenForm
          view={view}
          deferral={lastDeferral}
          canReopen={available.includes("REOPEN")}
          serverErrors={serverErrors}
        />
      ) : (
        <FundingForm
          view={view}
          available={FUNDING_DECISIONS.filter((d) => available.includes(d))}
          requested={requested}
          limit={limit}
          serverErrors={serverErrors}
          serverValues={serverValues}
        />
      )}
    </section>
  );
}

function ReopenForm({
  view,
  deferral,
  canReopen,
  serverErrors,
}: {
  view: FundingPanelView;
  deferral: FundingPanelView["funding"]["decisions"][number] | undefined;
  canReopen: boolean;
  serverErrors: FieldErrors;
}) {
  const t = useT();
  const format = useFormat();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "REOPEN";
  const message = serverErrors.reason?.[0];
  return (
    <>
      {deferral ? (
        <div className="notice">
          <p>
            {t("funding.deferredOn", {
              date: format.date(deferral.createdAt),
              reason: deferral.reasonCode ? t(`reasonCodes.${deferral.reasonCode as ReasonCode}`) : "—",
            })}
          </p>
          {deferral.reason ? <p className="quote">{deferral.reason}</p> : null}
        </div>
      ) : null}
      {canReopen ? (
        <Form method="post" className="decision-form" noValidate aria-labelledby="funding-reopen-title">
          <h4 id="funding-reopen-title">{t("actions.REOPEN")}</h4>
          <CsrfInput />
          <ActingAsInput />
          <input type="hidden" name="version" value={view.version} />
          <input type="hidden" name="form" value="funding" />
          <div className={`field${message ? " field--error" : ""}`}>
            <label htmlFor={idOf("reopen-reason")}>
              {t("actions.reason")} {t("actions.optional")}
            </label>
            <p className="hint" id={`${idOf("reopen-reason")}-hint`}>
              {t("funding.reopenHint")}
            </p>
            {message ? (
              <span className="field-error" id={`${idOf("reopen-reason")}-error`}>
                {translateFromData(t, message)}
              </span>
            ) : null}
            <textarea
              id={idOf("reopen-reason")}
              name="reason"
              rows={3}
              aria-invalid={message ? true : undefined}
              aria-describedby={`${idOf("reopen-reason")}-hint${message ? ` ${idOf("reopen-reason")}-error` : ""}`}
            />
          </div>
          <button type="submit" name="intent" value="REOPEN" className="button" disabled={busy}>
            {t("actions.REOPEN")}
          </button>
        </Form>
      ) : null}
    </>
  );
}

function FundingForm({
  view,
  available,
  requested,
  limit,
  serverErrors,
  serverValues,
}: {
  view: FundingPanelView;
  available: FundingDecision[];
  requested: number;
  limit: number;
  serverErrors: FieldErrors;
  serverValues?: Record<string, string>;
}) {
  const t = useT();
  const navigation = useNavigation();
  const submit = useSubmit();
  const summaryRef = useRef<HTMLDivElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [serverActive, setServerActive] = useState(true);
  const [defaults] = useState<FormState>(() => {
    const v = serverValues ?? {};
    return {
      intent: isFundingDecision(v.intent) && available.includes(v.intent) ? v.intent : "",
      amount: v.amount ?? requested.toLocaleString("en"),
      reasonCode: v.reasonCode ?? "",
      reason: v.reason ?? "",
    };
  });
  const [resolver] = useState(() => fundingResolver(requested, limit));
  const {
    register,
    watch,
    handleSubmit,
    formState: { errors },
  } = useForm<FormState>({
    defaultValues: defaults,
    resolver,
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: false,
  });

  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    setServerActive(true);
    if (Object.keys(serverErrors).length > 0) summaryRef.current?.focus();
  }, [serverErrors]);

  const clientErrors: FieldErrors = Object.fromEntries(
    Object.entries(errors).flatMap(([k, v]) => (v && typeof v.message === "string" ? [[k, [v.message]]] : [])),
  );
  const shown: FieldErrors = { ...(serverActive ? serverErrors : {}), ...clientErrors };
  const error = (name: string) => shown[name]?.[0];
  const intent = watch("intent");
  const amount = wholeDollars(watch("amount") ?? "");
  const busy = navigation.state === "submitting" && navigation.formData?.get("form") === "funding";
  const visible = (...decisions: FundingDecision[]) =>
    !hydrated || (isFundingDecision(intent) && decisions.includes(intent));
  const route = available.find(
    (d): d is "APPROVE_FUNDING" | "REFER_TO_FINANCE_COMMITTEE" =>
      d === "APPROVE_FUNDING" || d === "REFER_TO_FINANCE_COMMITTEE",
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    setServerActive(false);
    void handleSubmit(
      () => submit(form, { method: "post" }),
      () => summaryRef.current?.focus(),
    )(event);
  }

  const { describedBy, errorLine, fieldClass } = decisionFieldKit(idOf, error, t);
  const section = (show: boolean, heading: string, children: ReactNode) => (
    <div className="conditional" hidden={!show}>
      {hydrated ? null : <h4 className="conditional__heading">{heading}</h4>}
      {children}
    </div>
  );
  const summaryErrors = summaryOf(
    shown,
    PREFIX,
    ["intent", "amount", "reasonCode", "reason"],
    (name) =>
      ({
        amount: t("funding.amount"),
        reasonCode: t("actions.reasonCode"),
        reason: t("actions.reason"),
      })[name] ?? null,
    t,
  );

  return (
    <Form method="post" className="decision-form" noValidate onSubmit={onSubmit} aria-label={t("funding.choose")}>
      <div ref={summaryRef} tabIndex={-1}>
        <ErrorSummary errors={summaryErrors} />
      </div>
      <CsrfInput />
      <ActingAsInput />
      <input type="hidden" name="version" value={view.version} />
      <input type="hidden" name="form" value="funding" />
      <fieldset
        className={fieldClass("intent")}
        aria-describedby={error("intent") ? `${idOf("intent")}-error` : undefined}
      >
        <legend>{t("funding.choose")}</legend>
        {errorLine("intent")}
        <div className="radios">
          {available.map((value, i) => {
            const id = i === 0 ? idOf("intent") : `${idOf("intent")}-${value}`;
            return (
              <div className="radio" key={value}>
                <input
                  type="radio"
                  id={id}
                  value={value}
                  defaultChecked={defaults.intent === value}
                  aria-describedby={`${id}-hint`}
                  {...register("intent")}
                />
                <label htmlFor={id}>{t(`funding.${value}`)}</label>
                <p className="hint" id={`${id}-hint`}>
                  {t(`funding.${value}.hint`)}
                </p>
              </div>
            );
          })}
        </div>
      </fieldset>

      {route
        ? section(
            visible(route),
            t(route === "APPROVE_FUNDING" ? "funding.ifApproving" : "funding.ifReferring"),
            <div className={fieldClass("amount")}>
              <label htmlFor={idOf("amount")}>{t("funding.amount")}</label>
              <p className="hint" id={`${idOf("amount")}-hint`}>
                {t(route === "APPROVE_FUNDING" ? "funding.amountHint.approve" : "funding.amountHint.refer", {
                  requested: formatHkd(requested),
                  limit: formatHkd(limit),
                })}
              </p>
              {errorLine("amount")}
              <input
                type="text"
                inputMode="numeric"
                autoComplete="off"
                id={idOf("amount")}
                className="input--amount"
                aria-invalid={error("amount") ? true : undefined}
                aria-describedby={describedBy("amount", true)}
                defaultValue={defaults.amount}
                {...register("amount")}
              />
              {hydrated ? (
                <p className="implied" aria-live="polite">
                  {amount !== null && !error("amount")
                    ? t(route === "APPROVE_FUNDING" ? "funding.implies.approve" : "funding.implies.refer", {
                        amount: formatHkd(amount),
                      })
                    : null}
                </p>
              ) : null}
            </div>,
          )
        : null}

      {available.some((d) => d === "DEFER" || d === "REJECT")
        ? section(
            visible("DEFER", "REJECT"),
            t("funding.ifRefusing"),
            <>
              <ReasonFields
                idOf={idOf}
                error={error}
                register={register as never}
                defaults={defaults}
                hint={t("funding.reasonHint")}
              />
            </>,
          )
        : null}

      <button
        type="submit"
        className={`button${hydrated && intent === "REJECT" ? " button--warning" : ""}`}
        disabled={busy}
      >
        {hydrated && isFundingDecision(intent) ? t(`funding.submit.${intent}`) : t("funding.submit")}
      </button>
    </Form>
  );
}

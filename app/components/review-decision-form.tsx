import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ActingAsInput } from "~/components/acting-as.tsx";
import { flattenErrors, schemaResolver } from "~/components/form-resolver.ts";
import { SlaClock, type ClockView } from "~/components/working-days.tsx";
import { decisionFieldKit, ReasonFields } from "~/components/decision-fields.tsx";
import { ErrorSummary, fieldId, type FieldErrors } from "~/components/form-fields.tsx";
import { translateFromData, type TFunction } from "~/i18n/t.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { SignoffDecision } from "~/reviews/recorded-decisions.ts";
import type { SignoffStatus } from "~/lifecycle/snapshot.ts";
import { DIVISIONS, type Division } from "~/lifecycle/divisions.ts";
import {
  decisionFormSchemas,
  MAX_CONDITION_ROWS,
  REVIEW_DECISIONS,
  SPARE_CONDITION_ROWS,
  type ReviewDecision,
} from "~/reviews/decision-forms.ts";

export type { ClockView };

export type ReviewDecisionView = {
  ref: string;
  version: number;
  round: number;
  signoffs: Record<string, string>;
  signoffHistory: {
    round: number;
    division: string;
    decision: string;
    reviewer: string | null;
    decidedAt: string;
    comment: string | null;
  }[];
  conditions: { id: string; text: string; division: string; round: number; due: string | null }[];
};

type Props = {
  view: ReviewDecisionView;
  division: Division;
  /** The review decisions the machine allows this reviewer now. */
  available: ReviewDecision[];
  clock: ClockView | null;
  /** Errors and values of this form's last post (a page without JavaScript shows them again). */
  serverErrors?: FieldErrors;
  serverValues?: Record<string, string>;
};

type ConditionRow = { text: string; due: string };
type FormState = {
  intent: ReviewDecision | "";
  comment: string;
  conditions: ConditionRow[];
  reasonCode: string;
  reason: string;
};

/** Field ids carry a prefix so that they cannot clash with the page's other forms. */
const PREFIX = "review";
const idOf = (name: string) => fieldId(`${PREFIX}.${name}`);

function isDecision(value: unknown): value is ReviewDecision {
  return typeof value === "string" && (REVIEW_DECISIONS as readonly string[]).includes(value);
}

/**
 * The error summary's entries for a decision form: in the order the fields appear, each message led by
 * its field's label ("Reason: This field is required."), keyed by the prefixed field id it links to.
 */
export function summaryOf(
  shown: FieldErrors,
  prefix: string,
  order: string[],
  label: (name: string) => string | null,
  t: TFunction,
): FieldErrors {
  const rank = (name: string) => {
    const i = order.findIndex((o) => name === o || name.startsWith(`${o}.`));
    return i < 0 ? order.length : i;
  };
  const entries = Object.entries(shown).filter(([, v]) => v && v.length > 0) as [string, string[]][];
  entries.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b, "en", { numeric: true }));
  return Object.fromEntries(
    entries.map(([name, messages]) => {
      const l = name === "_form" ? null : label(name);
      // A translated sentence is not a message key, so t() gives it back unchanged.
      return [
        name === "_form" ? name : `${prefix}.${name}`,
        [l ? t("review.summaryEntry", { label: l, message: translateFromData(t, messages[0]!) }) : messages[0]!],
      ];
    }),
  );
}

function defaultsFrom(values: Record<string, string> | undefined, available: ReviewDecision[]): FormState {
  const v = values ?? {};
  const rows: ConditionRow[] = [];
  for (const [key, value] of Object.entries(v)) {
    const m = /^conditions\.(\d{1,2})\.(text|due)$/.exec(key);
    if (m) (rows[Number(m[1])] ??= { text: "", due: "" })[m[2] as "text" | "due"] = value;
  }
  const filled = rows.map((r) => r ?? { text: "", due: "" });
  while (filled.length > 0 && !filled[filled.length - 1]!.text.trim() && !filled[filled.length - 1]!.due) filled.pop();
  // Without JavaScript rows cannot be added, so a few spare ones are always there.
  const count = Math.min(MAX_CONDITION_ROWS, Math.max(SPARE_CONDITION_ROWS, filled.length + 1));
  while (filled.length < count) filled.push({ text: "", due: "" });
  const intent = isDecision(v.intent) && available.includes(v.intent) ? v.intent : "";
  return {
    intent,
    comment: v.comment ?? "",
    conditions: filled,
    reasonCode: v.reasonCode ?? "",
    reason: v.reason ?? "",
  };
}

/** The body the server reads from this form (what `readEventForm` makes of the post). */
function bodyOf(values: FormState) {
  return {
    comment: values.comment,
    conditions: values.conditions,
    reasonCode: values.reasonCode,
    reason: values.reason,
  };
}

// The schema follows the chosen decision; each is the event's payload schema (see decision-forms.ts).
const resolver = schemaResolver<FormState>((values) =>
  isDecision(values.intent)
    ? { schema: decisionFormSchemas[values.intent], body: bodyOf(values) }
    : { unchosen: "intent", message: "reviews.errors.chooseDecision" },
);

/**
 * The reviewer's decision for their division in this round: approve, approve with conditions, return
 * for changes or reject, with the other divisions' decisions of the round beside it.
 *
 * Without JavaScript it is one plain form: every part shows, with spare condition rows, and the server
 * validates it with the same schemas. With JavaScript, react-hook-form validates before sending, shows
 * only the part the chosen decision needs, and conditions are added and removed in place.
 */
export function ReviewDecisionForm({ view, division, available, clock, serverErrors = {}, serverValues }: Props) {
  const t = useT();
  const navigation = useNavigation();
  const submit = useSubmit();
  const summaryRef = useRef<HTMLDivElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [defaults] = useState(() => defaultsFrom(serverValues, available));
  const {
    register,
    control,
    watch,
    handleSubmit,
    formState: { errors },
  } = useForm<FormState>({
    defaultValues: defaults,
    resolver,
    mode: "onSubmit",
    reValidateMode: "onChange",
    // The error summary takes the focus, as after a server round trip.
    shouldFocusError: false,
  });
  // The server's errors show until the next attempt to send (and again whenever a new answer arrives).
  const [serverActive, setServerActive] = useState(true);
  // keyName: the rows' own fields must not be shadowed by react-hook-form's row key.
  const rows = useFieldArray({ control, name: "conditions", keyName: "key" });

  useEffect(() => {
    setHydrated(true);
    // With JavaScript rows are added on demand: keep the filled ones and one empty row.
    const filled = defaults.conditions.filter((r) => r.text.trim() || r.due);
    if (filled.length < defaults.conditions.length) rows.replace(filled.length ? filled : [{ text: "", due: "" }]);
    // Only once, after hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    setServerActive(true);
    if (Object.keys(serverErrors).length > 0) summaryRef.current?.focus();
  }, [serverErrors]);

  const clientErrors = flattenErrors(errors);
  const shown: FieldErrors = { ...(serverActive ? serverErrors : {}), ...clientErrors };
  const error = (name: string) => shown[name]?.[0];
  const intent = watch("intent");
  const visible = (...decisions: ReviewDecision[]) => !hydrated || (isDecision(intent) && decisions.includes(intent));
  const busy = navigation.state === "submitting" && navigation.formData?.get("form") === "review";

  // Validation is asynchronous, so the browser's own submission is stopped and the form is sent through
  // Remix once the schema the server uses has passed.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    setServerActive(false);
    void handleSubmit(
      () => submit(form, { method: "post" }),
      () => summaryRef.current?.focus(),
    )(event);
  }

  const { describedBy, errorLine, fieldClass } = decisionFieldKit(idOf, error, t);

  const radio = (value: ReviewDecision, i: number) => (
    <div className="radio" key={value}>
      <input
        type="radio"
        id={i === 0 ? idOf("intent") : `${idOf("intent")}-${value}`}
        value={value}
        defaultChecked={defaults.intent === value}
        aria-describedby={`${idOf("intent")}-${value}-hint`}
        {...register("intent")}
      />
      <label htmlFor={i === 0 ? idOf("intent") : `${idOf("intent")}-${value}`}>{t(`review.${value}`)}</label>
      <p className="hint" id={`${idOf("intent")}-${value}-hint`}>
        {t(`review.${value}.hint`)}
      </p>
    </div>
  );

  const section = (show: boolean, heading: string, children: ReactNode, className = "") => (
    <div className={`conditional ${className}`} hidden={!show}>
      {/* Without JavaScript every part shows at once, so each says when it applies. */}
      {hydrated ? null : <h4 className="conditional__heading">{heading}</h4>}
      {children}
    </div>
  );

  const summaryErrors = summaryOf(
    shown,
    PREFIX,
    ["intent", "conditions", "comment", "reasonCode", "reason"],
    (name) => {
      const row = /^conditions\.(\d+)\.(text|due)$/.exec(name);
      if (row)
        return t(row[2] === "text" ? "actions.conditionText" : "actions.conditionDue", { n: Number(row[1]) + 1 });
      const labels: Record<string, string> = {
        conditions: t("review.conditions"),
        comment: t("actions.comment"),
        reasonCode: t("actions.reasonCode"),
        reason: t("actions.reason"),
      };
      return labels[name] ?? null;
    },
    t,
  );

  return (
    <div className="decision-layout">
      <Form
        method="post"
        className="decision-form"
        noValidate
        onSubmit={onSubmit}
        aria-labelledby="review-decision-title"
      >
        <h3 id="review-decision-title">{t("review.title", { division: t(`divisions.${division}`) })}</h3>
        {clock ? <SlaClock clock={clock} messageKey="review.clock" /> : null}
        <div ref={summaryRef} tabIndex={-1}>
          <ErrorSummary errors={summaryErrors} />
        </div>
        <CsrfInput />
        <ActingAsInput />
        <input type="hidden" name="version" value={view.version} />
        <input type="hidden" name="form" value="review" />

        <fieldset
          className={fieldClass("intent")}
          aria-describedby={error("intent") ? `${idOf("intent")}-error` : undefined}
        >
          <legend>{t("review.choose")}</legend>
          {errorLine("intent")}
          <div className="radios">{available.map(radio)}</div>
        </fieldset>

        {available.includes("APPROVE_WITH_CONDITIONS")
          ? section(
              visible("APPROVE_WITH_CONDITIONS"),
              t("review.ifConditions"),
              <fieldset className={fieldClass("conditions")} aria-describedby={`${idOf("conditions")}-hint`}>
                <legend>{t("review.conditions")}</legend>
                <p className="hint" id={`${idOf("conditions")}-hint`}>
                  {t("review.conditionsHint")} {hydrated ? null : t("review.spareRowsHint")}
                </p>
                {error("conditions") ? (
                  <span className="field-error" id={idOf("conditions")}>
                    {translateFromData(t, error("conditions")!)}
                  </span>
                ) : null}
                <ol className="condition-rows">
                  {rows.fields.map((row, i) => {
                    const n = i + 1;
                    const text = `conditions.${i}.text`;
                    const due = `conditions.${i}.due`;
                    return (
                      <li key={row.key} className="condition-row">
                        <div className={fieldClass(text)}>
                          <label htmlFor={idOf(text)}>{t("actions.conditionText", { n })}</label>
                          {errorLine(text)}
                          <textarea
                            id={idOf(text)}
                            rows={2}
                            aria-invalid={error(text) ? true : undefined}
                            aria-describedby={describedBy(text, false)}
                            defaultValue={row.text}
                            {...register(`conditions.${i}.text` as const)}
                          />
                        </div>
                        <div className={fieldClass(due)}>
                          <label htmlFor={idOf(due)}>
                            {t("actions.conditionDue", { n })} {t("actions.optional")}
                          </label>
                          {errorLine(due)}
                          <input
                            type="date"
                            id={idOf(due)}
                            className="input--date"
                            aria-invalid={error(due) ? true : undefined}
                            aria-describedby={describedBy(due, false)}
                            defaultValue={row.due}
                            {...register(`conditions.${i}.due` as const)}
                          />
                        </div>
                        {hydrated && rows.fields.length > 1 ? (
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            onClick={() => rows.remove(i)}
                          >
                            {t("review.removeCondition", { n })}
                          </button>
                        ) : null}
                      </li>
                    );
                  })}
                </ol>
                {hydrated && rows.fields.length < MAX_CONDITION_ROWS ? (
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => rows.append({ text: "", due: "" }, { shouldFocus: true })}
                  >
                    {t("review.addCondition")}
                  </button>
                ) : null}
              </fieldset>,
            )
          : null}

        {available.some((d) => d === "APPROVE" || d === "APPROVE_WITH_CONDITIONS")
          ? section(
              visible("APPROVE", "APPROVE_WITH_CONDITIONS"),
              t("review.ifApproving"),
              <div className={fieldClass("comment")}>
                <label htmlFor={idOf("comment")}>
                  {t("actions.comment")} {t("actions.optional")}
                </label>
                {errorLine("comment")}
                <textarea
                  id={idOf("comment")}
                  rows={3}
                  aria-invalid={error("comment") ? true : undefined}
                  aria-describedby={describedBy("comment", false)}
                  defaultValue={defaults.comment}
                  {...register("comment")}
                />
              </div>,
            )
          : null}

        {available.some((d) => d === "REQUEST_CHANGES" || d === "REJECT")
          ? section(
              visible("REQUEST_CHANGES", "REJECT"),
              t("review.ifRefusing"),
              <>
                <ReasonFields
                  idOf={idOf}
                  error={error}
                  register={register as never}
                  defaults={defaults}
                  hint={t("review.reasonHint")}
                />
              </>,
            )
          : null}

        <button
          type="submit"
          className={`button${hydrated && intent === "REJECT" ? " button--warning" : ""}`}
          disabled={busy}
        >
          {hydrated && isDecision(intent) ? t(`review.submit.${intent}`) : t("review.submit")}
        </button>
      </Form>
      <OtherDivisions view={view} division={division} />
    </div>
  );
}

/** The other divisions' decisions in the current round, beside the form. */
function OtherDivisions({ view, division }: { view: ReviewDecisionView; division: Division }) {
  const t = useT();
  const format = useFormat();
  const others = DIVISIONS.filter((d) => d !== division);
  const required = others.filter((d) => view.signoffs[d] !== "notRequired");
  return (
    <aside className="decision-aside" aria-labelledby="review-others-title">
      <h3 id="review-others-title">{t("review.others", { n: view.round })}</h3>
      {required.length === 0 ? <p>{t("review.othersNone")}</p> : null}
      <ul className="plain-list division-statuses">
        {required.map((d) => {
          const status = view.signoffs[d] ?? "notRequired";
          const decision = view.signoffHistory.filter((s) => s.round === view.round && s.division === d).at(-1);
          const conditions = view.conditions.filter((c) => c.round === view.round && c.division === d);
          return (
            <li key={d}>
              <strong>{t(`divisions.${d}`)}</strong>{" "}
              <span className={`tag ${status === "approved" ? "tag--green" : "tag--amber"}`}>
                {decision
                  ? t(`initiative.decision.${decision.decision as SignoffDecision}`)
                  : t(`initiative.signoffStatus.${status as SignoffStatus}`)}
              </span>
              {decision ? (
                <p className="hint">
                  {t("review.decidedBy", {
                    name: decision.reviewer ?? "—",
                    date: format.date(decision.decidedAt),
                  })}
                </p>
              ) : null}
              {decision?.comment ? <p className="quote">{decision.comment}</p> : null}
              {conditions.length > 0 ? (
                <ul>
                  {conditions.map((c) => (
                    <li key={c.id}>
                      {c.id}: {c.text}
                      {c.due ? ` (${t("initiative.conditionDue", { date: format.date(c.due) })})` : ""}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}

import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { flattenErrors, schemaResolver } from "~/components/form-resolver.ts";
import { ErrorSummary, fieldId, type FieldErrors } from "~/components/form-fields.tsx";
import type { TFunction, TParams } from "~/i18n/t.ts";
import { FLAG_FIELDS, formStateToInput, type ProposalFormState } from "~/initiatives/proposal-form.ts";
import { proposalDraftSchema, proposalSubmissionSchema } from "~/initiatives/proposal.schema.ts";
import {
  CATEGORIES,
  DIVISIONS,
  defaultLeadDivision,
  requiredDivisions,
  type Category,
  type Division,
} from "~/lifecycle/divisions.ts";

type Props = {
  t: TFunction;
  defaults: ProposalFormState;
  /** Errors from the server (i18n keys by dotted field path). */
  serverErrors: FieldErrors;
  /** Values of the server's message about the whole form (`_form`), when it has placeholders. */
  serverParams?: TParams;
  /** The stored version, sent back so that a concurrent edit is detected. */
  version?: number;
  submitLabel: string;
};

/**
 * Every input also gets its value as a plain HTML default: react-hook-form applies defaults through refs
 * in the browser, which leaves server-rendered (and JavaScript-free) inputs empty otherwise.
 *
 * The proposal form. Without JavaScript it is a plain POST whose field names the server reads; with
 * it, react-hook-form validates with the same zod schemas as the server (lenient for a draft, strict
 * for submission) before anything is sent, and milestones are edited in place.
 */
export function ProposalForm({ t, defaults, serverErrors, serverParams, version, submitLabel }: Props) {
  const navigation = useNavigation();
  const intent = useRef<"save" | "submit">("save");
  const {
    register,
    control,
    watch,
    setValue,
    getFieldState,
    handleSubmit,
    formState: { errors, isSubmitted },
  } = useForm<ProposalFormState>({
    defaultValues: defaults,
    mode: "onBlur",
    reValidateMode: "onChange",
    resolver: schemaResolver((values) => ({
      schema: intent.current === "submit" ? proposalSubmissionSchema : proposalDraftSchema,
      body: formStateToInput(values),
    })),
  });
  // keyName keeps react-hook-form's own row key out of `id`, which carries the stored milestone id.
  const milestones = useFieldArray({ control, name: "milestones", keyName: "key" });
  const summaryRef = useRef<HTMLDivElement>(null);

  const clientErrors = flattenErrors(errors);
  const shown: FieldErrors = Object.keys(clientErrors).length > 0 ? clientErrors : serverErrors;
  const error = (name: string) => shown[name]?.[0];

  useEffect(() => {
    if (Object.keys(serverErrors).length > 0) summaryRef.current?.focus();
  }, [serverErrors]);

  // The lead division follows the category until the officer picks one themselves.
  const categoryField = register("category", {
    onChange: (event: { target: { value: string } }) => {
      const value = event.target.value;
      if (!getFieldState("leadDivision").isDirty && (CATEGORIES as readonly string[]).includes(value)) {
        setValue("leadDivision", defaultLeadDivision(value as Category));
      }
    },
  });

  const lead = watch("leadDivision");
  // Scope flags are plain checkboxes (booleans need no validation); local state drives the live preview.
  const [flags, setFlags] = useState(() => FLAG_FIELDS.map((f) => defaults[f]));
  const preview = (DIVISIONS as readonly string[]).includes(lead)
    ? requiredDivisions({
        leadDivision: lead as Division,
        handlesPersonalData: flags[0],
        sharesDataAcrossBureaux: flags[1],
        needsNewInfrastructure: flags[2],
        citizenFacing: flags[3],
      })
    : [];

  // react-hook-form validates with the same schema the server uses (draft or submission, by the button
  // pressed) and then the form is posted through Remix; after a first attempt, fields re-validate as
  // they change, so fixed errors go away at once.
  const submit = useSubmit();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const value = submitter?.value ?? "save";
    if (value !== "save" && value !== "submit") return;
    intent.current = value;
    const form = event.currentTarget;
    void handleSubmit(
      () => submit(submitter ?? form, { method: "post" }),
      () => summaryRef.current?.focus(),
    )(event);
  }

  const busy = navigation.state === "submitting";
  const textField = (
    name: keyof ProposalFormState,
    label: string,
    opts: { hint?: string; type?: string; inputMode?: "numeric"; autoComplete?: string; lang?: string } = {},
  ) => {
    const id = fieldId(name);
    const message = error(name);
    const describedBy = [opts.hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(" ");
    return (
      <div className={`field${message ? " field--error" : ""}`}>
        <label htmlFor={id}>{label}</label>
        {opts.hint ? (
          <p className="hint" id={`${id}-hint`}>
            {opts.hint}
          </p>
        ) : null}
        {message ? (
          <span className="field-error" id={`${id}-error`}>
            {t(message)}
          </span>
        ) : null}
        <input
          id={id}
          type={opts.type ?? "text"}
          inputMode={opts.inputMode}
          autoComplete={opts.autoComplete ?? "off"}
          lang={opts.lang}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy || undefined}
          defaultValue={String(defaults[name] ?? "")}
          {...register(name as "titleEn")}
        />
      </div>
    );
  };

  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="form proposal-form">
      <CsrfInput />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <div ref={summaryRef} tabIndex={-1}>
        {isSubmitted || Object.keys(clientErrors).length ? (
          <ErrorSummary errors={shown} />
        ) : (
          <ErrorSummary errors={serverErrors} params={serverParams} />
        )}
      </div>

      <fieldset className="section">
        <legend>
          <h2>{t("proposal.basics")}</h2>
        </legend>
        {textField("titleEn", t("proposal.titleEn"), { lang: "en" })}
        {textField("titleZh", t("proposal.titleZh"), { lang: "zh-Hant-HK" })}
        <div className={`field${error("category") ? " field--error" : ""}`}>
          <label htmlFor="category">{t("proposal.category")}</label>
          {error("category") ? (
            <span className="field-error" id="category-error">
              {t(error("category")!)}
            </span>
          ) : null}
          <select
            id="category"
            aria-invalid={error("category") ? true : undefined}
            aria-describedby={error("category") ? "category-error" : undefined}
            defaultValue={defaults.category}
            {...categoryField}
          >
            <option value="">{t("proposal.chooseCategory")}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`categories.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${error("leadDivision") ? " field--error" : ""}`}>
          <label htmlFor="leadDivision">{t("proposal.leadDivision")}</label>
          <p className="hint" id="leadDivision-hint">
            {t("proposal.leadHint")}
          </p>
          {error("leadDivision") ? (
            <span className="field-error" id="leadDivision-error">
              {t(error("leadDivision")!)}
            </span>
          ) : null}
          <select
            id="leadDivision"
            aria-invalid={error("leadDivision") ? true : undefined}
            aria-describedby={`leadDivision-hint${error("leadDivision") ? " leadDivision-error" : ""}`}
            defaultValue={defaults.leadDivision}
            {...register("leadDivision")}
          >
            <option value="">{t("proposal.chooseDivision")}</option>
            {DIVISIONS.map((d) => (
              <option key={d} value={d}>
                {t(`divisions.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${error("summary") ? " field--error" : ""}`}>
          <label htmlFor="summary">{t("proposal.summary")}</label>
          <p className="hint" id="summary-hint">
            {t("proposal.summaryHint")}
          </p>
          {error("summary") ? (
            <span className="field-error" id="summary-error">
              {t(error("summary")!)}
            </span>
          ) : null}
          <textarea
            id="summary"
            rows={6}
            aria-invalid={error("summary") ? true : undefined}
            aria-describedby={`summary-hint${error("summary") ? " summary-error" : ""}`}
            defaultValue={defaults.summary}
            {...register("summary")}
          />
        </div>
      </fieldset>

      <fieldset className="section">
        <legend>
          <h2>{t("proposal.scope")}</h2>
        </legend>
        <p className="hint">{t("proposal.scopeHint")}</p>
        <div className="checkboxes">
          {FLAG_FIELDS.map((f) => (
            <div className="checkbox" key={f}>
              <input
                type="checkbox"
                id={f}
                name={f}
                value="true"
                defaultChecked={defaults[f]}
                onChange={(e) => {
                  const checked = e.target.checked;
                  setFlags((old) => old.map((v, i) => (FLAG_FIELDS[i] === f ? checked : v)));
                }}
              />
              <label htmlFor={f}>{t(`proposal.${f}`)}</label>
            </div>
          ))}
        </div>
        <div className="notice" aria-live="polite">
          {preview.length > 0 ? (
            <>
              <p>{t("proposal.signoffPreview")}</p>
              <ul className="signoff-preview">
                {preview.map((d) => (
                  <li key={d}>{t(`divisions.${d}`)}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t("proposal.signoffPreviewNone")}</p>
          )}
        </div>
      </fieldset>

      <fieldset className="section">
        <legend>
          <h2>{t("proposal.costs")}</h2>
        </legend>
        {textField("nonRecurrentCost", t("proposal.nonRecurrentCost"), {
          hint: t("proposal.nonRecurrentHint"),
          inputMode: "numeric",
        })}
        {textField("recurrentCost", t("proposal.recurrentCost"), { inputMode: "numeric" })}
        {textField("expectedAnnualSavings", t("proposal.expectedAnnualSavings"), { inputMode: "numeric" })}
        {textField("expectedStaffHoursSaved", t("proposal.expectedStaffHoursSaved"), { inputMode: "numeric" })}
      </fieldset>

      <fieldset className="section">
        <legend>
          <h2>{t("proposal.timeline")}</h2>
        </legend>
        {textField("plannedStart", t("proposal.plannedStart"), { type: "date" })}
        {textField("plannedEnd", t("proposal.plannedEnd"), { type: "date" })}
      </fieldset>

      <fieldset className="section" aria-describedby="milestones-hint">
        <legend>
          <h2>{t("proposal.milestones")}</h2>
        </legend>
        <p className="hint" id="milestones-hint">
          {t("proposal.milestonesHint")}
        </p>
        {error("milestones") ? (
          <span className="field-error" id="milestones">
            {t(error("milestones")!)}
          </span>
        ) : null}
        <ol className="milestone-list">
          {milestones.fields.map((row, i) => {
            const n = i + 1;
            const nameError = error(`milestones.${i}.name`);
            const dueError = error(`milestones.${i}.due`);
            return (
              <li key={row.key} className="milestone-row">
                <input type="hidden" defaultValue={row.id} {...register(`milestones.${i}.id` as const)} />
                <div className={`field${nameError ? " field--error" : ""}`}>
                  <label htmlFor={fieldId(`milestones.${i}.name`)}>{t("proposal.milestoneName", { n })}</label>
                  {nameError ? (
                    <span className="field-error" id={`${fieldId(`milestones.${i}.name`)}-error`}>
                      {t(nameError)}
                    </span>
                  ) : null}
                  <input
                    type="text"
                    id={fieldId(`milestones.${i}.name`)}
                    autoComplete="off"
                    aria-invalid={nameError ? true : undefined}
                    aria-describedby={nameError ? `${fieldId(`milestones.${i}.name`)}-error` : undefined}
                    defaultValue={row.name}
                    {...register(`milestones.${i}.name` as const)}
                  />
                </div>
                <div className={`field${dueError ? " field--error" : ""}`}>
                  <label htmlFor={fieldId(`milestones.${i}.due`)}>{t("proposal.milestoneDue", { n })}</label>
                  {dueError ? (
                    <span className="field-error" id={`${fieldId(`milestones.${i}.due`)}-error`}>
                      {t(dueError)}
                    </span>
                  ) : null}
                  <input
                    type="date"
                    id={fieldId(`milestones.${i}.due`)}
                    aria-invalid={dueError ? true : undefined}
                    aria-describedby={dueError ? `${fieldId(`milestones.${i}.due`)}-error` : undefined}
                    defaultValue={row.due}
                    {...register(`milestones.${i}.due` as const)}
                  />
                </div>
                <div className="button-group milestone-row__tools">
                  <button
                    type="submit"
                    name="intent"
                    value={`moveUp:${i}`}
                    className="button button--secondary button--small"
                    disabled={i === 0}
                    onClick={(e) => {
                      e.preventDefault();
                      milestones.move(i, i - 1);
                    }}
                  >
                    <span aria-hidden="true">↑</span>
                    <span className="visually-hidden">{t("proposal.moveUp", { n })}</span>
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value={`moveDown:${i}`}
                    className="button button--secondary button--small"
                    disabled={i === milestones.fields.length - 1}
                    onClick={(e) => {
                      e.preventDefault();
                      milestones.move(i, i + 1);
                    }}
                  >
                    <span aria-hidden="true">↓</span>
                    <span className="visually-hidden">{t("proposal.moveDown", { n })}</span>
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value={`removeMilestone:${i}`}
                    className="button button--secondary button--small"
                    onClick={(e) => {
                      e.preventDefault();
                      milestones.remove(i);
                    }}
                  >
                    {t("proposal.removeMilestone", { n })}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
        <button
          type="submit"
          name="intent"
          value="addMilestone"
          className="button button--secondary"
          onClick={(e) => {
            e.preventDefault();
            milestones.append({ id: "", name: "", due: "" }, { shouldFocus: true });
          }}
        >
          {t("proposal.addMilestone")}
        </button>
      </fieldset>

      <div className="button-group form-actions">
        <button type="submit" name="intent" value="save" className="button button--secondary" disabled={busy}>
          {t("proposal.save")}
        </button>
        <button type="submit" name="intent" value="submit" className="button" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

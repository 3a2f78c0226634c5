import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t.ts";
import { translateFromData, type TFunction, type TParams } from "~/i18n/t.ts";

/** Field name → i18n keys of its errors; `_form` holds errors about the whole form. */
export type FieldErrors = Record<string, string[] | undefined>;

/** The GOV.UK-style summary at the top of a form, linking to each field in error. */
export function ErrorSummary({ errors, params }: { errors: FieldErrors; params?: TParams }) {
  const t = useT();
  const entries = Object.entries(errors).filter(([, v]) => v && v.length > 0) as [string, string[]][];
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t("form.errorSummary")}</h2>
      <ul>
        {entries.map(([field, messages]) =>
          field === "_form" ? (
            <li key={field}>{translateFromData(t, messages[0]!, params)}</li>
          ) : (
            <li key={field}>
              <a href={`#${fieldId(field)}`}>{translateFromData(t, messages[0]!, params)}</a>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

/** The id of a field's input, from its dotted name (milestones.0.due → milestones-0-due). */
export function fieldId(name: string): string {
  return name.replace(/[.[\]]+/g, "-").replace(/-$/, "");
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  errors?: FieldErrors;
  children: (props: { id: string; name: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) => ReactNode;
};

/** A labelled field with its hint and error, wired for screen readers. */
export function Field({ name, label, hint, errors, children }: FieldProps) {
  const t = useT();
  const id = fieldId(name);
  const error = errors?.[name]?.[0];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {translateFromData(t, error)}
        </span>
      ) : null}
      {children({
        id,
        name,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
    </div>
  );
}

/** A compact filter: a labelled select whose first choice ("any …") sends nothing. Works without JavaScript. */
export function FilterSelect({
  name,
  label,
  anyLabel,
  value,
  options,
  hint,
}: {
  name: string;
  label: string;
  anyLabel: string;
  value: string | null | undefined;
  options: { value: string; label: string }[];
  /** A line under the select saying what the filter counts by. */
  hint?: string;
}) {
  return (
    <div className="field field--compact">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value ?? ""} aria-describedby={hint ? `${name}-hint` : undefined}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p className="hint dashboard-hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The attributes a labelled field gives its control. */
export type ControlProps = { id: string; name: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

/**
 * A labelled-field renderer for a form whose ids carry a prefix (several forms share one page): label, hint,
 * error and `aria-describedby`, with the control drawn by `input`.
 */
export function prefixedFields(t: TFunction, prefix: string, errors: FieldErrors) {
  const id = (name: string) => `${prefix}-${fieldId(name)}`;
  return (name: string, label: string, input: (p: ControlProps) => ReactNode, hint?: string) => {
    const message = errors[name]?.[0];
    const describedBy = [hint ? `${id(name)}-hint` : null, message ? `${id(name)}-error` : null]
      .filter(Boolean)
      .join(" ");
    return (
      <div className={`field${message ? " field--error" : ""}`} key={name}>
        <label htmlFor={id(name)}>{label}</label>
        {hint ? (
          <p className="hint" id={`${id(name)}-hint`}>
            {hint}
          </p>
        ) : null}
        {message ? (
          <span className="field-error" id={`${id(name)}-error`}>
            {translateFromData(t, message)}
          </span>
        ) : null}
        {input({
          id: id(name),
          name,
          "aria-invalid": message ? true : undefined,
          "aria-describedby": describedBy || undefined,
        })}
      </div>
    );
  };
}

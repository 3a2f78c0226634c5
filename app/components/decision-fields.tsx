import type { UseFormRegister } from "react-hook-form";
import { translateFromData, type TFunction } from "~/i18n/t.ts";
import { useT } from "~/i18n/use-t.ts";
import { REASON_CODES } from "~/lifecycle/divisions.ts";

/** Helpers that wire a decision form's fields to their hints and errors, for screen readers too. */
export function decisionFieldKit(
  idOf: (name: string) => string,
  error: (name: string) => string | undefined,
  t: TFunction,
) {
  return {
    describedBy: (name: string, hint: boolean) =>
      [hint ? `${idOf(name)}-hint` : null, error(name) ? `${idOf(name)}-error` : null].filter(Boolean).join(" ") ||
      undefined,
    errorLine: (name: string) =>
      error(name) ? (
        <span className="field-error" id={`${idOf(name)}-error`}>
          {translateFromData(t, error(name)!)}
        </span>
      ) : null,
    fieldClass: (name: string) => `field${error(name) ? " field--error" : ""}`,
  };
}

type ReasonFieldsProps = {
  idOf: (name: string) => string;
  error: (name: string) => string | undefined;
  // Both decision forms register `reasonCode` and `reason`; their value types differ otherwise.
  register: UseFormRegister<{ reasonCode: string; reason: string }>;
  defaults: { reasonCode?: string; reason?: string };
  /** The hint under the reason: who reads it. */
  hint: string;
};

/** A refusal's reason category (from the fixed list) and reason, as every refusing decision needs. */
export function ReasonFields({ idOf, error, register, defaults, hint }: ReasonFieldsProps) {
  const t = useT();
  const { describedBy, errorLine, fieldClass } = decisionFieldKit(idOf, error, t);
  return (
    <>
      <div className={fieldClass("reasonCode")}>
        <label htmlFor={idOf("reasonCode")}>{t("actions.reasonCode")}</label>
        {errorLine("reasonCode")}
        <select
          id={idOf("reasonCode")}
          aria-invalid={error("reasonCode") ? true : undefined}
          aria-describedby={describedBy("reasonCode", false)}
          defaultValue={defaults.reasonCode}
          {...register("reasonCode")}
        >
          <option value="">{t("review.chooseReasonCode")}</option>
          {REASON_CODES.map((c) => (
            <option key={c} value={c}>
              {t(`reasonCodes.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className={fieldClass("reason")}>
        <label htmlFor={idOf("reason")}>{t("actions.reason")}</label>
        <p className="hint" id={`${idOf("reason")}-hint`}>
          {hint}
        </p>
        {errorLine("reason")}
        <textarea
          id={idOf("reason")}
          rows={4}
          aria-invalid={error("reason") ? true : undefined}
          aria-describedby={describedBy("reason", true)}
          defaultValue={defaults.reason}
          {...register("reason")}
        />
      </div>
    </>
  );
}

import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t.ts";
import { Field, type FieldErrors } from "./form-fields.tsx";

type Enrolment = { secret: string; qrSvg: string };

/** The QR code, the key to type instead, and the confirmation code field; the caller supplies the form. */
export function MfaEnrolment({
  enrolment,
  errors,
  children,
}: {
  enrolment: Enrolment;
  errors: FieldErrors;
  children: (body: ReactNode) => ReactNode;
}) {
  const t = useT();
  const body = (
    <>
      <ol>
        <li>{t("mfa.stepInstall")}</li>
        <li>
          {t("mfa.stepScan")}
          {/* The SVG is made on the server by the qrcode library from our own otpauth URI. */}
          <div
            className="qr-code"
            role="img"
            aria-label={t("mfa.qrLabel")}
            dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
          />
          <p className="hint">
            {t("mfa.manualKey")} <code className="secret">{enrolment.secret.replace(/(.{4})/g, "$1 ").trim()}</code>
          </p>
        </li>
        <li>{t("mfa.stepConfirm")}</li>
      </ol>
      <Field name="code" label={t("mfa.code")} errors={errors}>
        {(p) => (
          <input
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            className="input--short"
            {...p}
          />
        )}
      </Field>
      <button type="submit" className="button">
        {t("mfa.confirm")}
      </button>
    </>
  );
  return <>{children(body)}</>;
}

/** The ten recovery codes, shown once. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useT();
  return (
    <>
      <div className="notice notice--success" role="status">
        {t("mfa.enabled")}
      </div>
      <h2>{t("mfa.recoveryTitle")}</h2>
      <p>{t("mfa.recoveryIntro")}</p>
      <ul className="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
    </>
  );
}

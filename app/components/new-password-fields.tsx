import { useT } from "~/i18n/use-t.ts";
import { Field, type FieldErrors } from "./form-fields.tsx";

/** New password and its confirmation, with the password rules as the hint. */
export function NewPasswordFields({ errors }: { errors: FieldErrors }) {
  const t = useT();
  return (
    <>
      <Field name="newPassword" label={t("account.newPassword")} hint={t("account.newPasswordHint")} errors={errors}>
        {(p) => <input type="password" autoComplete="new-password" {...p} />}
      </Field>
      <Field name="confirmPassword" label={t("account.confirmPassword")} errors={errors}>
        {(p) => <input type="password" autoComplete="new-password" {...p} />}
      </Field>
    </>
  );
}

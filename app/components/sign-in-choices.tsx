import { useT } from "~/i18n/use-t.ts";

function providerHref(redirectTo: string): string {
  return `/auth/oidc/start${redirectTo && redirectTo !== "/" ? `?${new URLSearchParams({ redirectTo })}` : ""}`;
}

/** "Sign in with your government account": a plain link, so that it works without JavaScript. */
export function SignInChoices({ redirectTo }: { redirectTo: string }) {
  const t = useT();
  return (
    <div className="sign-in-choices">
      <p>
        <a className="button" href={providerHref(redirectTo)}>
          {t("identity.signInWithProvider")}
        </a>
      </p>
      <p className="hint">{t("identity.orPassword")}</p>
    </div>
  );
}

/** The sign-in page when password sign-in is switched off (PASSWORD_SIGN_IN=false). */
export function ProviderOnlySignIn({ redirectTo }: { redirectTo: string }) {
  const t = useT();
  return (
    <div className="form">
      <h1>{t("login.title")}</h1>
      <p className="lead">{t("identity.providerOnlyIntro")}</p>
      <p>
        <a className="button" href={providerHref(redirectTo)}>
          {t("identity.signInWithProvider")}
        </a>
      </p>
    </div>
  );
}

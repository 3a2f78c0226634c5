import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t.ts";

/** The account's other pages: the second factor and personal API tokens. */
export function AccountLinks() {
  const t = useT();
  return (
    <ul className="link-list">
      <li>
        <Link to="/account/mfa">{t("mfa.accountTitle")}</Link>
      </li>
      <li>
        <Link to="/account/tokens">{t("tokens.title")}</Link>
      </li>
    </ul>
  );
}

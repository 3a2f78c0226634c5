import { NavLink } from "@remix-run/react";
import { useT } from "~/i18n/use-t.ts";

const SECTIONS = [
  { to: "/admin", label: "adminNav.overview", end: true },
  { to: "/admin/users", label: "adminNav.users", end: false },
  { to: "/admin/bureaux", label: "adminNav.bureaux", end: true },
  { to: "/admin/sign-in", label: "adminNav.signIn", end: true },
  { to: "/admin/notifications", label: "notifications.admin.link", end: true },
] as const;

/** The administration area's sections. */
export function AdminNav() {
  const t = useT();
  return (
    <nav aria-label={t("adminNav.label")} className="sub-nav">
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to} end={s.end}>
              {t(s.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

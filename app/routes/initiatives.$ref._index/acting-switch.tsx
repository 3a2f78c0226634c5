import { Link } from "@remix-run/react";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { isDivision } from "~/lifecycle/divisions.ts";
import type { InitiativeView as ServerView } from "~/initiatives/initiatives.queries.server.ts";

/** Plain strings only, so the server's type is the page's too (and the loader's type need not refer to itself). */
type ActingFor = ServerView["actingFor"][number];

/** Whose decisions the page offers, from `?as=`: the reader's own (`self`), or a delegator's by e-mail. */
export function actingChoice(
  view: { availableEvents: readonly string[]; actingFor: ActingFor[] },
  as: string | null,
): (ActingFor & { role: string }) | null {
  if (as === "self") return null;
  const chosen =
    view.actingFor.find((a) => a.delegator.email === as) ??
    // With nothing to do as themselves, an acting reviewer lands on what they may do for the delegator.
    (view.availableEvents.length === 0 ? view.actingFor.find((a) => a.availableEvents.length > 0) : undefined);
  return chosen ? { ...chosen, role: chosen.delegator.role } : null;
}

/** For an acting reviewer: whom they act for, and a switch between their own decisions and the delegator's. */
export function ActingSwitch({ view, acting }: { view: { actingFor: ActingFor[] }; acting: ActingFor | null }) {
  const t = useT();
  const format = useFormat();
  if (view.actingFor.length === 0) return null;
  return (
    <nav className="notice acting-switch" aria-label={t("delegations.switchLabel")}>
      <ul className="acting-switch__list">
        <li>
          <Link to="?as=self" aria-current={acting ? undefined : "page"} preventScrollReset>
            {t("delegations.actAsSelf")}
          </Link>
        </li>
        {view.actingFor.map((a) => (
          <li key={a.delegationId}>
            <Link
              to={`?as=${encodeURIComponent(a.delegator.email)}`}
              aria-current={acting?.delegationId === a.delegationId ? "page" : undefined}
              preventScrollReset
            >
              {t("delegations.actFor", {
                name: a.delegator.name,
                division: isDivision(a.delegator.divisionCode)
                  ? t(`divisions.${a.delegator.divisionCode}`)
                  : t("roles.LEADERSHIP"),
                until: format.date(a.until),
              })}
            </Link>
            {a.availableEvents.length === 0 ? ` ${t("delegations.nothingToDo")}` : null}
          </li>
        ))}
      </ul>
    </nav>
  );
}

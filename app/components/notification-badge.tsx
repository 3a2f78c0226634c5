import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t.ts";

/** The header's link to the notification centre, with the unread count (on every page). */
export function NotificationBadge({ unread }: { unread: number }) {
  const t = useT();
  return (
    <Link to="/notifications" className="site-header__notifications" data-testid="notification-badge">
      {t("notifications.badge")}
      {unread > 0 ? (
        <>
          {" "}
          <span className="badge" data-unread={unread}>
            <span aria-hidden="true">{unread}</span>
            <span className="visually-hidden">{t("notifications.badgeUnread", { count: unread })}</span>
          </span>
        </>
      ) : null}
    </Link>
  );
}

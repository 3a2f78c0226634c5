import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { readUserForm, requireUser } from "~/auth/auth.server.ts";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useFormat, useLocale, useT } from "~/i18n/use-t.ts";
import { requireNotifiable } from "~/notifications/access.server.ts";
import { describeNotification } from "~/notifications/describe.ts";
import { listNotifications, markRead } from "~/notifications/notifications.server.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.notifications");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await forPage(async () => requireNotifiable(await requireUser(request)));
  return json(await listNotifications(user.id, { take: 100, locale: user.locale }));
}

/** Mark one (`intent=read`, `id`) or all (`intent=readAll`) as read; then back to the list (or the initiative). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await forPage(async () => requireNotifiable(await requireUser(request)));
  const form = await readUserForm(request, user);
  const intent = form.get("intent");
  const id = String(form.get("id") ?? "");
  await forPage(() => markRead(user.id, intent === "readAll" ? { all: true } : { ids: [id] }));
  if (intent !== "readAll" && typeof form.get("open") === "string") {
    const ref = String(form.get("open"));
    if (/^[A-Z]{3}-\d{4}-\d{4}$/.test(ref)) return redirect(`/initiatives/${ref}`);
  }
  return redirect(`/notifications?marked=${intent === "readAll" ? "all" : "one"}`);
}

export default function NotificationsPage() {
  const { items, unread } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const format = useFormat();
  const marked = params.get("marked");
  return (
    <>
      <h1>{t("notifications.heading")}</h1>
      {marked ? (
        <div className="notice notice--success" role="status">
          {t(marked === "all" ? "notifications.markedAll" : "notifications.markedOne")}
        </div>
      ) : null}
      <p className="hint">{t("notifications.intro")}</p>
      <p>
        <Link to="/notifications/preferences">{t("notifications.preferencesLink")}</Link>
      </p>
      {items.length === 0 ? (
        <p>{t("notifications.none")}</p>
      ) : (
        <>
          {unread > 0 ? (
            <Form method="post" className="inline-form">
              <CsrfInput />
              <button type="submit" name="intent" value="readAll" className="button button--secondary">
                {t("notifications.markAllRead")}
              </button>
            </Form>
          ) : null}
          <ul className="notification-list">
            {items.map((n) => {
              const { happened, asked } = describeNotification(n, locale);
              return (
                <li key={n.id} className={n.readAt ? undefined : "is-unread"} data-notification={n.kind}>
                  {n.readAt ? null : <strong className="tag">{t("notifications.unread")}</strong>}{" "}
                  <Link to={`/initiatives/${n.ref}`}>{n.ref}</Link> {n.title ?? ""}
                  <br />
                  <strong>{happened}</strong>{" "}
                  <span className="notification-list__time">{format.dateTime(n.createdAt)}</span>
                  <br />
                  {t("notifications.asked", { asked })}
                  {n.readAt ? null : (
                    <Form method="post" className="inline-form">
                      <CsrfInput />
                      <input type="hidden" name="id" value={n.id} />{" "}
                      <button type="submit" name="open" value={n.ref} className="link-button">
                        {t("notifications.open", { ref: n.ref })}
                      </button>{" "}
                      <button type="submit" name="intent" value="read" className="link-button">
                        {t("notifications.markRead")}
                      </button>
                    </Form>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

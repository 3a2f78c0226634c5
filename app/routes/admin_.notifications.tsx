import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { readUserForm, requireRole } from "~/auth/auth.server.ts";
import { AdminNav } from "~/components/admin-nav.tsx";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { DataTable } from "~/components/ui/data-table.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { deliveryOverview, retryDeliveries } from "~/notifications/failed-deliveries.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.adminDeliveries");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  return json(await deliveryOverview(admin));
}

/** Retry one failed delivery (`id`) or all of them (`intent=retryAll`). */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const form = await readUserForm(request, admin);
  const id = String(form.get("id") ?? "");
  const count = await retryDeliveries(admin, form.get("intent") === "retryAll" ? "all" : id ? [id] : []);
  return redirect(`/admin/notifications?retried=${count}`);
}

export default function DeliveriesPage() {
  const { email, counts, failed } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const format = useFormat();
  const retried = params.get("retried");
  return (
    <>
      <h1>{t("notifications.admin.heading")}</h1>
      <AdminNav />
      {retried !== null ? (
        <div className="notice notice--success" role="status">
          {t("notifications.admin.retried", { count: Number(retried) || 0 })}
        </div>
      ) : null}
      <p className={email.on ? undefined : "notice notice--warning"} data-testid="email-status">
        {email.on
          ? t("notifications.admin.emailOn", { server: email.server ?? "" })
          : t("notifications.admin.emailOff")}
      </p>
      <p>{t("notifications.admin.counts", counts)}</p>
      <h2>{t("notifications.admin.failed")}</h2>
      {failed.length === 0 ? (
        <p>{t("notifications.admin.noneFailed")}</p>
      ) : (
        <>
          <Form method="post">
            <CsrfInput />
            <button type="submit" name="intent" value="retryAll" className="button button--secondary">
              {t("notifications.admin.retryAll")}
            </button>
          </Form>
          <DataTable
            caption={t("notifications.admin.failed")}
            captionHidden
            rows={failed}
            rowKey={(d) => d.id}
            columns={[
              { header: t("notifications.admin.col.when"), cell: (d) => format.dateTime(d.updatedAt) },
              {
                header: t("notifications.admin.col.channel"),
                cell: (d) => t(d.channel === "CHAT" ? "notifications.channel.CHAT" : "notifications.channel.EMAIL"),
              },
              { header: t("notifications.admin.col.to"), cell: (d) => d.target },
              {
                header: t("notifications.admin.col.ref"),
                cell: (d) => <Link to={`/initiatives/${d.ref}`}>{d.ref}</Link>,
              },
              { header: t("notifications.admin.col.attempts"), numeric: true, cell: (d) => d.attempts },
              { header: t("notifications.admin.col.error"), cell: (d) => d.lastError ?? "—" },
              {
                header: t("notifications.admin.retry"),
                cell: (d) => (
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="id" value={d.id} />
                    <button type="submit" name="intent" value="retry" className="link-button">
                      {t("notifications.admin.retry")}
                    </button>
                  </Form>
                ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { readUserForm, requireRole } from "~/auth/auth.server.ts";
import { resetMfa } from "~/auth/mfa.server.ts";
import { issueResetLink } from "~/auth/reset.server.ts";
import { AdminNav } from "~/components/admin-nav.tsx";
import type { RoleOrNone } from "~/auth/roles.ts";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { formatDateTime } from "~/i18n/format.ts";
import { useLocale, useT } from "~/i18n/use-t.ts";
import { getUserForAdmin } from "~/users/users-list.server.ts";
import { forPage, HttpError, toPageResponse } from "~/utils/http.server.ts";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { DelegationsPanel, type DelegationOutcome } from "~/components/delegations-panel.tsx";
import { handleDelegationForm, isDelegationIntent } from "~/delegations/delegation-form.server.ts";
import { listDelegations } from "~/delegations/delegations.server.ts";
import { isActingRole } from "~/delegations/delegation.schema.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.user");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const user = await forPage(() => getUserForAdmin(params.id ?? ""));
  // An administrator names an acting reviewer for an absent reviewer or leader.
  const delegations = isActingRole(user.role) ? await listDelegations(user.id) : null;
  return json({ user, delegations, today: todayInHongKong() });
}

/** The link's base: the configured public address, else the address this request came to. */
function appUrl(request: Request): string {
  return (process.env.APP_URL ?? new URL(request.url).origin).replace(/\/+$/, "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const form = await readUserForm(request, admin);
  const intent = String(form.get("intent") ?? "");
  const id = params.id ?? "";
  const target = await forPage(() => getUserForAdmin(id));
  if (isDelegationIntent(intent)) {
    const { status, data } = await handleDelegationForm(admin, form, target.email);
    return json(data, { status });
  }
  if (intent === "resetLink") {
    const issued = await forPage(() => issueResetLink(admin, id));
    return json({
      link: `${appUrl(request)}/reset-password/${issued.token}`,
      expiresAt: issued.expiresAt.toISOString(),
    });
  }
  if (intent === "resetMfa") {
    await resetMfa(admin, id);
    return json({ mfaReset: true });
  }
  throw toPageResponse(new HttpError(400, { key: "problems.unknownAction" }));
}

export default function AdminUser() {
  const { user, delegations, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{user.name}</h1>
      <AdminNav />
      <p>
        <Link to="/admin/users">{t("users.back")}</Link>
      </p>
      <dl className="summary-list">
        <dt>{t("admin.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("admin.role")}</dt>
        <dd>{t(`roles.${user.role as RoleOrNone}`)}</dd>
        <dt>{t("users.lastSignIn")}</dt>
        <dd>{user.lastSignInAt ? formatDateTime(user.lastSignInAt, locale) : t("users.never")}</dd>
        <dt>{t("users.mfa")}</dt>
        <dd>{user.singleSignOn ? t("users.mfaProvider") : user.mfaEnabledAt ? t("users.mfaOn") : t("users.mfaOff")}</dd>
      </dl>
      {data && "link" in data ? (
        <div className="notice notice--success" role="status">
          <p>{t("users.resetIssued", { date: formatDateTime(data.expiresAt, locale) })}</p>
          <p>
            <code className="reset-link">{data.link}</code>
          </p>
        </div>
      ) : null}
      {data && "mfaReset" in data ? (
        <div className="notice notice--success" role="status">
          {t("users.mfaWasReset")}
        </div>
      ) : null}
      <h2>{t("users.resetTitle")}</h2>
      <p>{t("users.resetIntro")}</p>
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value="resetLink" />
        <button type="submit" className="button" disabled={!!user.disabledAt}>
          {t("users.issueReset")}
        </button>
      </Form>
      {user.mfaEnabledAt ? (
        <>
          <h2>{t("users.mfaResetTitle")}</h2>
          <p>{t("users.mfaResetIntro")}</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="resetMfa" />
            <button type="submit" className="button button--warning">
              {t("users.mfaReset")}
            </button>
          </Form>
        </>
      ) : null}
      {delegations ? (
        <DelegationsPanel
          given={delegations.given}
          received={[]}
          canCreate={!user.disabledAt}
          forName={user.name}
          today={today}
          outcome={data && "delegation" in data ? (data.delegation as DelegationOutcome) : undefined}
        />
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { NO_ROLE } from "~/auth/roles.ts";
import { getSessionUser, redirectToLogin } from "~/auth/session.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useT } from "~/i18n/use-t.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.awaitingAccess");

// The one page a signed-in user without a role may see: it shows no data, only who they are.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user) throw redirectToLogin(request);
  if ((user.role as string) !== NO_ROLE) throw redirect("/");
  return json({ email: user.email });
}

export default function AwaitingAccess() {
  const { email } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="form">
      <h1>{t("identity.awaitingTitle")}</h1>
      <p className="lead">{t("identity.awaitingBody", { email })}</p>
      <p>{t("identity.awaitingNext")}</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

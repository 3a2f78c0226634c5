import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { finishProviderSignIn, type ProviderRefusal } from "~/auth/oidc.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useT } from "~/i18n/use-t.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.signInFailed");

export async function loader({ request }: LoaderFunctionArgs) {
  const result = await finishProviderSignIn(request, request.headers.get("User-Agent"));
  if (result.ok) return result.response;
  return json(
    { reason: result.reason },
    { status: result.reason === "disabled" ? 403 : 400, headers: { "Set-Cookie": result.clear } },
  );
}

export default function ProviderCallback() {
  const { reason } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="form">
      <h1>{t("identity.callbackFailedTitle")}</h1>
      <p>{t(`identity.callback.${reason as ProviderRefusal}`)}</p>
      <p>
        <Link to="/login">{t("identity.backToSignIn")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

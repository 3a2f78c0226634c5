import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/use-t.ts";
import { latestRequestId } from "~/utils/request-id.ts";

/** The year without holiday data, when the page failed for that reason (see holidayDataMissingResponse). */
function holidayDataMissing(error: unknown): number | null {
  if (!isRouteErrorResponse(error) || error.status !== 503) return null;
  const data: unknown = error.data;
  const year =
    typeof data === "object" && data !== null ? (data as { holidayDataMissing?: unknown }).holidayDataMissing : null;
  return typeof year === "number" ? year : null;
}

/**
 * The one error boundary every route uses: a plain message for the status, a way home, and never
 * a stack trace or an internal message.
 */
export function ErrorPage() {
  const error = useRouteError();
  const t = useT();
  const root = useRouteLoaderData<{ requestId?: string | null }>("root");
  const requestId = latestRequestId() ?? root?.requestId ?? null;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  let title: string;
  let body: string;
  switch (status) {
    case 401:
      title = t("errors.unauthorized.title");
      body = t("errors.unauthorized.body");
      break;
    case 403:
      title = t("errors.forbidden.title");
      body = t("errors.forbidden.body");
      break;
    case 404:
      title = t("errors.notFound.title");
      body = t("errors.notFound.body");
      break;
    case 409:
      title = t("errors.conflict.title");
      body = t("errors.conflict.body");
      break;
    case 400:
    case 422:
    case 429:
      title = t("errors.badRequest.title");
      // Messages of 4xx responses are written for users (see http.server.ts); 5xx messages never are.
      body = isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : "";
      break;
    default:
      title = t("errors.server.title");
      body = t("errors.server.body");
  }
  const missingYear = holidayDataMissing(error);
  if (missingYear !== null) {
    title = t("calendar.missing.title");
    body = t("calendar.missing.body", { year: missingYear });
  }
  return (
    <div className="error-page">
      <h1>{title}</h1>
      {body ? <p>{body}</p> : null}
      <p className="error-status">{status}</p>
      {requestId ? (
        <p className="error-reference">
          {t("errors.reference", { id: requestId })} <span className="hint">{t("errors.referenceHint")}</span>
        </p>
      ) : null}
      <p>
        <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </div>
  );
}

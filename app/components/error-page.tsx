import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { hasMessage, type TFunction, type TParams } from "~/i18n/t.ts";
import { useT } from "~/i18n/use-t.ts";
import { latestRequestId } from "~/utils/request-id.ts";

type Translated = { title?: string; body: string };

/** A domain error's message (and title, when it brings one), said in the reader's language. */
function messageOf(error: unknown, t: TFunction): Translated {
  if (!isRouteErrorResponse(error)) return { body: "" };
  const data = error.data as { messageKey?: unknown; values?: TParams; titleKey?: unknown } | null;
  if (data && typeof data === "object" && typeof data.messageKey === "string" && hasMessage(data.messageKey)) {
    const titleKey = typeof data.titleKey === "string" && hasMessage(data.titleKey) ? data.titleKey : undefined;
    return { body: t(data.messageKey, data.values), ...(titleKey ? { title: t(titleKey) } : {}) };
  }
  // A plain-text message was never written for translation: the title says enough.
  return { body: "" };
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
      // A domain error's message comes as an i18n key (toPageResponse in http.server.ts), said here in the
      // reader's language; 5xx messages are never shown.
      body = messageOf(error, t).body;
      break;
    case 503: {
      // A domain 503 (a year without holiday data) explains itself; otherwise the body names the database
      // fault (see fault-responses.server.ts). Never an internal message.
      const domain = messageOf(error, t);
      if (domain.body) {
        title = domain.title ?? t("errors.unavailable.title");
        body = domain.body;
        break;
      }
      const data = isRouteErrorResponse(error) ? error.data : "";
      title = t("errors.unavailable.title");
      body = t(
        data === "full"
          ? "errors.databaseFull"
          : data === "read-only"
            ? "errors.databaseReadOnly"
            : data === "unavailable"
              ? "errors.databaseUnavailable"
              : data === "overloaded"
                ? "errors.overloaded"
                : "errors.databaseBusy",
      );
      break;
    }
    default:
      title = t("errors.server.title");
      body = t("errors.server.body");
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

import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { translateFromData } from "~/i18n/t.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { InitiativeActionData } from "~/initiatives/initiative-actions.server.ts";
import type { InitiativeView } from "./types.ts";

/** The comments, oldest first, and the form to add one. */
export function CommentsSection({ view, data }: { view: InitiativeView; data: InitiativeActionData | undefined }) {
  const t = useT();
  const format = useFormat();
  const error = data?.intent === "comment" ? data.fields.body?.[0] : undefined;
  return (
    <section aria-labelledby="comments-heading" id="comments">
      <h2 id="comments-heading">{t("initiative.comments")}</h2>
      {(view.comments ?? []).length === 0 ? <p>{t("initiative.noComments")}</p> : null}
      <ul className="comments">
        {(view.comments ?? []).map((c) => (
          <li key={c.id}>
            <p className="comment-meta">
              <strong>{c.author ?? "—"}</strong> · {format.dateTime(c.createdAt)}
            </p>
            <p className="prose">{c.body}</p>
          </li>
        ))}
      </ul>
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <div className={`field${error ? " field--error" : ""}`}>
          <label htmlFor="comment-body">{t("initiative.addComment")}</label>
          {error ? (
            <span className="field-error" id="comment-body-error">
              {translateFromData(t, error)}
            </span>
          ) : null}
          <textarea id="comment-body" name="body" rows={3} />
        </div>
        <button type="submit" name="intent" value="comment" className="button button--secondary">
          {t("initiative.postComment")}
        </button>
      </Form>
    </section>
  );
}

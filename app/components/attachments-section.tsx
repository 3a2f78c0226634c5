import { useFetcher } from "@remix-run/react";
import type { AttachmentKind, AttachmentView } from "~/attachments/kinds.ts";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { translateFromData } from "~/i18n/t.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";

export type AttachmentsSectionData = { items: AttachmentView[]; kinds: AttachmentKind[]; maxMb: number };
type FormError = { field: string; key: string; message: string };

const ACCEPT = ".pdf,.docx,.xlsx,.pptx,.doc,.xls,.ppt,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp,.csv,.txt";

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/**
 * An initiative's attachments, listed with their round, and the forms to add, replace and delete them.
 * The forms post to /initiatives/:ref/attachments: with JavaScript through a fetcher (errors shown here,
 * the list refreshed), without it as ordinary posts (errors shown on that route's page).
 */
export function AttachmentsSection({
  refId,
  data,
  conditions = [],
  error,
}: {
  refId: string;
  data: AttachmentsSectionData;
  conditions?: { id: string; text: string }[];
  error?: FormError | null;
}) {
  const t = useT();
  const format = useFormat();
  const action = `/initiatives/${encodeURIComponent(refId)}/attachments`;
  const rounds = [...new Set(data.items.map((a) => a.round))].sort((a, b) => a - b);
  const canAct = data.kinds.length > 0;
  return (
    <section aria-labelledby="attachments" className="attachments">
      <h2 id="attachments">{t("attachments.title")}</h2>
      {data.items.length === 0 ? <p>{t("attachments.none")}</p> : null}
      {rounds.map((round) => (
        <div key={round} className="table-wrap">
          <table>
            <caption>{round === 0 ? t("attachments.beforeSubmission") : t("attachments.round", { round })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("attachments.name")}</th>
                <th scope="col">{t("attachments.kind")}</th>
                <th scope="col">{t("attachments.size")}</th>
                <th scope="col">{t("attachments.added")}</th>
                <th scope="col">{t("attachments.digest")}</th>
                <th scope="col">{t("attachments.status")}</th>
                {canAct ? <th scope="col">{t("attachments.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.items
                .filter((a) => a.round === round)
                .map((a) => (
                  <tr key={a.id}>
                    <td>
                      {a.deletedAt ? (
                        <s>{a.name}</s>
                      ) : (
                        <a href={`${action}/${a.id}`} download>
                          {a.name}
                        </a>
                      )}
                    </td>
                    <td>
                      {t(`attachments.kinds.${a.kind}`)}
                      {a.conditionId ? ` (${a.conditionId})` : ""}
                    </td>
                    <td>{size(a.size)}</td>
                    <td>
                      {format.dateTime(a.createdAt)}
                      {a.uploadedBy ? ` · ${a.uploadedBy}` : ""}
                    </td>
                    <td>
                      <code title={a.sha256}>{a.sha256.slice(0, 12)}…</code>
                    </td>
                    <td>
                      {a.deletedAt
                        ? t("attachments.deleted")
                        : a.supersededAt
                          ? t("attachments.superseded")
                          : a.frozen
                            ? t("attachments.frozen")
                            : t("attachments.current")}
                      {a.version > 1 ? ` · ${t("attachments.version", { version: a.version })}` : ""}
                    </td>
                    {canAct ? (
                      <td>
                        {!a.deletedAt && !a.supersededAt && data.kinds.includes(a.kind) ? (
                          <RowActions action={action} item={a} />
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
      {canAct ? <UploadForm action={action} data={data} conditions={conditions} error={error ?? null} /> : null}
    </section>
  );
}

function RowActions({ action, item }: { action: string; item: AttachmentView }) {
  const t = useT();
  const del = useFetcher();
  const replace = useFetcher<{ error?: FormError }>();
  const inputId = `replace-${item.id}`;
  return (
    <>
      {!item.frozen ? (
        <del.Form method="post" action={action} className="inline-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="id" value={item.id} />
          <button type="submit" className="link-button">
            {t("attachments.delete")}
            <span className="visually-hidden"> {item.name}</span>
          </button>
        </del.Form>
      ) : null}
      <details>
        <summary>
          {t("attachments.replace")}
          <span className="visually-hidden"> {item.name}</span>
        </summary>
        <replace.Form method="post" action={action} encType="multipart/form-data">
          <CsrfInput />
          <input type="hidden" name="replaces" value={item.id} />
          <label htmlFor={inputId}>{t("attachments.newVersion")}</label>
          <input id={inputId} type="file" name="file" accept={ACCEPT} required />
          {replace.data?.error ? (
            <p className="field-error" role="alert">
              {translateFromData(t, replace.data.error.key)}
            </p>
          ) : null}
          <button type="submit" className="button button--secondary">
            {t("attachments.upload")}
          </button>
        </replace.Form>
      </details>
    </>
  );
}

function UploadForm({
  action,
  data,
  conditions,
  error,
}: {
  action: string;
  data: AttachmentsSectionData;
  conditions: { id: string; text: string }[];
  error: FormError | null;
}) {
  const t = useT();
  const fetcher = useFetcher<{ error?: FormError }>();
  const shown = fetcher.data?.error ?? error;
  const busy = fetcher.state !== "idle";
  const message = shown ? translateFromData(t, shown.key, { max: data.maxMb }) : null;
  return (
    <fetcher.Form method="post" action={action} encType="multipart/form-data" className="attachment-form">
      <h3>{t("attachments.add")}</h3>
      <CsrfInput />
      {message ? (
        <div className="error-summary" role="alert">
          <h2>{t("form.errorSummary")}</h2>
          <ul>
            <li>
              <a
                href={`#attachment-${shown!.field === "kind" || shown!.field === "conditionId" ? shown!.field : "file"}`}
              >
                {message}
              </a>
            </li>
          </ul>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="attachment-kind">{t("attachments.kind")}</label>
        <select id="attachment-kind" name="kind" defaultValue={data.kinds[0]}>
          {data.kinds.map((k) => (
            <option key={k} value={k}>
              {t(`attachments.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {data.kinds.includes("CONDITION_EVIDENCE") && conditions.length > 0 ? (
        <div className="field">
          <label htmlFor="attachment-conditionId">{t("attachments.condition")}</label>
          <p className="hint" id="attachment-conditionId-hint">
            {t("attachments.conditionHint")}
          </p>
          <select id="attachment-conditionId" name="conditionId" aria-describedby="attachment-conditionId-hint">
            <option value="">—</option>
            {conditions.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id}: {c.text}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="attachment-file">{t("attachments.file")}</label>
        <p className="hint" id="attachment-file-hint">
          {t("attachments.fileHint", { max: data.maxMb })}
        </p>
        <input
          id="attachment-file"
          type="file"
          name="file"
          accept={ACCEPT}
          required
          aria-describedby="attachment-file-hint"
          aria-invalid={shown?.field === "file" ? true : undefined}
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t("attachments.uploading") : t("attachments.upload")}
      </button>
    </fetcher.Form>
  );
}

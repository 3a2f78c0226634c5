import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { apiReference, type FieldRow, type SchemaView } from "~/api/openapi/reference.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useT } from "~/i18n/use-t.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "apiDocs.title");

/** The API reference, public like the contract it is read from. */
export async function loader() {
  return json(apiReference());
}

function Fields({ rows, caption }: { rows: FieldRow[]; caption: string }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="api-fields">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("apiDocs.name")}</th>
            <th scope="col">{t("apiDocs.type")}</th>
            <th scope="col">{t("apiDocs.required")}</th>
            <th scope="col">{t("apiDocs.notes")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <td>
                <code>{r.name}</code>
              </td>
              <td>
                <SchemaType type={r.type} />
              </td>
              <td>{r.required ? t("apiDocs.yes") : t("apiDocs.no")}</td>
              <td>{r.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A type expression with links to the named schemas it mentions. */
function SchemaType({ type }: { type: string }) {
  const parts = type.split(/([A-Z][A-Za-z_]+)/);
  return (
    <code>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <a key={i} href={`#schema-${p}`}>
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </code>
  );
}

function Schema({ view, caption }: { view: SchemaView; caption: string }) {
  const t = useT();
  if (view.fields.length === 0) {
    return (
      <p>
        {t("apiDocs.type")}: <SchemaType type={view.type} />
      </p>
    );
  }
  return <Fields rows={view.fields} caption={caption} />;
}

export default function ApiDocs() {
  const t = useT();
  const ref = useLoaderData<typeof loader>();
  return (
    <div className="api-docs">
      <h1>{t("apiDocs.title")}</h1>
      <p className="lead">{t("apiDocs.intro")}</p>
      <p>
        {t("apiDocs.contract")} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1, {ref.title}{" "}
        {ref.version})
      </p>
      <p>{t("apiDocs.auth")}</p>
      <nav aria-label={t("apiDocs.contents")}>
        <h2>{t("apiDocs.contents")}</h2>
        <ul>
          {ref.groups.map((g) => (
            <li key={g.tag}>
              {g.tag}
              <ul>
                {g.operations.map((op) => (
                  <li key={op.id}>
                    <a href={`#${op.id}`}>
                      <code>
                        {op.method} {op.path}
                      </code>
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
          <li>
            <a href="#schemas">{t("apiDocs.schemas")}</a>
          </li>
        </ul>
      </nav>
      {ref.groups.map((g) => (
        <section key={g.tag} aria-labelledby={`tag-${g.tag}`}>
          <h2 id={`tag-${g.tag}`}>{g.tag}</h2>
          {g.operations.map((op) => (
            <section key={op.id} aria-labelledby={op.id} className="api-operation">
              <h3 id={op.id}>
                <code>
                  {op.method} {op.path}
                </code>
              </h3>
              <p>{op.summary}</p>
              <p className="hint">{op.secured ? t("apiDocs.needsToken") : t("apiDocs.public")}</p>
              {op.parameters.length > 0 ? (
                <>
                  <h4>{t("apiDocs.parameters")}</h4>
                  <Fields rows={op.parameters} caption={t("apiDocs.parameters")} />
                </>
              ) : null}
              {op.body ? (
                <>
                  <h4>{t("apiDocs.body")}</h4>
                  <Schema view={op.body} caption={t("apiDocs.body")} />
                </>
              ) : null}
              <h4>{t("apiDocs.responses")}</h4>
              <dl className="api-responses">
                {op.responses.map((r) => (
                  <div key={r.status}>
                    <dt>
                      <code>{r.status}</code>
                    </dt>
                    <dd>
                      {r.description}
                      {r.schema ? (
                        <>
                          {" — "}
                          <SchemaType type={r.schema.fields.length ? "object" : r.schema.type} />
                        </>
                      ) : null}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </section>
      ))}
      <section aria-labelledby="schemas">
        <h2 id="schemas">{t("apiDocs.schemas")}</h2>
        {ref.schemas.map((s) => (
          <section key={s.name} aria-labelledby={`schema-${s.name}`}>
            <h3 id={`schema-${s.name}`}>
              <code>{s.name}</code>
            </h3>
            <Schema view={s.view} caption={s.name} />
          </section>
        ))}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page.tsx";
import { getT } from "~/i18n/t.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useT } from "~/i18n/use-t.ts";
import { fundedInitiatives, OPEN_DATA_FIELDS } from "~/open-data/open-data.server.ts";
import { OPEN_DATA_LIMIT } from "~/open-data/rate-limit.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "openData.title");

/** The open-data page: public, like the datasets it describes. */
export async function loader() {
  const set = await fundedInitiatives({});
  // The limit comes with the data: a .server module is not in the browser's bundle.
  return json({ count: set.count, total: set.totalFundedAmount, fields: OPEN_DATA_FIELDS, limit: OPEN_DATA_LIMIT });
}

const en = getT("en");
const zh = getT("zh-Hant");

export default function OpenData() {
  const t = useT();
  const { count, total, fields, limit } = useLoaderData<typeof loader>();
  const [before, middle, after] = t("openData.formats", { csv: "[[csv]]", json: "[[json]]" }).split(
    /\[\[(?:csv|json)\]\]/,
  );
  return (
    <>
      <h1>{t("openData.title")}</h1>
      <p className="lead">{t("openData.intro")}</p>
      <h2>{t("openData.datasets")}</h2>
      <h3>{t("openData.datasetName")}</h3>
      <p>{t("openData.summary", { count, total: total.toLocaleString("en-HK") })}</p>
      <p>
        {before}
        <a href="/open-data/initiatives.csv">initiatives.csv</a>
        {middle}
        <a href="/open-data/initiatives.json">initiatives.json</a>
        {after}
      </p>
      <p>{t("openData.filters")}</p>
      <p>{t("openData.caching", { limit })}</p>
      <h2 id="dictionary">{t("openData.dictionary")}</h2>
      <div className="table-wrap">
        <table aria-labelledby="dictionary">
          <thead>
            <tr>
              <th scope="col">{t("openData.field")}</th>
              <th scope="col" lang="en">
                {en("openData.meaning")} (English)
              </th>
              <th scope="col" lang="zh-Hant-HK">
                {zh("openData.meaning")}（中文）
              </th>
              <th scope="col">{t("openData.format")}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.name}>
                <th scope="row">
                  <code>{f.name}</code>
                </th>
                <td lang="en">{en(`openData.f.${f.name}`)}</td>
                <td lang="zh-Hant-HK">{zh(`openData.f.${f.name}`)}</td>
                <td>{t(`openData.fmt.${f.format}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

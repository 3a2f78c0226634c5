import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { readUserForm, requireRole } from "~/auth/auth.server.ts";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, Field, type FieldErrors } from "~/components/form-fields.tsx";
import { myScore, scoreBid } from "~/funding-rounds/bid-scores.server.ts";
import { criterionLabel } from "~/funding-rounds/criterion-label.ts";
import { SCORE_MAX, SCORE_MIN } from "~/funding-rounds/criteria.ts";
import { formOutcome, formValues } from "~/funding-rounds/form-outcome.server.ts";
import { getRound } from "~/funding-rounds/funding-rounds.server.ts";
import { formatHkd } from "~/i18n/format.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { forPage, HttpError } from "~/utils/http.server.ts";
import type { Message } from "~/utils/message.ts";

export const meta: MetaFunction = ({ matches, params }) =>
  pageTitle(matches, "title.scoreBid", { ref: String(params.ref ?? "").slice(0, 40) });

/** The round and the bid, or 404 when the initiative is not a bid of the round. */
async function bidOf(user: Awaited<ReturnType<typeof requireRole>>, fy: string, ref: string) {
  const round = await getRound(user, fy);
  const bid = round.bids.find((b) => b.ref === ref);
  if (!bid) throw new HttpError(404, { key: "fundingRound.errors.noBid", values: { ref: ref.slice(0, 40), fy } });
  return { round, bid };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "REVIEWER");
  return forPage(async () => {
    const fy = params.fy ?? "";
    const ref = params.ref ?? "";
    const { round, bid } = await bidOf(user, fy, ref);
    return json({
      fy: round.fy,
      open: round.status === "OPEN",
      criteria: round.criteria,
      bid: {
        ref: bid.ref,
        titleEn: bid.titleEn,
        titleZh: bid.titleZh,
        bureauCode: bid.bureauCode,
        requested: bid.requested,
        advisory: bid.leadDivision !== user.divisionCode,
      },
      mine: await myScore(user, fy, ref),
    });
  });
}

type ActionData = { fields: FieldErrors; refusal?: Message; saved?: number; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "REVIEWER");
  const form = await readUserForm(request, user);
  const values = formValues(form);
  const fy = params.fy ?? "";
  const ref = params.ref ?? "";
  const scores: Record<string, string> = {};
  const comments: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k.startsWith("scores.")) scores[k.slice(7)] = v;
    if (k.startsWith("comments.")) comments[k.slice(9)] = v;
  }
  const outcome = await formOutcome(() => scoreBid(user, fy, ref, { scores, comments }));
  if (!outcome.ok) {
    return json<ActionData>(
      { fields: outcome.fields, refusal: outcome.status === 400 ? undefined : (outcome.message ?? undefined), values },
      { status: outcome.status },
    );
  }
  return json<ActionData>({ fields: {}, saved: outcome.value.total, values });
}

export default function ScoreBidPage() {
  const { fy, open, criteria, bid, mine } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const format = useFormat();
  const errors = data?.fields ?? {};
  const value = (name: string, fallback: string) => data?.values[name] ?? fallback;
  return (
    <>
      <p>
        <Link to={`/funding-rounds/${fy}`}>{t("fundingRound.score.back", { fy })}</Link>
      </p>
      <h1>{t("title.scoreBid", { ref: bid.ref })}</h1>
      <p className="lead">
        <Link to={`/initiatives/${bid.ref}`}>{format.title(bid) ?? bid.ref}</Link> ({bid.bureauCode}) —{" "}
        {t("fundingRound.score.requested", { amount: formatHkd(bid.requested) })}
      </p>
      {data?.saved !== undefined ? (
        <div className="notice notice--success" role="status">
          {t("fundingRound.score.saved", { ref: bid.ref, total: data.saved.toFixed(2) })}
        </div>
      ) : null}
      {data?.refusal ? (
        <div className="notice notice--warning" role="alert">
          {t(data.refusal.key, data.refusal.values)}
        </div>
      ) : null}
      <p>{t("fundingRound.score.intro")}</p>
      {bid.advisory ? <p className="notice notice--warning">{t("fundingRound.score.advisoryNote")}</p> : null}
      {open ? (
        <>
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate>
            <CsrfInput />
            {criteria.map((c) => (
              <fieldset key={c.key}>
                <legend>
                  {criterionLabel(t, c.key)} ({c.weight})
                </legend>
                <Field name={`scores.${c.key}`} label={t("fundingRound.score.mark")} errors={errors}>
                  {(p) => (
                    <input
                      {...p}
                      type="number"
                      inputMode="numeric"
                      min={SCORE_MIN}
                      max={SCORE_MAX}
                      step={1}
                      required
                      className="input--short"
                      defaultValue={value(`scores.${c.key}`, mine?.scores[c.key] ? String(mine.scores[c.key]) : "")}
                    />
                  )}
                </Field>
                <Field name={`comments.${c.key}`} label={t("fundingRound.score.comment")} errors={errors}>
                  {(p) => (
                    <textarea
                      {...p}
                      rows={2}
                      maxLength={2000}
                      defaultValue={value(`comments.${c.key}`, mine?.comments[c.key] ?? "")}
                    />
                  )}
                </Field>
              </fieldset>
            ))}
            <button type="submit" className="button">
              {t("fundingRound.score.submit")}
            </button>
          </Form>
        </>
      ) : (
        <p className="notice notice--warning">{t("fundingRound.errors.frozen", { fy })}</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

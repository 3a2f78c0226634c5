import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { readUserForm, requireRole } from "~/auth/auth.server.ts";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary, Field, type FieldErrors } from "~/components/form-fields.tsx";
import { DataTable } from "~/components/ui/data-table.tsx";
import { mayOpenRound } from "~/funding-rounds/access.ts";
import { criterionLabel } from "~/funding-rounds/criterion-label.ts";
import { DEFAULT_CRITERIA } from "~/funding-rounds/criteria.ts";
import { formOutcome, formValues } from "~/funding-rounds/form-outcome.server.ts";
import { listRounds, openRound } from "~/funding-rounds/funding-rounds.server.ts";
import { formatHkd } from "~/i18n/format.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Message } from "~/utils/message.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.fundingRounds");

const ROLES = ["OFFICER", "REVIEWER", "LEADERSHIP", "ADMIN"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ...ROLES);
  return forPage(async () => json({ rounds: await listRounds(user), mayOpen: mayOpenRound(user.role) }));
}

type ActionData = { fields: FieldErrors; message: Message | null; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ...ROLES);
  const form = await readUserForm(request, user);
  const values = formValues(form);
  // The form has one weight field per default criterion; the round stores them as [{ key, weight }].
  // A weight not sent at all keeps its default; a weight cleared is an error beside it.
  const criteria = DEFAULT_CRITERIA.map((c) => ({ key: c.key, weight: values[`weight.${c.key}`] ?? c.weight }));
  const outcome = await formOutcome(() => openRound(user, { ...values, criteria }));
  if (outcome.ok) return redirect(`/funding-rounds/${outcome.value.fy}?opened=1`);
  const fields: FieldErrors = { ...outcome.fields };
  // Criteria errors arrive as criteria.<i>.weight: show them beside the weight of that criterion.
  for (const [key, messages] of Object.entries(outcome.fields)) {
    const m = /^criteria\.(\d+)\.weight$/.exec(key);
    if (m) {
      delete fields[key];
      fields[`weight.${DEFAULT_CRITERIA[Number(m[1])]!.key}`] = messages;
    }
  }
  if (outcome.status !== 400 && outcome.message) fields._form = [outcome.message.key];
  return json<ActionData>({ fields, message: outcome.message, values }, { status: outcome.status });
}

export default function FundingRoundsPage() {
  const { rounds, mayOpen } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const format = useFormat();
  const errors = data?.fields ?? {};
  const value = (name: string, fallback = "") => data?.values[name] ?? fallback;
  return (
    <>
      <h1>{t("title.fundingRounds")}</h1>
      <p className="lead">{t("fundingRound.list.intro")}</p>
      {rounds.length === 0 ? (
        <p>{t("fundingRound.list.empty")}</p>
      ) : (
        <DataTable
          caption={t("fundingRound.list.caption")}
          rows={rounds}
          rowKey={(r) => r.fy}
          columns={[
            {
              header: t("fundingRound.col.fy"),
              rowHeader: true,
              cell: (r) => <Link to={`/funding-rounds/${r.fy}`}>{r.fy}</Link>,
            },
            { header: t("fundingRound.col.envelope"), numeric: true, cell: (r) => formatHkd(r.envelope) },
            { header: t("fundingRound.col.deadline"), className: "nowrap", cell: (r) => format.date(r.bidDeadline) },
            { header: t("fundingRound.col.decision"), className: "nowrap", cell: (r) => format.date(r.decisionDate) },
            {
              header: t("fundingRound.col.status"),
              cell: (r) => (
                <span className={`tag ${r.status === "OPEN" ? "tag--amber" : "tag--green"}`}>
                  {t(`fundingRound.status.${r.status}`)}
                </span>
              ),
            },
          ]}
        />
      )}
      {mayOpen ? (
        <section aria-labelledby="open-heading">
          <h2 id="open-heading">{t("fundingRound.open.heading")}</h2>
          <ErrorSummary errors={errors} params={data?.message?.values} />
          <Form method="post" noValidate>
            <CsrfInput />
            <Field name="fy" label={t("fundingRound.open.fy")} hint={t("fundingRound.open.fyHint")} errors={errors}>
              {(p) => (
                <input {...p} type="text" defaultValue={value("fy")} autoComplete="off" className="input--short" />
              )}
            </Field>
            <Field
              name="envelope"
              label={t("fundingRound.open.envelope")}
              hint={t("fundingRound.open.envelopeHint")}
              errors={errors}
            >
              {(p) => <input {...p} type="text" inputMode="numeric" defaultValue={value("envelope")} />}
            </Field>
            <Field
              name="bidDeadline"
              label={t("fundingRound.open.deadline")}
              hint={t("fundingRound.open.deadlineHint")}
              errors={errors}
            >
              {(p) => <input {...p} type="date" defaultValue={value("bidDeadline")} />}
            </Field>
            <Field name="decisionDate" label={t("fundingRound.open.decisionDate")} errors={errors}>
              {(p) => <input {...p} type="date" defaultValue={value("decisionDate")} />}
            </Field>
            <fieldset>
              <legend>{t("fundingRound.open.criteria")}</legend>
              <p className="hint">{t("fundingRound.open.criteriaHint")}</p>
              {DEFAULT_CRITERIA.map((c) => (
                <Field
                  key={c.key}
                  name={`weight.${c.key}`}
                  label={t("fundingRound.open.weightOf", { criterion: criterionLabel(t, c.key) })}
                  errors={errors}
                >
                  {(p) => (
                    <input
                      {...p}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={100}
                      defaultValue={value(`weight.${c.key}`, String(c.weight))}
                      className="input--short"
                    />
                  )}
                </Field>
              ))}
            </fieldset>
            <button type="submit" className="button">
              {t("fundingRound.open.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorSummary, Field } from "~/components/form-fields.tsx";
import { DataTable, type Column } from "~/components/ui/data-table.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import { translateFromData, type MessageKey } from "~/i18n/t.ts";
import { isDivision } from "~/lifecycle/divisions.ts";

type Person = { name: string; email: string; divisionCode: string | null };
type Status = "UPCOMING" | "ACTIVE" | "ENDED" | "EXPIRED";
export type DelegationRow = {
  id: string;
  delegator: Person;
  delegate: Person;
  from: string;
  until: string;
  status: Status;
  byAdministrator: boolean;
};
export type DelegationOutcome =
  | { done: "created"; name: string; from: string; until: string }
  | { done: "ended" }
  | {
      done?: undefined;
      message?: { key: string; values?: Record<string, string | number> };
      fields: Record<string, string[]>;
      values: Record<string, string>;
    };

type Props = {
  given: DelegationRow[];
  received: DelegationRow[];
  /** The form to name one shows (a reviewer or leader on /account, an administrator for one of them). */
  canCreate: boolean;
  /** Set on the administrator's page: whose acting reviewers these are. */
  forName?: string;
  today: string;
  outcome?: DelegationOutcome;
};

/**
 * Acting reviewers: name one for a period, end one, and see those given and received. Plain forms, so it
 * works without JavaScript.
 */
export function DelegationsPanel({ given, received, canCreate, forName, today, outcome }: Props) {
  const t = useT();
  const format = useFormat();
  const failed = outcome && !outcome.done ? outcome : undefined;
  const errors = failed?.fields ?? {};
  const values = failed?.values ?? {};
  const who = (p: Person) => `${p.name} (${isDivision(p.divisionCode) ? t(`divisions.${p.divisionCode}`) : p.email})`;
  const period = (d: DelegationRow) =>
    t("delegations.period", { from: format.date(d.from), until: format.date(d.until) });
  const status = (d: DelegationRow) => (
    <>
      <strong className={`tag cell-tag ${d.status === "ACTIVE" ? "tag--green" : "tag--grey"}`}>
        {t(`delegations.status.${d.status}`)}
      </strong>
      {d.byAdministrator ? <span className="cell-note">{t("delegations.byAdministrator")}</span> : null}
    </>
  );
  const endButton = (d: DelegationRow, label: MessageKey) =>
    d.status === "ACTIVE" || d.status === "UPCOMING" ? (
      <Form method="post" className="inline-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="endDelegation" />
        <input type="hidden" name="delegationId" value={d.id} />
        <button type="submit" className="button button--secondary button--small">
          {t(label)}
          <span className="visually-hidden"> {period(d)}</span>
        </button>
      </Form>
    ) : null;

  const givenColumns: Column<DelegationRow>[] = [
    { header: t("delegations.col.delegate"), rowHeader: true, cell: (d) => who(d.delegate) },
    { header: t("delegations.col.period"), className: "nowrap", cell: period },
    { header: t("delegations.col.status"), cell: status },
    { header: t("delegations.col.action"), key: "action", cell: (d) => endButton(d, "delegations.end") },
  ];
  const receivedColumns: Column<DelegationRow>[] = [
    { header: t("delegations.col.delegator"), rowHeader: true, cell: (d) => who(d.delegator) },
    { header: t("delegations.col.period"), className: "nowrap", cell: period },
    {
      header: t("delegations.col.status"),
      cell: (d) => (
        <>
          {status(d)}
          {d.status === "ACTIVE" && isDivision(d.delegator.divisionCode) ? (
            <span className="cell-note">
              <Link to="/reviews">{t("delegations.openQueue")}</Link>
            </span>
          ) : null}
        </>
      ),
    },
    { header: t("delegations.col.action"), key: "action", cell: (d) => endButton(d, "delegations.handBack") },
  ];

  return (
    <section aria-labelledby="delegations-heading" id="acting-reviewer">
      <h2 id="delegations-heading">{t("delegations.heading")}</h2>
      <p>{forName ? t("delegations.adminIntro", { name: forName }) : t("delegations.intro")}</p>
      {outcome?.done === "created" ? (
        <div className="notice notice--success" role="status">
          {t("delegations.created", {
            name: outcome.name,
            from: format.date(outcome.from),
            until: format.date(outcome.until),
          })}
        </div>
      ) : null}
      {outcome?.done === "ended" ? (
        <div className="notice notice--success" role="status">
          {t("delegations.ended")}
        </div>
      ) : null}
      {failed?.message ? (
        <div className="notice notice--warning" role="alert">
          {translateFromData(t, failed.message.key, failed.message.values)}
        </div>
      ) : null}
      {given.length > 0 ? (
        <DataTable
          caption={forName ? t("delegations.givenFor", { name: forName }) : t("delegations.given")}
          rows={given}
          rowKey={(d) => d.id}
          columns={givenColumns}
        />
      ) : (
        <p>{forName ? t("delegations.noneGivenFor", { name: forName }) : t("delegations.noneGiven")}</p>
      )}
      {canCreate ? (
        <>
          <h3>{t("delegations.createHeading")}</h3>
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate key={outcome?.done ?? "form"}>
            <CsrfInput />
            <input type="hidden" name="intent" value="delegate" />
            <Field
              name="delegate"
              label={t("delegations.delegate")}
              hint={t("delegations.delegateHint")}
              errors={errors}
            >
              {(p) => <input type="email" autoComplete="off" defaultValue={values.delegate} {...p} />}
            </Field>
            <Field name="from" label={t("delegations.from")} hint={t("delegations.periodHint")} errors={errors}>
              {(p) => <input type="date" min={today} defaultValue={values.from} {...p} />}
            </Field>
            <Field name="until" label={t("delegations.until")} errors={errors}>
              {(p) => <input type="date" min={today} defaultValue={values.until} {...p} />}
            </Field>
            <button type="submit" className="button">
              {t("delegations.create")}
            </button>
          </Form>
        </>
      ) : null}
      {forName ? null : received.length > 0 ? (
        <DataTable caption={t("delegations.received")} rows={received} rowKey={(d) => d.id} columns={receivedColumns} />
      ) : (
        <p>{t("delegations.noneReceived")}</p>
      )}
    </section>
  );
}

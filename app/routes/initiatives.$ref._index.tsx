import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server.ts";
import { attachmentsSection } from "~/attachments/attachments.server.ts";
import { AttachmentsSection } from "~/components/attachments-section.tsx";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { ErrorSummary } from "~/components/form-fields.tsx";
import { EventForm } from "~/components/event-forms.tsx";
import { FundingDecisionPanel } from "~/components/funding-decision-panel.tsx";
import { ReviewDecisionForm } from "~/components/review-decision-form.tsx";
import { HealthTag } from "~/components/health-tag.tsx";
import { LifecycleDiagram } from "~/components/lifecycle-diagram.tsx";
import { StageTag } from "~/components/stage-tag.tsx";
import { formatDate, formatDateTime, formatHkd } from "~/i18n/t.ts";
import { useLocale, useT } from "~/i18n/use-t.ts";
import { deliveryHealth, hongKongToday } from "~/initiatives/delivery-health.ts";
import { handleInitiativeAction, type InitiativeActionData } from "~/initiatives/initiative-actions.server.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";
import { diffProposals } from "~/initiatives/round-diff.ts";
import { DIVISIONS, isDivision } from "~/lifecycle/divisions.ts";
import type { EventType } from "~/lifecycle/events.ts";
import { FUNDING_DECISIONS, REVIEW_DECISIONS, type ReviewDecision } from "~/reviews/decision-forms.ts";
import { initiativeClock } from "~/reviews/review-queue.server.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ params }) => [{ title: `${params.ref} — Initiative Tracker` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "OFFICER", "REVIEWER", "LEADERSHIP");
  return forPage(async () => {
    const view = await getInitiative(user, params.ref!, { comments: true, audit: true, rounds: true });
    const today = hongKongToday();
    const health = deliveryHealth(
      { stage: view.stage, plannedEnd: view.plannedEnd, milestones: view.milestones, conditions: view.conditions },
      today,
    );
    // A reviewer sees how long the initiative has waited on a review or funding decision, against the SLA.
    const clock = user.role === "REVIEWER" ? await initiativeClock(view) : null;
    const attachments = await attachmentsSection(user, view.ref);
    return json({ view, health, today, role: user.role, division: user.divisionCode, clock, attachments });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "OFFICER", "REVIEWER", "LEADERSHIP");
  return handleInitiativeAction(request, user, params.ref!);
}

const PROPOSAL_LABELS: Record<string, string> = {
  titleEn: "proposal.titleEn",
  titleZh: "proposal.titleZh",
  category: "proposal.category",
  leadDivision: "proposal.leadDivision",
  summary: "proposal.summary",
  handlesPersonalData: "proposal.handlesPersonalData",
  sharesDataAcrossBureaux: "proposal.sharesDataAcrossBureaux",
  needsNewInfrastructure: "proposal.needsNewInfrastructure",
  citizenFacing: "proposal.citizenFacing",
  nonRecurrentCost: "proposal.nonRecurrentCost",
  recurrentCost: "proposal.recurrentCost",
  expectedAnnualSavings: "proposal.expectedAnnualSavings",
  expectedStaffHoursSaved: "proposal.expectedStaffHoursSaved",
  plannedStart: "proposal.plannedStart",
  plannedEnd: "proposal.plannedEnd",
  milestones: "proposal.milestones",
};

/** The reviewer's own decision forms take these events; everything else keeps its plain EventForm. */
const FUNDING_EVENTS = new Set<EventType>([...FUNDING_DECISIONS, "REOPEN"]);

export default function InitiativePage() {
  const { view, health, today, role, division, clock, attachments } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as InitiativeActionData | undefined;
  const reviewer = role === "REVIEWER" && isDivision(division) ? division : null;
  const reviewEvents =
    reviewer && view.stage === "efficiencyReview"
      ? view.availableEvents.filter((e): e is ReviewDecision => (REVIEW_DECISIONS as readonly string[]).includes(e))
      : [];
  const fundingEvents =
    reviewer && (view.stage === "fundingReview" || view.stage === "deferred")
      ? view.availableEvents.filter((e) => FUNDING_EVENTS.has(e))
      : [];
  const plainEvents = view.availableEvents.filter(
    (e) => !(reviewEvents as EventType[]).includes(e) && !fundingEvents.includes(e),
  );
  const formData = (name: string) => (data?.form === name ? data : undefined);
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const done = params.get("done");
  const title = (locale === "zh-Hant" ? view.titleZh || view.titleEn : view.titleEn || view.titleZh) ?? view.ref;
  const otherTitle = locale === "zh-Hant" ? view.titleEn : view.titleZh;
  const bureauName = locale === "zh-Hant" ? view.bureau.nameZh : view.bureau.nameEn;
  const yesNo = (v: boolean | null) => t(v ? "initiative.yes" : "initiative.no");
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (typeof value === "boolean") return yesNo(value);
    if (field === "category") return t(`categories.${value}`);
    if (field === "leadDivision") return t(`divisions.${value}`);
    if (/Cost|Savings/.test(field) && typeof value === "number") return formatHkd(value);
    return String(value);
  };
  const roundsByNumber = new Map((view.rounds ?? []).map((r) => [r.round, r]));

  return (
    <>
      <p className="caption">
        {view.ref} · {bureauName}
      </p>
      <h1>{title}</h1>
      {otherTitle && otherTitle !== title ? (
        <p className="lead" lang={locale === "zh-Hant" ? "en" : "zh-Hant-HK"}>
          {otherTitle}
        </p>
      ) : null}
      <p className="tags">
        <StageTag stage={view.stage} />
        {view.substate === "onHold" ? <strong className="tag tag--amber">{t("diagram.onHold")}</strong> : null}
        {health ? <HealthTag health={health} /> : null}
      </p>

      {done && !data ? (
        <div className="notice notice--success" role="status">
          {done === "COMMENT" ? t("initiative.commentPosted") : t("initiative.done", { event: t(`events.${done}`) })}
        </div>
      ) : null}
      {data?.conflict ? (
        <div className="error-summary" role="alert">
          <h2>{t("errors.conflict.title")}</h2>
          <p>{t("initiative.conflict")}</p>
        </div>
      ) : null}
      {data?.message ? (
        <div className="error-summary" role="alert">
          <h2>{t("form.errorSummary")}</h2>
          <p>{data.message}</p>
        </div>
      ) : null}

      <section aria-labelledby="actions-heading" className="actions-panel">
        <h2 id="actions-heading">{t("initiative.actions")}</h2>
        {view.availableEvents.length === 0 ? <p>{t("initiative.noActions")}</p> : null}
        {view.stage === "draft" || view.stage === "returned" ? (
          view.availableEvents.includes("SUBMIT") || view.availableEvents.includes("RESUBMIT") ? (
            <p>
              <Link className="button button--secondary" to={`/initiatives/${view.ref}/edit`}>
                {t("initiative.edit")}
              </Link>
            </p>
          ) : null
        ) : null}
        {data && !data.form && data.intent !== "comment" && !data.conflict && Object.keys(data.fields).length > 0 ? (
          <ErrorSummary
            errors={Object.fromEntries(Object.entries(data.fields).map(([k, v]) => [`${data.intent}-${k}`, v]))}
          />
        ) : null}
        {reviewer && reviewEvents.length > 0 ? (
          <ReviewDecisionForm
            key={`review-${view.version}`}
            view={view}
            division={reviewer}
            available={reviewEvents}
            t={t}
            locale={locale}
            clock={clock}
            serverErrors={formData("review")?.fields}
            serverValues={formData("review")?.values}
          />
        ) : null}
        {reviewer && fundingEvents.length > 0 ? (
          <FundingDecisionPanel
            key={`funding-${view.version}`}
            view={view}
            division={reviewer}
            available={fundingEvents}
            t={t}
            locale={locale}
            clock={clock}
            serverErrors={formData("funding")?.fields}
            serverValues={formData("funding")?.values}
          />
        ) : null}
        {plainEvents.length > 0 ? (
          <div className="action-forms">
            {plainEvents.map((type) => (
              <EventForm
                key={type}
                type={type}
                view={view}
                t={t}
                today={today}
                errors={data?.intent === type && !data.form ? data.fields : undefined}
              />
            ))}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="lifecycle-heading">
        <h2 id="lifecycle-heading">{t("initiative.lifecycle")}</h2>
        <LifecycleDiagram value={view.state as never} t={t} signoffs={view.signoffs} />
      </section>

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t("initiative.details")}</h2>
        <dl className="summary-list">
          <div>
            <dt>{t("initiative.bureau")}</dt>
            <dd>
              {bureauName} ({view.bureau.code})
            </dd>
          </div>
          <div>
            <dt>{t("proposal.category")}</dt>
            <dd>{show("category", view.category)}</dd>
          </div>
          <div>
            <dt>{t("proposal.leadDivision")}</dt>
            <dd>{show("leadDivision", view.leadDivision)}</dd>
          </div>
          <div>
            <dt>{t("initiative.round")}</dt>
            <dd>{view.round}</dd>
          </div>
          <div>
            <dt>{t("initiative.financialYear")}</dt>
            <dd>{view.financialYear}</dd>
          </div>
          <div>
            <dt>{t("proposal.summary")}</dt>
            <dd className="prose">{view.summary ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("initiative.scope")}</dt>
            <dd>
              <ul className="plain-list">
                {(
                  ["handlesPersonalData", "sharesDataAcrossBureaux", "needsNewInfrastructure", "citizenFacing"] as const
                ).map((f) => (
                  <li key={f}>
                    {t(`proposal.${f}`)}: {yesNo(view[f])}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt>{t("initiative.requested")}</dt>
            <dd>{formatHkd(view.nonRecurrentCost)}</dd>
          </div>
          <div>
            <dt>{t("initiative.recurrent")}</dt>
            <dd>{formatHkd(view.recurrentCost)}</dd>
          </div>
          <div>
            <dt>{t("initiative.savings")}</dt>
            <dd>{formatHkd(view.expectedAnnualSavings)}</dd>
          </div>
          <div>
            <dt>{t("initiative.staffHours")}</dt>
            <dd>{view.expectedStaffHoursSaved?.toLocaleString("en-HK") ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("initiative.timeline")}</dt>
            <dd>
              {formatDate(view.plannedStart, locale)} – {formatDate(view.plannedEnd, locale)}
            </dd>
          </div>
          {view.funding.approved !== null ? (
            <div>
              <dt>{t("initiative.approved")}</dt>
              <dd>{formatHkd(view.funding.approved)}</dd>
            </div>
          ) : null}
          {view.benefits.realisedAnnualSavings !== null ? (
            <>
              <div>
                <dt>{t("initiative.realisedSavings")}</dt>
                <dd>{formatHkd(view.benefits.realisedAnnualSavings)}</dd>
              </div>
              <div>
                <dt>{t("initiative.realisedHours")}</dt>
                <dd>{view.benefits.realisedStaffHoursSaved?.toLocaleString("en-HK")}</dd>
              </div>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="signoffs-heading">
        <h2 id="signoffs-heading">{t("initiative.signoffs")}</h2>
        <div className="table-wrap">
          <table>
            <caption>{t("initiative.signoffCurrent")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.division")}</th>
                <th scope="col">{t("initiative.status")}</th>
              </tr>
            </thead>
            <tbody>
              {DIVISIONS.map((d) => (
                <tr key={d}>
                  <th scope="row">{t(`divisions.${d}`)}</th>
                  <td>{t(`initiative.signoffStatus.${view.signoffs[d]}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {view.round > 0 ? (
          <>
            <h3>{t("initiative.rounds")}</h3>
            {Array.from({ length: view.round }, (_, i) => view.round - i).map((n) => {
              const round = roundsByNumber.get(n);
              const previous = roundsByNumber.get(n - 1);
              const changes = round && previous ? diffProposals(previous.proposal, round.proposal) : null;
              const decisions = view.signoffHistory.filter((s) => s.round === n);
              return (
                <article key={n} className="round">
                  <h4>
                    {t("initiative.roundN", { n })}
                    {round ? ` · ${t("initiative.submittedOn", { date: formatDate(round.createdAt, locale) })}` : ""}
                  </h4>
                  {changes ? (
                    changes.length === 0 ? (
                      <p>{t("initiative.unchanged", { n: n - 1 })}</p>
                    ) : (
                      <>
                        <p>{t("initiative.changed", { n: n - 1 })}</p>
                        <ul className="changes">
                          {changes.map((c) => (
                            <li key={c.field}>
                              <strong>{PROPOSAL_LABELS[c.field] ? t(PROPOSAL_LABELS[c.field]!) : c.field}</strong>
                              {t("initiative.colon")}
                              <del>{show(c.field, c.before)}</del> → <ins>{show(c.field, c.after)}</ins>
                            </li>
                          ))}
                        </ul>
                      </>
                    )
                  ) : null}
                  {decisions.length === 0 ? (
                    <p>{t("initiative.noDecisions")}</p>
                  ) : (
                    <ul className="decisions">
                      {decisions.map((s, i) => (
                        <li key={i}>
                          <strong>{t(`divisions.${s.division}`)}</strong>
                          {t("initiative.colon")}
                          {t(s.reasonCode ? "initiative.decisionWithReason" : "initiative.decisionLine", {
                            decision: t(`initiative.decision.${s.decision}`),
                            reason: s.reasonCode ? t(`reasonCodes.${s.reasonCode}`) : "",
                            reviewer: s.reviewer ?? "—",
                            date: formatDate(s.decidedAt, locale),
                          })}
                          {s.reason ? <p className="quote">{s.reason}</p> : null}
                          {s.comment ? <p className="quote">{s.comment}</p> : null}
                          {view.conditions.filter((c) => c.round === n && c.division === s.division).length > 0 ? (
                            <ul>
                              {view.conditions
                                .filter((c) => c.round === n && c.division === s.division)
                                .map((c) => (
                                  <li key={c.id}>
                                    {c.id}: {c.text}
                                  </li>
                                ))}
                            </ul>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </article>
              );
            })}
          </>
        ) : null}
      </section>

      {view.conditions.length > 0 ? (
        <section aria-labelledby="conditions-heading">
          <h2 id="conditions-heading">{t("initiative.conditions")}</h2>
          <ul className="condition-list">
            {view.conditions.map((c) => (
              <li key={c.id}>
                <strong className={`tag ${c.status === "met" ? "tag--green" : "tag--amber"}`}>
                  {t(c.status === "met" ? "initiative.conditionMet" : "initiative.conditionOpen")}
                </strong>{" "}
                {c.id} · {t(`divisions.${c.division}`)}
                {c.due ? ` · ${t("initiative.conditionDue", { date: formatDate(c.due, locale) })}` : ""}
                <p>{c.text}</p>
                {c.metNote ? <p className="quote">{t("initiative.evidence", { note: c.metNote })}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="milestones-heading">
        <h2 id="milestones-heading">{t("initiative.milestones")}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("actions.milestone")}</th>
                <th scope="col">{t("initiative.due")}</th>
                <th scope="col">{t("initiative.status")}</th>
              </tr>
            </thead>
            <tbody>
              {view.milestones.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td>{formatDate(m.due, locale)}</td>
                  <td>
                    {m.status === "DONE"
                      ? t("initiative.milestoneDone", { date: formatDate(m.actualDate, locale) })
                      : t("initiative.milestonePlanned")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {view.funding.decisions.length > 0 ? (
        <section aria-labelledby="funding-heading">
          <h2 id="funding-heading">{t("initiative.funding")}</h2>
          <ul className="decisions">
            {view.funding.decisions.map((f, i) => (
              <li key={i}>
                <strong>{t(`initiative.fundingDecision.${f.decision}`)}</strong>
                {f.amount !== null ? ` · ${formatHkd(f.amount)}` : ""}
                {f.paperRef ? ` · ${f.paperRef}` : ""}
                {f.reasonCode ? ` · ${t(`reasonCodes.${f.reasonCode}`)}` : ""} ·{" "}
                {formatDate(f.decisionDate ?? f.createdAt, locale)}
                {f.reason ? <p className="quote">{f.reason}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <AttachmentsSection
        refId={view.ref}
        data={attachments}
        conditions={view.conditions.filter((c) => c.status === "open").map((c) => ({ id: c.id, text: c.text }))}
      />
      <section aria-labelledby="comments-heading" id="comments">
        <h2 id="comments-heading">{t("initiative.comments")}</h2>
        {(view.comments ?? []).length === 0 ? <p>{t("initiative.noComments")}</p> : null}
        <ul className="comments">
          {(view.comments ?? []).map((c) => (
            <li key={c.id}>
              <p className="comment-meta">
                <strong>{c.author ?? "—"}</strong> · {formatDateTime(c.createdAt, locale)}
              </p>
              <p className="prose">{c.body}</p>
            </li>
          ))}
        </ul>
        <Form method="post" className="form" noValidate>
          <CsrfInput />
          <div className={`field${data?.intent === "comment" && data.fields.body ? " field--error" : ""}`}>
            <label htmlFor="comment-body">{t("initiative.addComment")}</label>
            {data?.intent === "comment" && data.fields.body ? (
              <span className="field-error" id="comment-body-error">
                {t(data.fields.body[0]!)}
              </span>
            ) : null}
            <textarea id="comment-body" name="body" rows={3} />
          </div>
          <button type="submit" name="intent" value="comment" className="button button--secondary">
            {t("initiative.postComment")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">{t("initiative.audit")}</h2>
        <ol className="timeline">
          {(view.audit ?? []).map((a) => (
            <li key={a.seq}>
              <span className="timeline__time">{formatDateTime(a.createdAt, locale)}</span>{" "}
              {t("initiative.auditEntry", {
                event: t(`events.${a.event}`),
                actor: a.actor ?? t(`roles.${a.actorRole}`),
              })}
              {a.fromState && a.toState && a.fromState !== a.toState ? (
                <span className="timeline__states">
                  {" "}
                  ({t(`stages.${a.fromState.split(".")[0]}`)} → {t(`stages.${a.toState.split(".")[0]}`)})
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

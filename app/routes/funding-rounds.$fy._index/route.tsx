import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { readUserForm, requireRole } from "~/auth/auth.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { moveBid } from "~/funding-rounds/bid-moves.server.ts";
import { finaliseRound } from "~/funding-rounds/finalise-round.server.ts";
import { formOutcome, formValues } from "~/funding-rounds/form-outcome.server.ts";
import { getRound } from "~/funding-rounds/funding-rounds.server.ts";
import { markUrgent } from "~/funding-rounds/urgent-bids.server.ts";
import { formatHkd } from "~/i18n/format.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Message } from "~/utils/message.ts";
import { forPage, HttpError } from "~/utils/http.server.ts";
import { BidTables } from "./bid-tables.tsx";
import { FinaliseForm } from "./finalise-form.tsx";
import { LateProposals } from "./late-proposals.tsx";
import { RoundSummary } from "./round-summary.tsx";

export const meta: MetaFunction = ({ matches, params }) =>
  pageTitle(matches, "title.fundingRound", { fy: String(params.fy ?? "").slice(0, 20) });

const ROLES = ["OFFICER", "REVIEWER", "LEADERSHIP", "ADMIN"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ...ROLES);
  return forPage(async () => json({ round: await getRound(user, params.fy ?? "") }));
}

export type ActionData = {
  intent: string;
  ref?: string;
  done?: Message;
  refusal?: Message;
  fields?: Record<string, string[]>;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ...ROLES);
  const form = await readUserForm(request, user);
  const values = formValues(form);
  const fy = params.fy ?? "";
  const intent = values.intent ?? "";
  if (intent === "move" || intent === "urgent") {
    const outcome = await formOutcome(() => (intent === "move" ? moveBid : markUrgent)(user, fy, values));
    if (!outcome.ok) {
      return json<ActionData>(
        { intent, ref: values.ref, refusal: outcome.message ?? undefined, fields: outcome.fields },
        { status: outcome.status },
      );
    }
    return json<ActionData>({
      intent,
      ref: values.ref,
      done: {
        key: intent === "move" ? "fundingRound.move.done" : "fundingRound.markedUrgent",
        values: { ref: values.ref ?? "" },
      },
    });
  }
  if (intent === "finalise") {
    const outcome = await formOutcome(() => finaliseRound(user, fy, {}));
    if (!outcome.ok) {
      return json<ActionData>({ intent, refusal: outcome.message ?? undefined }, { status: outcome.status });
    }
    const r = outcome.value;
    return json<ActionData>({
      intent,
      done: {
        key: "fundingRound.finalised",
        values: {
          fy: r.fy,
          approved: r.approved.length,
          total: formatHkd(r.totalApproved),
          shelved: r.shelved.length,
          referred: r.referred.length,
        },
      },
    });
  }
  return forPage(() => Promise.reject(new HttpError(400, { key: "fundingRound.errors.hasErrors" })));
}

export default function FundingRoundPage() {
  const { round } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [search] = useSearchParams();
  const t = useT();
  const format = useFormat();
  return (
    <>
      <h1>{t("title.fundingRound", { fy: round.fy })}</h1>
      {search.get("opened") === "1" ? (
        <div className="notice notice--success" role="status">
          {t("fundingRound.opened", { fy: round.fy })}
        </div>
      ) : null}
      {data?.done ? (
        <div className="notice notice--success" role="status">
          {t(data.done.key, data.done.values)}
        </div>
      ) : null}
      {data?.refusal ? (
        <div className="notice notice--warning" role="alert">
          {t(data.refusal.key, data.refusal.values)}
        </div>
      ) : null}
      <RoundSummary round={round} />
      {round.status === "FINALISED" && round.finalisedAt ? (
        <p>{t("fundingRound.finalisedOn", { date: format.date(round.finalisedAt) })}</p>
      ) : null}
      <BidTables round={round} action={data} />
      <LateProposals round={round} action={data} />
      {round.can.decide ? <FinaliseForm round={round} /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { ProposalForm } from "~/components/proposal-form.tsx";
import { useT } from "~/i18n/use-t.ts";
import { proposalToFormState } from "~/initiatives/proposal-form.ts";
import { handleProposalForm, type ProposalActionData } from "~/initiatives/proposal-form.server.ts";

export const meta: MetaFunction = () => [{ title: "New proposal — Initiative Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "OFFICER");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "OFFICER");
  return handleProposalForm(request, user);
}

const EMPTY = proposalToFormState({ milestones: [{ id: "", name: "", due: "" }] });

export default function NewProposal() {
  const t = useT();
  const data = useActionData<typeof action>() as ProposalActionData | undefined;
  const values = data?.values ?? EMPTY;
  return (
    <>
      <h1>{t("proposal.newTitle")}</h1>
      <p className="lead">{t("proposal.intro")}</p>
      <ProposalForm
        key={JSON.stringify(values)}
        t={t}
        defaults={values}
        serverErrors={data?.fields ?? {}}
        serverParams={data?.params}
        submitLabel={t("proposal.submit")}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

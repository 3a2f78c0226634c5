import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server.ts";
import { ErrorPage } from "~/components/error-page.tsx";
import { ProposalForm } from "~/components/proposal-form.tsx";
import { useT } from "~/i18n/use-t.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";
import { proposalToFormState } from "~/initiatives/proposal-form.ts";
import { handleProposalForm, type ProposalActionData } from "~/initiatives/proposal-form.server.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ params }) => [{ title: `Edit ${params.ref} — Initiative Tracker` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "OFFICER");
  const ref = params.ref!;
  return forPage(async () => {
    const view = await getInitiative(user, ref);
    if (view.stage !== "draft" && view.stage !== "returned") return redirect(`/initiatives/${ref}`);
    const values = proposalToFormState(view);
    // A blank row to type into: without JavaScript there is no other way to add the first milestone.
    if (values.milestones.length === 0) values.milestones.push({ id: "", name: "", due: "" });
    return json({ ref, stage: view.stage, version: view.version, values });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "OFFICER");
  return handleProposalForm(request, user, params.ref!);
}

export default function EditProposal() {
  const t = useT();
  const { ref, stage, version, values } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ProposalActionData | undefined;
  const [params] = useSearchParams();
  const shown = data?.values ?? values;
  return (
    <>
      <h1>{t("proposal.editTitle", { ref })}</h1>
      {params.get("saved") && !data ? (
        <div className="notice notice--success" role="status">
          {t("proposal.saved")}
        </div>
      ) : null}
      <p className="lead">{t("proposal.intro")}</p>
      <ProposalForm
        key={JSON.stringify(shown) + version}
        t={t}
        defaults={shown}
        version={version}
        serverErrors={data?.fields ?? {}}
        serverParams={data?.params}
        submitLabel={t(stage === "returned" ? "proposal.resubmit" : "proposal.submit")}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

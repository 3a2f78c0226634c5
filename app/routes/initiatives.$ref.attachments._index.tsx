import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { attachmentsSection } from "~/attachments/attachments.server.ts";
import { handleAttachmentForm, type AttachmentActionData } from "~/attachments/attachment-form.server.ts";
import { requireRole } from "~/auth/auth.server.ts";
import { AttachmentsSection } from "~/components/attachments-section.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useT } from "~/i18n/use-t.ts";
import { loadInitiative } from "~/initiatives/initiatives.queries.server.ts";
import { forPage } from "~/utils/http.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "attachments.title");

/** The attachments on a page of their own: where the forms land without JavaScript. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "OFFICER", "REVIEWER", "LEADERSHIP");
  return forPage(async () => {
    const { view, target, attachments } = await loadInitiative(user, params.ref!, { attachments: true });
    const section = attachmentsSection(user, target, attachments!);
    const conditions = view.conditions.filter((c) => c.status === "open").map((c) => ({ id: c.id, text: c.text }));
    return json({ ref: view.ref, titleEn: view.titleEn, titleZh: view.titleZh, section, conditions });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "OFFICER", "REVIEWER", "LEADERSHIP");
  return handleAttachmentForm(request, user, params.ref!);
}

export default function InitiativeAttachments() {
  const t = useT();
  const { ref, section, conditions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as AttachmentActionData | undefined;
  return (
    <>
      <p>
        <Link to={`/initiatives/${ref}`}>{t("attachments.back", { ref })}</Link>
      </p>
      <AttachmentsSection refId={ref} data={section} conditions={conditions} error={data?.error ?? null} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

import { DataTable } from "~/components/ui/data-table.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { InitiativeView } from "./types.ts";

/** The delivery milestones, planned or done. */
export function MilestonesSection({ view }: { view: InitiativeView }) {
  const t = useT();
  const format = useFormat();
  return (
    <section aria-labelledby="milestones-heading">
      <h2 id="milestones-heading">{t("initiative.milestones")}</h2>
      <DataTable
        caption={t("initiative.milestones")}
        captionHidden
        rows={view.milestones}
        rowKey={(m) => m.id}
        columns={[
          { header: t("actions.milestone"), cell: (m) => m.name },
          { header: t("initiative.due"), cell: (m) => format.date(m.due) },
          {
            header: t("initiative.status"),
            cell: (m) =>
              m.status === "DONE"
                ? t("initiative.milestoneDone", { date: format.date(m.actualDate) })
                : t("initiative.milestonePlanned"),
          },
        ]}
      />
    </section>
  );
}

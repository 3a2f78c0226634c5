import type { SignoffStatus } from "~/lifecycle/snapshot.ts";
import { DataTable } from "~/components/ui/data-table.tsx";
import { useT } from "~/i18n/use-t.ts";
import { DIVISIONS } from "~/lifecycle/divisions.ts";
import { RoundHistory } from "./round-history.tsx";
import type { InitiativeView } from "./types.ts";

/** Each division's sign-off in the current round, then every round's changes and decisions, newest first. */
export function SignoffsSection({ view }: { view: InitiativeView }) {
  const t = useT();
  return (
    <section aria-labelledby="signoffs-heading">
      <h2 id="signoffs-heading">{t("initiative.signoffs")}</h2>
      <DataTable
        caption={t("initiative.signoffCurrent")}
        rows={DIVISIONS}
        rowKey={(d) => d}
        columns={[
          { header: t("admin.division"), rowHeader: true, cell: (d) => t(`divisions.${d}`) },
          {
            header: t("initiative.status"),
            cell: (d) => t(`initiative.signoffStatus.${view.signoffs[d] as SignoffStatus}`),
          },
        ]}
      />
      {view.round > 0 ? (
        <>
          <h3>{t("initiative.rounds")}</h3>
          <RoundHistory view={view} />
        </>
      ) : null}
    </section>
  );
}

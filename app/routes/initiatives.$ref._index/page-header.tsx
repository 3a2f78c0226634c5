import { useSearchParams } from "@remix-run/react";
import { HealthTag } from "~/components/health-tag.tsx";
import { StageTag } from "~/components/stage-tag.tsx";
import { hasMessage } from "~/i18n/t.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { InitiativeActionData } from "~/initiatives/initiative-actions.server.ts";
import type { Health } from "~/initiatives/delivery-health.ts";
import type { Stage } from "~/lifecycle/initiative.machine.ts";
import type { InitiativeView } from "./types.ts";

/** The reference, bureau, title (and the title in the other language), stage and health. */
export function InitiativeHeader({ view, health }: { view: InitiativeView; health: Health | null }) {
  const t = useT();
  const format = useFormat();
  const other = format.otherTitle(view);
  return (
    <>
      <p className="caption">
        {view.ref} · {format.name(view.bureau)}
      </p>
      <h1>{format.title(view) ?? view.ref}</h1>
      {other ? (
        <p className="lead" lang={format.locale === "zh-Hant" ? "en" : "zh-Hant-HK"}>
          {other}
        </p>
      ) : null}
      <p className="tags">
        <StageTag stage={view.stage as Stage} />
        {view.substate === "onHold" ? <strong className="tag tag--amber">{t("diagram.onHold")}</strong> : null}
        {view.changeState ? (
          <strong className="tag tag--grey">
            {t(view.changeState === "requested" ? "changes.status.REQUESTED" : "changes.status.AWAITING_FC")}
          </strong>
        ) : null}
        {health ? <HealthTag health={health} /> : null}
        {health && view.baseline > 1 ? (
          <span className="tag tag--grey">{t("changes.baseline", { n: view.baseline })}</span>
        ) : null}
      </p>
    </>
  );
}

/** What the last action did: done (after the redirect), refused as a conflict, or refused with a message. */
export function ActionOutcome({ data }: { data: InitiativeActionData | undefined }) {
  const t = useT();
  const [params] = useSearchParams();
  const done = params.get("done");
  const doneKey = `events.${done}`;
  return (
    <>
      {done && !data ? (
        <div className="notice notice--success" role="status">
          {done === "COMMENT"
            ? t("initiative.commentPosted")
            : t("initiative.done", { event: hasMessage(doneKey) ? t(doneKey) : done })}
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
          <p>{t(data.message.key, data.message.values)}</p>
        </div>
      ) : null}
    </>
  );
}

import { useFormat, useT } from "~/i18n/use-t.ts";
import type { ReasonCode, Role } from "~/lifecycle/divisions.ts";
import { currentStateReason } from "~/initiatives/reasons.ts";
import type { InitiativeView } from "./types.ts";

type Reason = InitiativeView["reasons"][number];

function Said({ r }: { r: Reason }) {
  const t = useT();
  const format = useFormat();
  return (
    <>
      <p className="comment-meta">
        {t("said.entry", {
          event: t(`events.${r.event}`),
          actor: r.actor ?? t(`roles.${r.actorRole as Role}`),
          date: format.date(r.at),
        })}
        {r.reasonCode ? (
          <>
            {" "}
            · <span className="tag">{t(`reasonCodes.${r.reasonCode as ReasonCode}`)}</span>
          </>
        ) : null}
      </p>
      <p className="quote">{r.reason}</p>
    </>
  );
}

/** Why the initiative is where it is now: the reason given with the pause, withdrawal, deferral or rejection. */
export function CurrentReason({ view }: { view: InitiativeView }) {
  const t = useT();
  const r = currentStateReason(view.stage, view.substate, view.reasons);
  if (!r) return null;
  const heading =
    r.event === "PAUSE"
      ? "said.why.onHold"
      : r.event === "WITHDRAW"
        ? "said.why.withdrawn"
        : r.event === "DEFER"
          ? "said.why.deferred"
          : "said.why.rejected";
  return (
    <div className="notice current-reason" role="note">
      <h2 className="notice__heading">{t(heading)}</h2>
      <Said r={r} />
    </div>
  );
}

/** Every reason given with a pause, resume, withdrawal, deferral, reopening, rejection or return, oldest first. */
export function ReasonsSection({ view }: { view: InitiativeView }) {
  const t = useT();
  if (view.reasons.length === 0) return null;
  return (
    <section aria-labelledby="reasons-heading">
      <h2 id="reasons-heading">{t("said.heading")}</h2>
      <ul className="decisions">
        {view.reasons.map((r, i) => (
          <li key={i}>
            <Said r={r} />
          </li>
        ))}
      </ul>
    </section>
  );
}

import { Link } from "@remix-run/react";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { InitiativeView } from "./types.ts";

/** The funding round the initiative bids in (or whose deadline it missed), linked to the round's page. */
export function FundingRoundNote({ view }: { view: InitiativeView }) {
  const t = useT();
  const format = useFormat();
  const round = view.fundingRound;
  if (!round) return null;
  const values = { fy: round.fy, deadline: format.date(round.bidDeadline) };
  const key =
    round.place === "late"
      ? "fundingRound.initiative.late"
      : round.status === "FINALISED"
        ? "fundingRound.initiative.finalised"
        : "fundingRound.initiative.bid";
  return (
    <p className="note" data-testid="funding-round-note">
      <Link to={`/funding-rounds/${round.fy}`}>{t(key, values)}</Link>
      {round.urgent ? ` · ${t("fundingRound.initiative.urgent")}` : null}
    </p>
  );
}

import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { DataTable, type Column } from "~/components/ui/data-table.tsx";
import { formatHkd } from "~/i18n/format.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { ActionData } from "./route.tsx";
import type { BidData, RoundData } from "./types.ts";

const score = (n: number | null) => (n === null ? null : n.toFixed(2));

/** Leadership's move of one bid across the line, with the reason that is recorded. */
function MoveForm({ bid, action }: { bid: BidData; action?: ActionData }) {
  const t = useT();
  const id = `move-${bid.ref}`;
  const error = action?.intent === "move" && action.ref === bid.ref ? action.fields?.reason?.[0] : undefined;
  return (
    <Form method="post" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="ref" value={bid.ref} />
      <input type="hidden" name="aboveLine" value={bid.aboveLine ? "false" : "true"} />
      <label htmlFor={id} className="visually-hidden">
        {t("fundingRound.move.reason", { ref: bid.ref })}
      </label>
      <input
        id={id}
        name="reason"
        type="text"
        required
        maxLength={2000}
        aria-invalid={error ? true : undefined}
        placeholder={t("fundingRound.move.reason", { ref: bid.ref })}
      />
      <button type="submit" name="intent" value="move" className="button button--secondary button--small">
        {bid.aboveLine ? t("fundingRound.move.below") : t("fundingRound.move.above")}
        <span className="visually-hidden"> {bid.ref}</span>
      </button>
    </Form>
  );
}

/** The ranked bids with the cut line, and apart from them the bids for the Finance Committee. */
export function BidTables({ round, action }: { round: RoundData; action?: ActionData }) {
  const t = useT();
  const format = useFormat();
  const open = round.status === "OPEN";
  const envelopeBids = round.bids.filter((b) => b.route === "BLOCK_ALLOCATION");
  const committeeBids = round.bids.filter((b) => b.route === "FINANCE_COMMITTEE");
  const lastAbove = envelopeBids.filter((b) => b.aboveLineByRank).at(-1)?.ref;
  const showCumulative = round.cutLine.totalAbove !== null;

  const position = (b: BidData) => (
    <>
      {b.aboveLine ? t("fundingRound.position.above") : t("fundingRound.position.below")}
      {b.fitsRemainder && !b.aboveLine ? (
        <>
          {" "}
          <span className="tag tag--grey">{t("fundingRound.position.fits")}</span>
        </>
      ) : null}
      {b.override ? (
        <span className="hint"> {t("fundingRound.position.moved", { reason: b.overrideReason ?? "" })}</span>
      ) : null}
    </>
  );
  const common: Column<BidData>[] = [
    {
      header: t("fundingRound.col.ref"),
      rowHeader: true,
      className: "nowrap",
      cell: (b) => <Link to={`/initiatives/${b.ref}`}>{b.ref}</Link>,
    },
    { header: t("fundingRound.col.title"), cell: (b) => format.title(b) ?? b.ref },
    { header: t("fundingRound.col.bureau"), cell: (b) => b.bureauCode },
    {
      header: t("fundingRound.col.round"),
      numeric: true,
      cell: (b) => (
        <>
          {b.submissionRound}
          {b.submissionRound > 1 ? (
            <>
              {" "}
              <span className="tag tag--grey">{t("fundingRound.rebid")}</span>
            </>
          ) : null}
        </>
      ),
    },
    {
      header: t("fundingRound.col.requested"),
      numeric: true,
      className: "nowrap",
      cell: (b) => formatHkd(b.requested),
    },
  ];
  const scores: Column<BidData>[] = [
    { header: t("fundingRound.col.score"), numeric: true, cell: (b) => score(b.score) ?? t("fundingRound.notScored") },
    { header: t("fundingRound.col.advisory"), numeric: true, cell: (b) => score(b.advisoryScore) ?? "—" },
  ];
  const actions: Column<BidData>[] =
    round.can.score || round.can.decide
      ? [
          {
            header: t("fundingRound.col.action"),
            cell: (b) =>
              round.can.score ? (
                <Link to={`/funding-rounds/${round.fy}/bids/${b.ref}`}>
                  {t("fundingRound.score.link")}
                  <span className="visually-hidden"> {b.ref}</span>
                </Link>
              ) : b.route === "BLOCK_ALLOCATION" ? (
                <MoveForm bid={b} action={action} />
              ) : null,
          },
        ]
      : [];
  const outcome: Column<BidData>[] = open
    ? []
    : [
        {
          header: t("fundingRound.col.outcome"),
          cell: (b) =>
            b.outcome ? t(`fundingRound.outcome.${b.outcome as "APPROVED" | "SHELVED" | "REFERRED"}`) : "—",
        },
      ];

  return (
    <>
      <section aria-labelledby="bids-heading">
        <h2 id="bids-heading">{t("fundingRound.bids.heading")}</h2>
        {envelopeBids.length === 0 ? (
          <p>{t("fundingRound.bids.empty", { fy: round.fy })}</p>
        ) : (
          <>
            <p>{t("fundingRound.cutLine", { rank: round.cutLine.afterRank })}</p>
            <DataTable
              caption={t("fundingRound.bids.caption")}
              wide
              className="round-table"
              rows={envelopeBids}
              rowKey={(b) => b.ref}
              rowClassName={(b) =>
                [b.aboveLine ? "round-table__above" : null, b.ref === lastAbove ? "round-table__cut" : null]
                  .filter(Boolean)
                  .join(" ") || undefined
              }
              columns={[
                { header: t("fundingRound.col.rank"), numeric: true, cell: (b) => b.rank },
                ...common,
                ...(showCumulative
                  ? [
                      {
                        header: t("fundingRound.col.cumulative"),
                        numeric: true,
                        className: "nowrap",
                        cell: (b: BidData) => formatHkd(b.cumulative),
                      },
                    ]
                  : []),
                ...scores,
                { header: t("fundingRound.col.position"), cell: position },
                ...outcome,
                ...actions,
              ]}
            />
          </>
        )}
      </section>
      {committeeBids.length > 0 ? (
        <section aria-labelledby="committee-heading">
          <h2 id="committee-heading">{t("fundingRound.committee.heading")}</h2>
          <p>{t("fundingRound.committee.intro", { limit: formatHkd(round.blockAllocationLimit) })}</p>
          <DataTable
            caption={t("fundingRound.committee.caption")}
            wide
            rows={committeeBids}
            rowKey={(b) => b.ref}
            columns={[...common, ...scores, ...outcome, ...(round.can.score ? actions : [])]}
          />
        </section>
      ) : null}
    </>
  );
}

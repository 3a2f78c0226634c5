import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { formatHkd } from "~/i18n/format.ts";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Division, ReasonCode } from "~/lifecycle/divisions.ts";
import type { EventType } from "~/lifecycle/events.ts";

type NoticeView = {
  seq: number;
  event: string;
  at: string;
  ref: string;
  titleEn: string | null;
  titleZh: string | null;
  round: number | null;
  division: string | null;
  reasonCode: string | null;
  amount: number | null;
};

/**
 * The home page's notices since the user last marked them read: for a reviewer what entered their
 * division's queue, for an officer what was decided on their B/D's initiatives. Newest first, each linked.
 */
export function Notices({ notices, role }: { notices: { since: string; items: NoticeView[] }; role: string }) {
  const t = useT();
  const format = useFormat();
  const describe = (n: NoticeView) => {
    if (role === "REVIEWER") {
      return t(n.event === "RESUBMIT" ? "notices.reviewer.RESUBMIT" : "notices.reviewer.SUBMIT", { n: n.round ?? 1 });
    }
    const event = t(`events.${n.event as EventType}`);
    const parts = [
      n.division ? t("notices.byDivision", { event, division: t(`divisions.${n.division as Division}`) }) : event,
    ];
    if (n.amount !== null) parts.push(formatHkd(n.amount));
    if (n.reasonCode) parts.push(t(`reasonCodes.${n.reasonCode as ReasonCode}`));
    return parts.join(t("notices.separator"));
  };
  return (
    <section className="panel notices" aria-labelledby="notices-heading">
      <h2 id="notices-heading">{t("notices.title")}</h2>
      <p className="hint">{t(role === "REVIEWER" ? "notices.reviewer.intro" : "notices.officer.intro")}</p>
      {notices.items.length === 0 ? (
        <p>{t("notices.none")}</p>
      ) : (
        <>
          <ul className="notice-list">
            {notices.items.map((n) => {
              const title = format.title(n) ?? "";
              return (
                <li key={n.seq}>
                  <Link to={`/initiatives/${n.ref}`}>{n.ref}</Link> {title}
                  <br />
                  <strong>{describe(n)}</strong> <span className="notice-list__time">{format.dateTime(n.at)}</span>
                </li>
              );
            })}
          </ul>
          <Form method="post" action="/?index" className="inline-form">
            <CsrfInput />
            <input type="hidden" name="upTo" value={notices.items[0]!.at} />
            <button type="submit" name="intent" value="markNoticesRead" className="button button--secondary">
              {t("notices.markRead")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

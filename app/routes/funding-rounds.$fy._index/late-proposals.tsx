import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { useFormat, useT } from "~/i18n/use-t.ts";
import type { ActionData } from "./route.tsx";
import type { RoundData } from "./types.ts";

/** Proposals that missed the deadline and wait for the next round, each with a form to mark it urgent. */
export function LateProposals({ round, action }: { round: RoundData; action?: ActionData }) {
  const t = useT();
  const format = useFormat();
  if (!round.can.markUrgent || round.late.length === 0) return null;
  return (
    <section aria-labelledby="late-heading">
      <h2 id="late-heading">{t("fundingRound.late.heading")}</h2>
      <p>{t("fundingRound.late.intro", { deadline: format.date(round.bidDeadline) })}</p>
      <ul className="decisions">
        {round.late.map((p) => {
          const id = `urgent-${p.ref}`;
          const error = action?.intent === "urgent" && action.ref === p.ref ? action.fields?.reason?.[0] : undefined;
          return (
            <li key={p.ref}>
              <Link to={`/initiatives/${p.ref}`}>{p.ref}</Link> · {format.title(p) ?? p.ref} · {p.bureauCode}
              <Form method="post" className="inline-form">
                <CsrfInput />
                <input type="hidden" name="ref" value={p.ref} />
                <label htmlFor={id}>{t("fundingRound.late.reason", { ref: p.ref })}</label>
                <input
                  id={id}
                  name="reason"
                  type="text"
                  required
                  maxLength={2000}
                  aria-invalid={error ? true : undefined}
                />
                <button type="submit" name="intent" value="urgent" className="button button--secondary button--small">
                  {t("fundingRound.late.submit", { ref: p.ref })}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

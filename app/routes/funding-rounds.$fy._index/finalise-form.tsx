import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { useT } from "~/i18n/use-t.ts";
import type { RoundData } from "./types.ts";

/** Leadership's finalisation: one button, after saying exactly what it will do. */
export function FinaliseForm({ round }: { round: RoundData }) {
  const t = useT();
  return (
    <section aria-labelledby="finalise-heading">
      <h2 id="finalise-heading">{t("fundingRound.finalise.heading")}</h2>
      <p>{t("fundingRound.finalise.intro")}</p>
      <Form method="post">
        <CsrfInput />
        <button type="submit" name="intent" value="finalise" className="button button--warning">
          {t("fundingRound.finalise.submit", { fy: round.fy })}
        </button>
      </Form>
    </section>
  );
}

import { useT } from "~/i18n/use-t.ts";
import type { Stage } from "~/lifecycle/initiative.machine.ts";

const COLOUR: Partial<Record<Stage, string>> = {
  draft: "tag--grey",
  returned: "tag--amber",
  deferred: "tag--amber",
  rejected: "tag--red",
  withdrawn: "tag--grey",
  closed: "tag--grey",
  delivery: "tag--green",
  benefitsReview: "tag--green",
};

/** A stage as a coloured tag, in the page's language. */
export function StageTag({ stage }: { stage: Stage }) {
  const t = useT();
  return <strong className={`tag ${COLOUR[stage] ?? ""}`}>{t(`stages.${stage}`)}</strong>;
}

import { useT } from "~/i18n/use-t.ts";
import type { Health } from "~/initiatives/delivery-health.ts";

const COLOUR: Record<Health, string> = { green: "tag--green", amber: "tag--amber", red: "tag--red" };

/** Delivery health as a tag whose word, not only its colour, carries the meaning. */
export function HealthTag({ health }: { health: Health | null | undefined }) {
  const t = useT();
  if (!health) return <span aria-hidden="true">—</span>;
  return <strong className={`tag ${COLOUR[health]}`}>{t(`health.${health}`)}</strong>;
}

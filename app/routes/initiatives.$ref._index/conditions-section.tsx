import { useFormat, useT } from "~/i18n/use-t.ts";
import type { Division } from "~/lifecycle/divisions.ts";
import type { InitiativeView } from "./types.ts";

/** The conditions of approval, open or met, with their due dates and evidence. */
export function ConditionsSection({ view }: { view: InitiativeView }) {
  const t = useT();
  const format = useFormat();
  if (view.conditions.length === 0) return null;
  return (
    <section aria-labelledby="conditions-heading">
      <h2 id="conditions-heading">{t("initiative.conditions")}</h2>
      <ul className="condition-list">
        {view.conditions.map((c) => (
          <li key={c.id}>
            <strong className={`tag ${c.status === "met" ? "tag--green" : "tag--amber"}`}>
              {t(c.status === "met" ? "initiative.conditionMet" : "initiative.conditionOpen")}
            </strong>{" "}
            {c.id} · {t(`divisions.${c.division as Division}`)}
            {c.due ? ` · ${t("initiative.conditionDue", { date: format.date(c.due) })}` : ""}
            <p>{c.text}</p>
            {c.metNote ? <p className="quote">{t("initiative.evidence", { note: c.metNote })}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

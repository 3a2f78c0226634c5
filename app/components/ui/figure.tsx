import type { ReactNode } from "react";

/** A row of headline figures (a description list, so each value is read with its label). */
export function Figures({ children }: { children: ReactNode }) {
  return <dl className="figures">{children}</dl>;
}

/** One headline figure: label, value and an optional line of context. Long values get a smaller type. */
export function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd className={value.length > 13 ? "figure__value figure__value--long" : "figure__value"}>{value}</dd>
      {note ? <dd className="figure__note">{note}</dd> : null}
    </div>
  );
}

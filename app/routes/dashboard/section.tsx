import type { SerializeFrom } from "@remix-run/node";
import type { ReactNode } from "react";
import type { loader } from "./route.tsx";

/** The dashboard's figures as the page receives them. */
export type DashboardData = SerializeFrom<typeof loader>["dashboard"];
export type DashboardChoices = SerializeFrom<typeof loader>["choices"];

/**
 * Adds the dashboard's filters to a link (same parameter names in the register and the CSV export), so
 * that following a figure shows the initiatives it counts.
 */
export function filteredLink(filters: DashboardData["filters"], path: string, extra: Record<string, string> = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, String(v));
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.size ? `${path}?${p}` : path;
}

/** One section of the dashboard: its heading (the table of contents links to `id`) and an optional hint. */
export function DashboardSection({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="dashboard-section">
      <h2 id={id}>{title}</h2>
      {hint ? <p className="hint">{hint}</p> : null}
      {children}
    </section>
  );
}

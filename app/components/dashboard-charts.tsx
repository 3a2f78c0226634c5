/**
 * The dashboard's charts (recharts). They render in the browser only — server rendering of recharts
 * measures nothing and warns — and each is a picture of the table that follows it, which carries the
 * same figures for screen readers, for printing and for browsers without JavaScript.
 */
import { useSyncExternalStore, type ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Locale } from "~/i18n/locales.ts";

/** Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by legend and table too. */
export const CHART_COLOURS = {
  blue: "#1d70b8",
  navy: "#003078",
  green: "#00703c",
  amber: "#a35200",
  red: "#c2260f",
  purple: "#4c2c92",
  grey: "#505a5f",
} as const;

const noSubscription = () => () => {};

/** Renders its children only after hydration; until then (and without JavaScript) the fallback. */
export function ClientOnly({ children, fallback = null }: { children: () => ReactNode; fallback?: ReactNode }) {
  // false in the server render and during hydration, true afterwards: no effect, no second render pass.
  const mounted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return <>{mounted ? children() : fallback}</>;
}

/** HK$ in short form for chart axes: `HK$12.3m` / `HK$1,230萬`. */
export function formatHkdShort(amount: number, locale: Locale): string {
  const n = Math.abs(amount);
  const fmt = (x: number, digits = 1) => x.toLocaleString("en-HK", { maximumFractionDigits: digits });
  if (locale === "zh-Hant") {
    if (n >= 1e8) return `HK$${fmt(amount / 1e8)}億`;
    if (n >= 1e4) return `HK$${fmt(amount / 1e4, 0)}萬`;
    return `HK$${fmt(amount, 0)}`;
  }
  if (n >= 1e9) return `HK$${fmt(amount / 1e9)}bn`;
  if (n >= 1e6) return `HK$${fmt(amount / 1e6)}m`;
  if (n >= 1e3) return `HK$${fmt(amount / 1e3, 0)}k`;
  return `HK$${fmt(amount, 0)}`;
}

export type Series = { key: string; name: string; colour: string };

type ChartProps = {
  /** What the chart shows, for its accessible name (the table after it has the figures). */
  label: string;
  /** One object per category: `name` plus a number for each series key. */
  data: ({ name: string } & Record<string, number | string | null>)[];
  series: Series[];
  /** Categories down the side (long names) rather than along the bottom. */
  horizontal?: boolean;
  stacked?: boolean;
  /** Formats values on the axis and in the tooltip. */
  format?: (value: number) => string;
  /** A colour per category instead of per series (one series only). */
  categoryColours?: string[];
  height?: number;
};

/**
 * A bar chart in a box of fixed height, so that nothing moves when it appears after hydration. The
 * box is one image for assistive technology; recharts' keyboard layer is off, as the table that
 * follows is the accessible form of the same figures.
 */
export function DashboardBarChart({
  label,
  data,
  series,
  horizontal,
  stacked,
  format,
  categoryColours,
  height,
}: ChartProps) {
  const h = height ?? (horizontal ? Math.max(160, 40 + data.length * 34) : 280);
  const fmt = (v: unknown) =>
    typeof v === "number" ? (format ? format(v) : v.toLocaleString("en-HK")) : String(v ?? "");
  const longest = Math.max(
    0,
    ...data.map((d) => [...d.name].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)),
  );
  return (
    <div className="dashboard-chart" role="img" aria-label={label} style={{ height: h }}>
      <ClientOnly>
        {() => (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={data}
              layout={horizontal ? "vertical" : "horizontal"}
              margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid strokeDasharray="3 3" horizontal={!horizontal} vertical={!!horizontal} />
              {horizontal ? (
                <>
                  <XAxis type="number" tickFormatter={fmt} allowDecimals={false} />
                  <YAxis type="category" dataKey="name" width={Math.min(240, 16 + longest * 7.5)} interval={0} />
                </>
              ) : (
                <>
                  <XAxis dataKey="name" interval={0} />
                  <YAxis tickFormatter={fmt} width={80} />
                </>
              )}
              <Tooltip formatter={(value) => fmt(value)} />
              {/* In the order of the series (and of the table's columns), not alphabetical. */}
              {series.length > 1 ? <Legend itemSorter={null} /> : null}
              {series.map((s) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.name}
                  fill={s.colour}
                  stackId={stacked ? "stack" : undefined}
                  isAnimationActive={false}
                >
                  {categoryColours
                    ? data.map((d, i) => <Cell key={d.name} fill={categoryColours[i % categoryColours.length]} />)
                    : null}
                </Bar>
              ))}
            </BarChart>
          </ResponsiveContainer>
        )}
      </ClientOnly>
    </div>
  );
}

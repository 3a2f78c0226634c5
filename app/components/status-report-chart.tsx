/**
 * An initiative's status reports as a small chart drawn on the server (plain SVG: it shows without
 * JavaScript and prints): per quarter, percent complete as a line and spend as a share of the funded
 * amount as bars, against a dashed line at 100 % (all the funding). A bar above the line is an overspend
 * and is drawn in red. The table beside it carries the same figures for screen readers.
 */

// The dashboard's palette (dashboard-charts.tsx), repeated rather than imported so that this page does not
// load the chart library.
const CHART_COLOURS = { blue: "#1d70b8", navy: "#003078", red: "#c2260f", grey: "#505a5f" } as const;

export type StatusPoint = {
  /** The quarter as the reader reads it (`Jul–Sep 2026`). */
  label: string;
  /** 0–100, or null for a quarter without a report. */
  percent: number | null;
  /** Spend to date as a percentage of the funded amount, or null. */
  spendShare: number | null;
};

type Props = {
  label: string;
  points: StatusPoint[];
  legend: { percent: string; spend: string; funded: string };
};

const W = 640;
const H = 240;
const PAD = { top: 16, right: 16, bottom: 44, left: 48 };

export function StatusReportChart({ label, points, legend }: Props) {
  if (points.length === 0) return null;
  const highest = Math.max(100, ...points.map((p) => p.spendShare ?? 0));
  const top = Math.ceil(highest / 25) * 25;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / points.length;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const ticks = Array.from({ length: top / 25 + 1 }, (_, i) => i * 25).filter((t) => top <= 200 || t % 50 === 0);
  const line = points
    .map((p, i) => (p.percent === null ? null : `${x(i)},${y(p.percent)}`))
    .filter((s): s is string => s !== null);
  const barW = Math.min(36, slot * 0.45);
  return (
    <figure className="status-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#d8dadc" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize={12} fill="#505a5f">
              {t}%
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          p.spendShare === null ? null : (
            <rect
              key={`bar-${i}`}
              x={x(i) - barW / 2}
              y={y(p.spendShare)}
              width={barW}
              height={Math.max(0, y(0) - y(p.spendShare))}
              fill={p.spendShare > 100 ? CHART_COLOURS.red : CHART_COLOURS.grey}
              opacity={0.85}
            />
          ),
        )}
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={y(100)}
          y2={y(100)}
          stroke={CHART_COLOURS.navy}
          strokeWidth={2}
          strokeDasharray="6 4"
        />
        {line.length > 1 ? (
          <polyline points={line.join(" ")} fill="none" stroke={CHART_COLOURS.blue} strokeWidth={3} />
        ) : null}
        {points.map((p, i) =>
          p.percent === null ? null : (
            <circle key={`dot-${i}`} cx={x(i)} cy={y(p.percent)} r={5} fill={CHART_COLOURS.blue} />
          ),
        )}
        {points.map((p, i) => (
          <text key={`x-${i}`} x={x(i)} y={H - PAD.bottom + 18} textAnchor="middle" fontSize={12} fill="#0b0c0c">
            {p.label}
          </text>
        ))}
      </svg>
      <figcaption className="status-chart__legend">
        <span>
          <span className="swatch swatch--line" aria-hidden="true" /> {legend.percent}
        </span>
        <span>
          <span className="swatch swatch--bar" aria-hidden="true" /> {legend.spend}
        </span>
        <span>
          <span className="swatch swatch--dashed" aria-hidden="true" /> {legend.funded}
        </span>
      </figcaption>
    </figure>
  );
}

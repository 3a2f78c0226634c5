import { useId } from "react";
import { hasMessage } from "~/i18n/t.ts";
import { useT } from "~/i18n/use-t.ts";
import {
  activeStateIds,
  diagramGeometry,
  lifecycleGraph,
  METRICS,
  type BoxGeometry,
  type DiagramEdge,
  type Point,
} from "~/lifecycle/diagram.ts";
import { DIVISIONS, REGION_OF, type Division } from "~/lifecycle/divisions.ts";
import type { SignoffStatus } from "~/lifecycle/snapshot.ts";

// Derived once from the machine definition: the same on the server and in the browser.
const GRAPH = lifecycleGraph();
const GEOMETRY = diagramGeometry(GRAPH);
const KIND = new Map(GRAPH.nodes.map((n) => [n.id, n.kind]));

/** Font sizes in SVG user units; the text wrapping below measures with them. */
const FONT = { title: 16, row: 12, info: 13 } as const;
const HEAT_LEVELS = 5;

export interface LifecycleDiagramProps {
  /** The snapshot's `value` (`"draft"`, `{ delivery: "onHold" }`, …); no current state when absent. */
  value?: unknown;
  /** Sign-offs to show in the efficiency-review regions when the initiative is not in that state. */
  signoffs?: Partial<Record<Division, SignoffStatus>>;
  /**
   * A value per top-level state (e.g. median days, or a label like `"12 d"`): printed in the box, and
   * the box shaded by its number relative to the largest.
   */
  heat?: Partial<Record<string, string | number>>;
  className?: string;
  /** The accessible title; "Lifecycle of this initiative" when absent. */
  title?: string;
}

/**
 * The initiative lifecycle as an SVG statechart, with the current state (and substates) marked by a
 * thick border, a fill and the word "Current", followed by the same transitions as a text list.
 */
export function LifecycleDiagram({ value, signoffs, heat, className, title }: LifecycleDiagramProps) {
  const t = useT();
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const titleId = `lifecycle-${uid}-title`;
  const descId = `lifecycle-${uid}-desc`;
  const arrowId = `lifecycle-${uid}-arrow`;
  const arrowNextId = `lifecycle-${uid}-arrow-next`;

  const active = new Set(activeStateIds(value));
  const current = activeStateIds(value)[0] ?? null;
  // State and event names come from the machine's graph at run time: checked against the dictionary here.
  const stageName = (id: string) => {
    const key = `stages.${id}`;
    return hasMessage(key) ? t(key) : humanize(id);
  };
  const leafName = (id: string) => {
    const leaf = id.slice(id.lastIndexOf(".") + 1);
    const key = `diagram.${leaf}`;
    return hasMessage(key) ? t(key) : humanize(leaf);
  };
  const regionName = (id: string) => {
    const key = id.slice(id.lastIndexOf(".") + 1);
    const division = DIVISIONS.find((d) => REGION_OF[d] === key);
    if (division) return t(`divisions.${division}`);
    return hasMessage(`diagram.region.${key}`) ? t(`diagram.region.${key}` as never) : humanize(key);
  };
  /** The substate a region shows: the active one, else the sign-off passed in. */
  const regionState = (regionId: string): string | null => {
    const leaf = GRAPH.nodes.find((n) => n.parent === regionId && active.has(n.id));
    if (leaf) return leaf.id.slice(regionId.length + 1);
    const key = regionId.slice(regionId.lastIndexOf(".") + 1);
    const division = DIVISIONS.find((d) => REGION_OF[d] === key);
    return (division && signoffs?.[division]) || null;
  };
  const children = (id: string) => GRAPH.nodes.filter((n) => n.parent === id);

  const heatNumbers = Object.values(heat ?? {})
    .map(heatNumber)
    .filter((n): n is number => n !== null);
  const heatMax = Math.max(0, ...heatNumbers);
  const heatLevel = (id: string) => {
    const n = heat ? heatNumber(heat[id]) : null;
    if (n === null) return null;
    return heatMax > 0 ? Math.max(1, Math.min(HEAT_LEVELS, Math.ceil((n / heatMax) * HEAT_LEVELS))) : 1;
  };

  // The current state in words, for the SVG's description and the text list.
  let currentText = "";
  if (current) {
    const kind = KIND.get(current);
    let detail = "";
    if (kind === "parallel") {
      detail = children(current)
        .map((region) => {
          const state = regionState(region.id);
          return state
            ? t("diagram.labelValue", {
                label: regionName(region.id),
                value: leafName(state),
              })
            : regionName(region.id);
        })
        .join(t("diagram.listSeparator"));
    } else if (kind === "compound") {
      const child = children(current).find((c) => active.has(c.id));
      if (child) detail = leafName(child.id);
    }
    currentText = t("diagram.description", {
      state: detail ? `${stageName(current)} — ${detail}` : stageName(current),
    });
  }
  const heatText = heat
    ? Object.keys(GEOMETRY.boxes)
        .filter((id) => heat[id] !== undefined && heat[id] !== null)
        .map((id) =>
          t("diagram.labelValue", {
            label: stageName(id),
            value: String(heat[id]),
          }),
        )
        .join(t("diagram.listSeparator"))
    : "";
  const description = [currentText, heatText].filter(Boolean).join(" ");

  const eventName = (event: string) => {
    if (event === "done" || event === "always") return t(`diagram.event.${event}`);
    const key = `events.${event}`;
    return hasMessage(key) ? `${t(key)} (${event})` : event;
  };
  const edgeText = (edge: DiagramEdge) => {
    const route =
      edge.from === edge.to
        ? t("diagram.staysIn", { state: stageName(edge.from) })
        : `${stageName(edge.from)} → ${stageName(edge.to)}`;
    return `${route}: ${edge.events.map(eventName).join(", ")}`;
  };

  const { width, height, boxes, routes } = GEOMETRY;

  return (
    <figure className={["lifecycle", className].filter(Boolean).join(" ")}>
      {/* Scrolls sideways on narrow screens: a focusable region, so that keyboard users can scroll it. */}
      <div className="lifecycle-scroll" role="region" aria-labelledby={titleId} tabIndex={0}>
        <svg
          className="lifecycle-svg"
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          viewBox={`0 0 ${width} ${height}`}
          preserveAspectRatio="xMidYMin meet"
        >
          <title id={titleId}>{title ?? t("diagram.title")}</title>
          <desc id={descId}>{description}</desc>
          <defs>
            <marker
              id={arrowId}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="10"
              markerHeight="10"
              markerUnits="userSpaceOnUse"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className="lifecycle-arrowhead" />
            </marker>
            <marker
              id={arrowNextId}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="13"
              markerHeight="13"
              markerUnits="userSpaceOnUse"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className="lifecycle-arrowhead lifecycle-arrowhead--next" />
            </marker>
          </defs>

          <g className="lifecycle-edges">
            {routes.map((route) => {
              const next = route.from === current;
              const box = boxes[route.from];
              if (!box) return null;
              const d = route.from === route.to ? selfLoopPath(box) : roundedPath(route.points);
              if (!d) return null;
              const classes = [
                "lifecycle-edge",
                route.from === route.to ? "lifecycle-edge--self" : "",
                next ? "lifecycle-edge--next" : "",
              ];
              return (
                <path
                  key={`${route.from}-${route.to}`}
                  className={classes.filter(Boolean).join(" ")}
                  d={d}
                  markerEnd={`url(#${next ? arrowNextId : arrowId})`}
                  data-from={route.from}
                  data-to={route.to}
                >
                  <title>{edgeText(route)}</title>
                </path>
              );
            })}
          </g>

          {Object.values(boxes).map((box) => {
            const isCurrent = box.id === current;
            const level = heatLevel(box.id);
            const heatValue = heat?.[box.id];
            const info = [
              isCurrent ? `▶ ${t("diagram.current")}` : "",
              heatValue !== undefined && heatValue !== null ? String(heatValue) : "",
            ]
              .filter(Boolean)
              .join(" · ");
            const classes = [
              "lifecycle-node",
              `lifecycle-node--${box.kind}`,
              isCurrent ? "lifecycle-node--current" : "",
              level ? `lifecycle-heat lifecycle-heat-${level}` : "",
            ];
            return (
              <g key={box.id} className={classes.filter(Boolean).join(" ")} data-state={box.id}>
                <title>{stageName(box.id)}</title>
                <rect className="lifecycle-box" x={box.x} y={box.y} width={box.w} height={box.h} rx={8} />
                {box.kind === "final" && (
                  <rect
                    className="lifecycle-box-inner"
                    x={box.x + 4}
                    y={box.y + 4}
                    width={box.w - 8}
                    height={box.h - 8}
                    rx={5}
                  />
                )}
                <Lines
                  className="lifecycle-label"
                  lines={wrap(stageName(box.id), box.w - 28, FONT.title, 2)}
                  x={box.x + box.w / 2}
                  centreY={
                    box.rows.length > 0
                      ? box.y + METRICS.titleHeight / 2 + 3
                      : box.y + (info ? (box.h - METRICS.infoHeight) / 2 + 4 : box.h / 2)
                  }
                  fontSize={FONT.title}
                />
                {box.kind === "parallel" && regionRows(box)}
                {box.kind === "compound" && childRows(box)}
                {info && (
                  <text
                    className="lifecycle-info"
                    x={box.x + box.w / 2}
                    y={box.y + box.h - 9}
                    fontSize={FONT.info}
                    textAnchor="middle"
                  >
                    {info}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <details className="lifecycle-text">
        <summary>{t("diagram.transitions")}</summary>
        {description && <p className="lifecycle-text__current">{description}</p>}
        <ul className="lifecycle-text__list">
          {GRAPH.edges.map((edge) => (
            <li key={`${edge.from}-${edge.to}`} className={edge.from === current ? "lifecycle-text__next" : undefined}>
              {edgeText(edge)}
            </li>
          ))}
        </ul>
      </details>
    </figure>
  );

  /** A parallel state's regions, each with the substate it is in (or its sign-off). */
  function regionRows(box: BoxGeometry) {
    const inState = active.has(box.id);
    return box.rows.map((row) => {
      const state = regionState(row.id);
      const classes = [
        "lifecycle-row",
        state ? `lifecycle-row--${state}` : "",
        inState ? "lifecycle-row--current" : "",
      ];
      const cx = row.x + row.w / 2;
      const label = wrap(regionName(row.id), row.w - 10, FONT.row, 1)[0];
      return (
        <g key={row.id} className={classes.filter(Boolean).join(" ")} data-state={row.id}>
          <rect className="lifecycle-row-box" x={row.x} y={row.y} width={row.w} height={row.h} rx={4} />
          <text
            className="lifecycle-row-label"
            x={cx}
            y={state ? row.y + 14 : row.y + row.h / 2 + 4}
            fontSize={FONT.row}
            textAnchor="middle"
          >
            {label}
          </text>
          {state && (
            <text className="lifecycle-row-status" x={cx} y={row.y + 28} fontSize={FONT.row} textAnchor="middle">
              {state === "approved" ? `✓ ${leafName(state)}` : leafName(state)}
            </text>
          )}
        </g>
      );
    });
  }

  /** A compound state's children, the active one marked. */
  function childRows(box: BoxGeometry) {
    return box.rows.map((row) => {
      const on = active.has(row.id);
      const name = leafName(row.id);
      return (
        <g key={row.id} className={on ? "lifecycle-row lifecycle-row--current" : "lifecycle-row"} data-state={row.id}>
          <rect className="lifecycle-row-box" x={row.x} y={row.y} width={row.w} height={row.h} rx={4} />
          <text
            className="lifecycle-row-label"
            x={row.x + row.w / 2}
            y={row.y + row.h / 2 + 4}
            fontSize={FONT.row}
            textAnchor="middle"
          >
            {wrap(on ? `▶ ${name}` : name, row.w - 10, FONT.row, 1)[0]}
          </text>
        </g>
      );
    });
  }
}

/** Centred lines of text as `<tspan>`s, vertically centred on `centreY`. */
function Lines(props: { className: string; lines: string[]; x: number; centreY: number; fontSize: number }) {
  const lineHeight = props.fontSize * 1.2;
  const firstBaseline = props.centreY - ((props.lines.length - 1) * lineHeight) / 2 + props.fontSize * 0.35;
  return (
    <text className={props.className} x={props.x} y={firstBaseline} fontSize={props.fontSize} textAnchor="middle">
      {props.lines.map((line, i) => (
        <tspan key={i} x={props.x} dy={i === 0 ? 0 : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** `awaitingFinanceCommittee` → `Awaiting finance committee`, for a state without a translation. */
function humanize(id: string): string {
  const words = id.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function heatNumber(value: string | number | undefined | null): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const n = Number.parseFloat(value.replace(/,/g, ""));
  return Number.isFinite(n) ? n : null;
}

/** Estimated advance of one character in ems (bold system sans-serif, generous). */
function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x2e80 && !(code >= 0xff61 && code <= 0xffdc)) return 1.0; // CJK, full-width punctuation
  if (ch === " ") return 0.3;
  if (/[mwMW]/.test(ch)) return 0.9;
  if (/[A-Z]/.test(ch)) return 0.7;
  if (/[iljtf.,:;'!|]/.test(ch)) return 0.32;
  return 0.58;
}

function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w * fontSize;
}

/**
 * Greedy line breaking at spaces, and between any two CJK characters, into at most `maxLines` lines of
 * at most `maxWidth`; what does not fit ends in an ellipsis.
 */
export function wrap(text: string, maxWidth: number, fontSize: number, maxLines: number): string[] {
  // Tokens: words with their following space, or single CJK characters.
  const tokens = text.match(/[\u2e80-\uff60\uffe0-\uffef]|[^\s\u2e80-\uff60\uffe0-\uffef]+\s*|\s+/g) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const token of tokens) {
    if (line && textWidth((line + token).trimEnd(), fontSize) > maxWidth) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line += token;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = lines.slice(maxLines - 1).join(" ");
  while (last && textWidth(`${last}…`, fontSize) > maxWidth) last = [...last].slice(0, -1).join("");
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** An orthogonal polyline with rounded corners. */
function roundedPath(points: readonly Point[]): string {
  if (points.length < 2) return "";
  const r = 8;
  let d = `M${points[0]![0]},${points[0]![1]}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [px, py] = points[i - 1]!;
    const [x, y] = points[i]!;
    const [nx, ny] = points[i + 1]!;
    const inLen = Math.abs(x - px) + Math.abs(y - py);
    const outLen = Math.abs(nx - x) + Math.abs(ny - y);
    const k = Math.min(r, inLen / 2, outLen / 2);
    const ax = x - Math.sign(x - px) * k;
    const ay = y - Math.sign(y - py) * k;
    const bx = x + Math.sign(nx - x) * k;
    const by = y + Math.sign(ny - y) * k;
    d += ` L${ax},${ay} Q${x},${y} ${bx},${by}`;
  }
  const [lx, ly] = points[points.length - 1]!;
  return `${d} L${lx},${ly}`;
}

/** A small loop on the box's top-right corner: events that keep the initiative in this state. */
function selfLoopPath(box: BoxGeometry): string {
  const x1 = box.x + box.w - 30;
  const x2 = box.x + box.w - 10;
  const y = box.y;
  return `M${x1},${y} C${x1},${y - 20} ${x2},${y - 20} ${x2},${y}`;
}

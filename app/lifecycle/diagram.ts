/**
 * The lifecycle diagram's model, derived from {@link initiativeMachine} itself: its state nodes, its
 * transitions aggregated to top-level states, and a fixed geometry (boxes placed on a hand-made grid,
 * arrows drawn by hand in `diagram-routes.ts`) for the SVG in `components/lifecycle-diagram.tsx`. Pure —
 * no DOM, no clock, no randomness — so the server and the browser draw the same picture. A state or transition added to the
 * machine shows up here without editing this file (a new top-level state is placed after the known ones);
 * a new arrow between two states needs its route drawn in `diagram-routes.ts`, which a test insists on.
 */
import type { AnyStateMachine, AnyStateNode } from "xstate";
import { ROUTES, routeKey } from "./diagram-routes.ts";
import { initiativeMachine } from "./initiative.machine.ts";

export type NodeKind = "atomic" | "compound" | "parallel" | "final";

export interface DiagramNode {
  /** The state's path joined by dots: `draft`, `efficiencyReview.dataGovernance.pending`. */
  id: string;
  parent: string | null;
  kind: NodeKind;
  /** 0 for top-level states. */
  depth: number;
}

export interface DiagramEdge {
  /** Top-level state the transition leaves from. */
  from: string;
  /** Top-level state it ends in; equal to `from` for a transition that stays inside one top-level state. */
  to: string;
  /**
   * Event types in definition order. Built-in events get short names: `done` (onDone), `always`
   * (eventless), `after <delay>`, `error`.
   */
  events: string[];
}

export interface LifecycleGraph {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

/** The short name of a transition's event type, as shown in the diagram. */
export function eventLabel(eventType: string): string {
  if (eventType === "") return "always";
  if (eventType.startsWith("xstate.done.")) return "done";
  if (eventType.startsWith("xstate.error.")) return "error";
  if (eventType.startsWith("xstate.after.")) return `after ${eventType.slice("xstate.after.".length).split(".")[0]}`;
  return eventType;
}

function kindOf(node: AnyStateNode): NodeKind {
  // A history pseudo-state is drawn like a plain state.
  return node.type === "history" ? "atomic" : node.type;
}

/**
 * Every state node of the machine (depth-first, in definition order) and every transition, aggregated
 * to top-level granularity: one edge per (from, to) pair of top-level states with the union of its events.
 * Targetless transitions and transitions between substates of one top-level state are self-loops.
 */
export function lifecycleGraph(machine: AnyStateMachine = initiativeMachine): LifecycleGraph {
  const nodes: DiagramNode[] = [];
  const edges = new Map<string, DiagramEdge>();

  const addEdge = (from: string, to: string, event: string) => {
    const key = `${from}\u0000${to}`;
    let edge = edges.get(key);
    if (!edge) {
      edge = { from, to, events: [] };
      edges.set(key, edge);
    }
    if (!edge.events.includes(event)) edge.events.push(event);
  };

  const addTransitions = (
    from: string,
    eventType: string,
    transitions: readonly { target?: readonly AnyStateNode[] | undefined }[],
  ) => {
    for (const transition of transitions) {
      const targets = transition.target ?? [];
      if (targets.length === 0) addEdge(from, from, eventLabel(eventType));
      for (const target of targets) addEdge(from, target.path[0] ?? from, eventLabel(eventType));
    }
  };

  const walk = (node: AnyStateNode, parent: string | null) => {
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      const id = child.path.join(".");
      nodes.push({
        id,
        parent,
        kind: kindOf(child),
        depth: child.path.length - 1,
      });
      const top = child.path[0]!;
      // `transitions` holds `on`, `onDone`, `after` and invoke results; eventless ones are in `always`.
      for (const [eventType, list] of child.transitions) addTransitions(top, eventType, list);
      if (child.always) addTransitions(top, "", child.always);
      walk(child, id);
    }
  };
  walk(machine.root, null);

  return { nodes, edges: [...edges.values()] };
}

/**
 * The active state ids of a snapshot value, parents before children:
 * `{ delivery: "onHold" }` → `["delivery", "delivery.onHold"]`. Anything else than a string or an
 * object (null, a number) yields no ids.
 */
export function activeStateIds(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return value ? [prefix + value] : [];
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const ids: string[] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    ids.push(prefix + key);
    ids.push(...activeStateIds(child, `${prefix}${key}.`));
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------------

export interface GridPosition {
  /** Column; fractional columns sit between two others. */
  col: number;
  row: number;
}

/**
 * Where each known top-level state goes: the main path on row 1, left to right; side states above and
 * below their neighbours; the ends where initiatives leave the process at the bottom.
 */
const POSITIONS: Record<string, GridPosition> = {
  returned: { col: 1, row: 0 },
  deferred: { col: 2, row: 0 },
  draft: { col: 0, row: 1 },
  efficiencyReview: { col: 1, row: 1 },
  fundingReview: { col: 2, row: 1 },
  delivery: { col: 3, row: 1 },
  benefitsReview: { col: 4, row: 1 },
  closed: { col: 5, row: 1 },
  awaitingFinanceCommittee: { col: 2.5, row: 2 },
  withdrawn: { col: 0.5, row: 3 },
  rejected: { col: 2, row: 3 },
};

/**
 * A grid position for every top-level node: known states from the fixed table, any other state (one
 * added to the machine later) on an extra row below, in definition order.
 */
export function layoutOf(nodes: readonly DiagramNode[]): Record<string, GridPosition> {
  const top = nodes.filter((n) => n.depth === 0);
  const known = top.filter((n) => POSITIONS[n.id]);
  const maxRow = Math.max(-1, ...known.map((n) => POSITIONS[n.id]!.row));
  const layout: Record<string, GridPosition> = {};
  let next = 0;
  for (const node of top) {
    layout[node.id] = POSITIONS[node.id] ? { ...POSITIONS[node.id]! } : { col: next++, row: maxRow + 1 };
  }
  return layout;
}

// ---------------------------------------------------------------------------------------------------
// Geometry: boxes and arrow routes in SVG user units
// ---------------------------------------------------------------------------------------------------

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Point = readonly [number, number];

export interface BoxGeometry extends Rect {
  id: string;
  kind: NodeKind;
  /** Rows inside the box: the regions of a parallel state, or the children of a compound one. */
  rows: (Rect & { id: string })[];
}

export interface RouteGeometry extends DiagramEdge {
  /** Polyline from the source box's border to the target box's border (empty for a self-loop). */
  points: Point[];
}

export interface DiagramGeometry {
  width: number;
  height: number;
  boxes: Record<string, BoxGeometry>;
  routes: RouteGeometry[];
}

/** Measures shared with the component: it lays out text inside these boxes. */
export const METRICS = {
  columnPitch: 230,
  boxWidth: 180,
  /** Space for a two-line title. */
  titleHeight: 46,
  /** Space for the bottom line (current-state marker, heat value). */
  infoHeight: 24,
  /** A child row of a compound state (one line). */
  childRowHeight: 26,
  /** A region row of a parallel state (region name and its substate: two lines). */
  regionRowHeight: 34,
  rowGap: 4,
  bandGap: 60,
  margin: 28,
} as const;

function boxHeight(node: DiagramNode, children: DiagramNode[]): number {
  const m = METRICS;
  const base = m.titleHeight + m.infoHeight;
  if (node.kind === "parallel") return base + children.length * (m.regionRowHeight + m.rowGap);
  if (node.kind === "compound") return base + children.length * (m.childRowHeight + m.rowGap);
  return base;
}

/** Box rectangles for every top-level state, placed on the grid of {@link layoutOf}. */
function placeBoxes(graph: LifecycleGraph): {
  boxes: Record<string, BoxGeometry>;
  width: number;
  height: number;
} {
  const m = METRICS;
  const layout = layoutOf(graph.nodes);
  const top = graph.nodes.filter((n) => n.depth === 0);
  const childrenOf = (id: string) => graph.nodes.filter((n) => n.parent === id);
  const heights = new Map(top.map((n) => [n.id, boxHeight(n, childrenOf(n.id))]));

  const rows = [...new Set(top.map((n) => layout[n.id]!.row))].sort((a, b) => a - b);
  const bandTop = new Map<number, number>();
  const bandHeight = new Map<number, number>();
  let y = m.margin;
  for (const row of rows) {
    const h = Math.max(...top.filter((n) => layout[n.id]!.row === row).map((n) => heights.get(n.id)!));
    bandTop.set(row, y);
    bandHeight.set(row, h);
    y += h + m.bandGap;
  }
  const height = y - m.bandGap + m.margin;
  const maxCol = Math.max(0, ...top.map((n) => layout[n.id]!.col));
  const width = (maxCol + 1) * m.columnPitch + 2 * m.margin - (m.columnPitch - m.boxWidth);

  const boxes: Record<string, BoxGeometry> = {};
  for (const node of top) {
    const { col, row } = layout[node.id]!;
    const h = heights.get(node.id)!;
    const box: BoxGeometry = {
      id: node.id,
      kind: node.kind,
      x: m.margin + col * m.columnPitch,
      y: bandTop.get(row)! + (bandHeight.get(row)! - h) / 2,
      w: m.boxWidth,
      h,
      rows: [],
    };
    const rowH = node.kind === "parallel" ? m.regionRowHeight : m.childRowHeight;
    if (node.kind === "parallel" || node.kind === "compound") {
      childrenOf(node.id).forEach((child, i) => {
        box.rows.push({
          id: child.id,
          x: box.x + 10,
          y: box.y + m.titleHeight + i * (rowH + m.rowGap),
          w: box.w - 20,
          h: rowH,
        });
      });
    }
    boxes[node.id] = box;
  }
  return { boxes, width, height };
}

/**
 * The hand-drawn route of each edge between two boxes ({@link ROUTES}); a self-loop has none (the
 * component draws it on the box). An edge without a route gets no points and is not drawn:
 * {@link missingRoutes} names such edges, and a test keeps that list empty for the real machine.
 */
function routeEdges(edges: readonly DiagramEdge[]): RouteGeometry[] {
  return edges.map((edge) => ({
    ...edge,
    points: edge.from === edge.to ? [] : [...(ROUTES[routeKey(edge.from, edge.to)] ?? [])],
  }));
}

/** The edges between two different states that have no drawn route, as `from → to`. */
export function missingRoutes(graph: LifecycleGraph = lifecycleGraph()): string[] {
  return graph.edges
    .filter((edge) => edge.from !== edge.to && !ROUTES[routeKey(edge.from, edge.to)])
    .map((edge) => routeKey(edge.from, edge.to));
}

/** Boxes and arrow routes for a graph (by default the initiative machine's). Deterministic. */
export function diagramGeometry(graph: LifecycleGraph = lifecycleGraph()): DiagramGeometry {
  const { boxes, width, height } = placeBoxes(graph);
  return {
    width,
    height,
    boxes,
    routes: routeEdges(graph.edges),
  };
}

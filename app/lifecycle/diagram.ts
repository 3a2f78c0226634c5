/**
 * The lifecycle diagram's model, derived from {@link initiativeMachine} itself: its state nodes, its
 * transitions aggregated to top-level states, and a fixed, deterministic geometry (boxes and orthogonal
 * arrow routes) for the SVG in `components/lifecycle-diagram.tsx`. Pure — no DOM, no clock, no
 * randomness — so the server and the browser draw the same picture. A state or transition added to the
 * machine shows up here without editing this file (a new top-level state is placed after the known ones).
 */
import type { AnyStateMachine, AnyStateNode } from "xstate";
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
  /** Arrows keep this far from boxes other than their own ends. */
  clearance: 12,
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

type Side = "top" | "bottom" | "left" | "right";

/**
 * Routes every edge between two different boxes as an orthogonal polyline that keeps clear of the
 * other boxes: a shortest path (length plus a penalty per bend) over a grid of candidate lines through
 * the boxes' quarter points and the gutters between them. Shorter edges are routed first, and a later
 * edge pays to run along a segment an unrelated edge already uses, so parallel arrows stay apart.
 */
function routeEdges(boxes: Record<string, BoxGeometry>, edges: DiagramEdge[], width: number, height: number) {
  const c = METRICS.clearance;
  const BEND = 40;
  const PAIR_OFFSET = 18;
  const SIDE = 50;
  const SHARED = 400;
  const rects = Object.values(boxes);
  const inflated = rects.map((r) => ({
    id: r.id,
    x1: r.x - c,
    y1: r.y - c,
    x2: r.x + r.w + c,
    y2: r.y + r.h + c,
  }));

  // Candidate lines in order of priority: the clearance lines (ports end on them), the centres, the
  // lanes either side of a centre (for a pair of arrows in opposite directions), quarter points, gutter
  // centres. A line closer than SNAP to a line already taken is dropped, so that two arrows never run
  // a hair's breadth apart and read as one.
  const xs: number[][] = [[], [], [], [], []];
  const ys: number[][] = [[], [], [], [], []];
  for (const r of rects) {
    xs[0]!.push(r.x - c, r.x + r.w + c);
    ys[0]!.push(r.y - c, r.y + r.h + c);
    xs[1]!.push(r.x + r.w / 2);
    ys[1]!.push(r.y + r.h / 2);
    for (const d of [-PAIR_OFFSET, PAIR_OFFSET]) {
      xs[2]!.push(r.x + r.w / 2 + d);
      ys[2]!.push(r.y + r.h / 2 + d);
    }
    for (const k of [1, 3]) {
      xs[3]!.push(r.x + (r.w * k) / 4);
      ys[3]!.push(r.y + (r.h * k) / 4);
    }
  }
  for (const a of rects) {
    for (const b of rects) {
      if (a.x + a.w < b.x) xs[4]!.push((a.x + a.w + b.x) / 2);
      if (a.y + a.h < b.y) ys[4]!.push((a.y + a.h + b.y) / 2);
    }
  }
  xs[4]!.push(METRICS.margin / 2, width - METRICS.margin / 2);
  ys[4]!.push(METRICS.margin / 2, height - METRICS.margin / 2);
  const X = snapLines(xs);
  const Y = snapLines(ys);

  const inside = (x: number, y: number) => inflated.some((r) => x > r.x1 && x < r.x2 && y > r.y1 && y < r.y2);
  const blocked = (x1: number, y1: number, x2: number, y2: number, own?: string) =>
    inflated.some((r) =>
      r.id === own
        ? false
        : y1 === y2
          ? y1 > r.y1 && y1 < r.y2 && Math.max(x1, x2) > r.x1 && Math.min(x1, x2) < r.x2
          : x1 > r.x1 && x1 < r.x2 && Math.max(y1, y2) > r.y1 && Math.min(y1, y2) < r.y2,
    );

  // Grid nodes and their neighbours along each line.
  const nodeIndex = new Map<string, number>();
  const points: Point[] = [];
  for (const x of X) {
    for (const y of Y) {
      if (inside(x, y)) continue;
      nodeIndex.set(`${x},${y}`, points.length);
      points.push([x, y]);
    }
  }
  const neighbours: {
    to: number;
    horizontal: boolean;
    length: number;
    key: string;
  }[][] = points.map(() => []);
  const link = (a: number, b: number) => {
    const [x1, y1] = points[a]!;
    const [x2, y2] = points[b]!;
    if (blocked(x1, y1, x2, y2)) return;
    const horizontal = y1 === y2;
    const length = Math.abs(x2 - x1) + Math.abs(y2 - y1);
    const key = segmentKey(points[a]!, points[b]!);
    neighbours[a]!.push({ to: b, horizontal, length, key });
    neighbours[b]!.push({ to: a, horizontal, length, key });
  };
  for (const y of Y) {
    const row = X.map((x) => nodeIndex.get(`${x},${y}`)).filter((i): i is number => i !== undefined);
    for (let i = 1; i < row.length; i++) link(row[i - 1]!, row[i]!);
  }
  for (const x of X) {
    const col = Y.map((y) => nodeIndex.get(`${x},${y}`)).filter((i): i is number => i !== undefined);
    for (let i = 1; i < col.length; i++) link(col[i - 1]!, col[i]!);
  }

  /** Points where an arrow may meet a box: candidate lines crossing its sides, clear of the corners. */
  const portsOf = (box: BoxGeometry, preferred: number, towards: Rect) => {
    // Sides turned away from the other box cost extra, so arrows do not wrap around their own box.
    const dx = towards.x + towards.w / 2 - (box.x + box.w / 2);
    const dy = towards.y + towards.h / 2 - (box.y + box.h / 2);
    const facing = (side: Side) =>
      side === "left" ? dx < 0 : side === "right" ? dx > 0 : side === "top" ? dy < 0 : dy > 0;
    const ports: {
      port: Point;
      outside: number;
      horizontal: boolean;
      cost: number;
    }[] = [];
    const add = (port: Point, out: Point, side: Side) => {
      const outside = nodeIndex.get(`${out[0]},${out[1]}`);
      if (outside === undefined || blocked(port[0], port[1], out[0], out[1], box.id)) return;
      const horizontal = side === "left" || side === "right";
      // Arrows prefer the middle of a side, or their lane beside it when paired with a reverse arrow.
      const offset = horizontal ? port[1] - (box.y + box.h / 2) : port[0] - (box.x + box.w / 2);
      ports.push({
        port,
        outside,
        horizontal,
        cost: c + Math.abs(offset - preferred) * 0.25 + (facing(side) ? 0 : SIDE),
      });
    };
    for (const x of X) {
      if (x < box.x + 16 || x > box.x + box.w - 16) continue;
      add([x, round(box.y)], [x, round(box.y - c)], "top");
      add([x, round(box.y + box.h)], [x, round(box.y + box.h + c)], "bottom");
    }
    for (const y of Y) {
      if (y < box.y + 16 || y > box.y + box.h - 16) continue;
      add([round(box.x), y], [round(box.x - c), y], "left");
      add([round(box.x + box.w), y], [round(box.x + box.w + c), y], "right");
    }
    return ports;
  };

  const used = new Map<string, { from: string; to: string }[]>();
  const penalty = (key: string, from: string, to: string) =>
    (used.get(key) ?? []).some((u) => u.from !== from && u.to !== to) ? SHARED : 0;
  const use = (a: Point, b: Point, from: string, to: string) => {
    const key = segmentKey(a, b);
    used.set(key, [...(used.get(key) ?? []), { from, to }]);
  };

  const centre = (b: Rect): Point => [b.x + b.w / 2, b.y + b.h / 2];
  const order = edges
    .map((edge, i) => ({ edge, i }))
    .filter(({ edge }) => edge.from !== edge.to && boxes[edge.from] && boxes[edge.to])
    .sort((a, b) => {
      const d = (e: DiagramEdge) => {
        const [x1, y1] = centre(boxes[e.from]!);
        const [x2, y2] = centre(boxes[e.to]!);
        return Math.abs(x1 - x2) + Math.abs(y1 - y2);
      };
      return d(a.edge) - d(b.edge) || a.i - b.i;
    });

  const pairs = new Set(edges.map((e) => `${e.from}\u0000${e.to}`));
  const routes = new Map<number, Point[]>();
  for (const { edge, i } of order) {
    const from = boxes[edge.from]!;
    const to = boxes[edge.to]!;
    const reversed = pairs.has(`${edge.to}\u0000${edge.from}`);
    const lane = reversed ? (edge.from < edge.to ? -PAIR_OFFSET : PAIR_OFFSET) : 0;
    const starts = portsOf(from, lane, to);
    const ends = portsOf(to, lane, from);
    // Dijkstra over (grid node, direction of travel): state = node * 2 + (vertical ? 1 : 0).
    const states = points.length * 2;
    const dist = new Float64Array(states).fill(Infinity);
    const prev = new Int32Array(states).fill(-1);
    const startOf = new Map<number, Point>();
    const done = new Uint8Array(states);
    for (const s of starts) {
      const state = s.outside * 2 + (s.horizontal ? 0 : 1);
      const cost = s.cost + penalty(segmentKey(s.port, points[s.outside]!), edge.from, edge.to);
      if (cost < dist[state]!) {
        dist[state] = cost;
        startOf.set(state, s.port);
      }
    }
    const goals = new Map<number, { port: Point; cost: number }>();
    for (const e of ends) {
      const state = e.outside * 2 + (e.horizontal ? 0 : 1);
      if (!goals.has(state) || goals.get(state)!.cost > e.cost) goals.set(state, { port: e.port, cost: e.cost });
    }

    const queue = new MinHeap();
    for (const state of startOf.keys()) queue.push(dist[state]!, state);
    const relax = (v: number, cost: number, from: number) => {
      if (cost < dist[v]!) {
        dist[v] = cost;
        prev[v] = from;
        queue.push(cost, v);
      }
    };
    let best = Infinity;
    let bestState = -1;
    for (;;) {
      const item = queue.pop();
      if (!item) break;
      const [du, u] = item;
      if (du >= best) break;
      if (done[u] || du > dist[u]!) continue;
      done[u] = 1;
      const node = u >> 1;
      const horizontalNow = (u & 1) === 0;
      const goal = goals.get(u);
      if (goal) {
        const total = du + goal.cost + penalty(segmentKey(points[node]!, goal.port), edge.from, edge.to);
        if (total < best) {
          best = total;
          bestState = u;
        }
      }
      // Turning on the spot costs a bend.
      relax(node * 2 + (horizontalNow ? 1 : 0), du + BEND, u);
      for (const n of neighbours[node]!) {
        if (n.horizontal !== horizontalNow) continue;
        relax(n.to * 2 + (horizontalNow ? 0 : 1), du + n.length + penalty(n.key, edge.from, edge.to), u);
      }
    }
    if (bestState < 0) {
      // No clear path (cannot happen with the gutters above): draw a straight line between centres.
      routes.set(i, [centre(from), centre(to)]);
      continue;
    }
    const path: Point[] = [goals.get(bestState)!.port];
    let s = bestState;
    for (;;) {
      path.push(points[s >> 1]!);
      if (prev[s]! < 0) break;
      s = prev[s]!;
    }
    path.push(startOf.get(s)!);
    path.reverse();
    const simple = simplify(path);
    for (let k = 1; k < path.length; k++) {
      if (path[k - 1]![0] !== path[k]![0] || path[k - 1]![1] !== path[k]![1]) {
        // Mark every grid segment along the path, so later edges see each piece as taken.
        markSegments(path[k - 1]!, path[k]!, X, Y, (a, b) => use(a, b, edge.from, edge.to));
      }
    }
    routes.set(i, simple);
  }

  return edges.map((edge, i): RouteGeometry => ({ ...edge, points: routes.get(i) ?? [] }));
}

/** A binary min-heap of (priority, value) pairs; ties pop in insertion order for determinism. */
class MinHeap {
  private items: [number, number, number][] = [];
  private count = 0;

  push(priority: number, value: number) {
    const items = this.items;
    items.push([priority, this.count++, value]);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): [number, number] | undefined {
    const items = this.items;
    const top = items[0];
    if (!top) return undefined;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && less(items[l]!, items[m]!)) m = l;
        if (r < items.length && less(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return [top[0], top[2]];
  }
}

function less(a: [number, number, number], b: [number, number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

const SNAP = 7;

/** Sorted candidate lines: each priority group's values, minus any within SNAP of one kept before. */
function snapLines(groups: number[][]): number[] {
  const kept: number[] = [];
  for (const group of groups) {
    for (const v of [...group].map(round).sort((a, b) => a - b)) {
      if (!kept.some((k) => Math.abs(k - v) < SNAP)) kept.push(v);
    }
  }
  return kept.sort((a, b) => a - b);
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

function segmentKey(a: Point, b: Point): string {
  const [p, q] = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? [a, b] : [b, a];
  return `${p[0]},${p[1]}-${q[0]},${q[1]}`;
}

/** Calls `mark` for each piece of the segment a–b between consecutive grid lines. */
function markSegments(a: Point, b: Point, X: number[], Y: number[], mark: (p: Point, q: Point) => void) {
  if (a[1] === b[1]) {
    const lo = Math.min(a[0], b[0]);
    const hi = Math.max(a[0], b[0]);
    const stops = [lo, ...X.filter((x) => x > lo && x < hi), hi];
    for (let i = 1; i < stops.length; i++) mark([stops[i - 1]!, a[1]], [stops[i]!, a[1]]);
  } else {
    const lo = Math.min(a[1], b[1]);
    const hi = Math.max(a[1], b[1]);
    const stops = [lo, ...Y.filter((y) => y > lo && y < hi), hi];
    for (let i = 1; i < stops.length; i++) mark([a[0], stops[i - 1]!], [a[0], stops[i]!]);
  }
}

/** Drops repeated and collinear middle points. */
function simplify(path: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of path) {
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    const before = out[out.length - 2];
    if (
      before &&
      last &&
      ((before[0] === last[0] && last[0] === p[0]) || (before[1] === last[1] && last[1] === p[1]))
    ) {
      out[out.length - 1] = p;
    } else {
      out.push(p);
    }
  }
  return out;
}

/** Boxes and arrow routes for a graph (by default the initiative machine's). Deterministic. */
export function diagramGeometry(graph: LifecycleGraph = lifecycleGraph()): DiagramGeometry {
  const { boxes, width, height } = placeBoxes(graph);
  return {
    width,
    height,
    boxes,
    routes: routeEdges(boxes, graph.edges, width, height),
  };
}

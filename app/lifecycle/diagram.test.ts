import { describe, expect, it } from "vitest";
import { createMachine, type AnyStateMachine } from "xstate";
import {
  activeStateIds,
  diagramGeometry,
  eventLabel,
  layoutOf,
  lifecycleGraph,
  missingRoutes,
  type DiagramGeometry,
  type Rect,
} from "./diagram.ts";
import { ROUTES, routeKey } from "./diagram-routes.ts";
import {
  initiativeMachine,
  STAGES,
  type Actor,
  type InitiativeEvent,
  type StoredProposal,
} from "./initiative.machine.ts";
import { applyEvent, createInitialSnapshot, type InitiativeSnapshot } from "./snapshot.ts";

// ---------------------------------------------------------------------------------------------------
// What the machine definition says, read independently of diagram.ts (from `definition` and `config`)
// ---------------------------------------------------------------------------------------------------

type DefinitionNode = {
  id: string;
  type: string;
  states: Record<string, DefinitionNode>;
  transitions: { eventType: string; target?: string[] }[];
};
type ConfigNode = { always?: unknown; states?: Record<string, ConfigNode> };

const ROOT_PREFIX = `${initiativeMachine.id}.`;
const pathOf = (definitionId: string) => definitionId.replace(/^#/, "").slice(ROOT_PREFIX.length);
const topOf = (path: string) => path.split(".")[0]!;

// The definition as JSON: transitions name their targets by id (`#initiative.returned`).
const DEFINITION = JSON.parse(JSON.stringify(initiativeMachine.definition)) as DefinitionNode;

function definitionNodes(node: DefinitionNode = DEFINITION) {
  const out: DefinitionNode[] = [];
  for (const child of Object.values(node.states)) out.push(child, ...definitionNodes(child));
  return out;
}

/** Every transition as [from top-level state, to top-level state, event label]. */
function definedTransitions(): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const node of definitionNodes()) {
    const from = topOf(pathOf(node.id));
    for (const t of node.transitions) {
      const label = t.eventType.startsWith("xstate.done.state.") ? "done" : t.eventType;
      if (!t.target || t.target.length === 0) out.push([from, from, label]);
      for (const target of t.target ?? []) out.push([from, topOf(pathOf(target)), label]);
    }
  }
  // Eventless transitions are not in `definition.transitions`: read them from the config as written.
  const walk = (states: Record<string, ConfigNode>, top: string | null) => {
    for (const [key, config] of Object.entries(states)) {
      const from = top ?? key;
      const always = config.always ? ([] as unknown[]).concat(config.always) : [];
      for (const t of always) {
        const target = typeof t === "string" ? t : (t as { target?: string }).target;
        // A plain key is a sibling (same top-level state); `#initiative.x` is absolute.
        const to = target?.startsWith("#") ? topOf(pathOf(target)) : top === null && target ? target : from;
        out.push([from, to, "always"]);
      }
      if (config.states) walk(config.states, from);
    }
  };
  walk((initiativeMachine.config as { states: Record<string, ConfigNode> }).states, null);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Driving the machine
// ---------------------------------------------------------------------------------------------------

const officer: Actor = { id: "u-officer", role: "OFFICER", bureauCode: "ITIB" };
const dg: Actor = { id: "u-dg", role: "REVIEWER", division: "DIGITAL_GOVERNMENT" };
const dgov: Actor = { id: "u-dgov", role: "REVIEWER", division: "DATA_GOVERNANCE" };

const base: StoredProposal = {
  titleEn: "e-Licensing Portal",
  titleZh: "電子牌照平台",
  category: "AI_AUTOMATION",
  leadDivision: "DIGITAL_GOVERNMENT",
  summary: "One portal for licence applications.",
  handlesPersonalData: false,
  sharesDataAcrossBureaux: false,
  needsNewInfrastructure: false,
  citizenFacing: false,
  nonRecurrentCost: 5_000_000,
  recurrentCost: 1_000_000,
  expectedAnnualSavings: 2_000_000,
  expectedStaffHoursSaved: 5_000,
  plannedStart: "2026-04-01",
  plannedEnd: "2027-12-31",
  milestones: [{ id: "m1", name: "Pilot live", due: "2026-12-31" }],
};
/** Lead Data Governance with Digital Infrastructure; Digital Government not required. */
const MIXED: StoredProposal = {
  ...base,
  category: "DATA_SHARING",
  leadDivision: "DATA_GOVERNANCE",
  sharesDataAcrossBureaux: true,
  needsNewInfrastructure: true,
};

function drive(...events: InitiativeEvent[]): InitiativeSnapshot {
  return events.reduce(
    (snap, event) => {
      const result = applyEvent(snap, event);
      if (!result.ok) throw new Error(`${event.type} refused in ${JSON.stringify(snap.value)}`);
      return result.snapshot;
    },
    createInitialSnapshot({ bureauCode: "ITIB" }),
  );
}

const submit = (proposal: StoredProposal): InitiativeEvent => ({ type: "SUBMIT", actor: officer, proposal });
const approve = (actor: Actor): InitiativeEvent => ({ type: "APPROVE", actor, comment: "Fine." });
const fund: InitiativeEvent = {
  type: "APPROVE_FUNDING",
  actor: dg,
  amount: 5_000_000,
  blockAllocationLimit: 20_000_000,
};
const pause: InitiativeEvent = {
  type: "PAUSE",
  actor: officer,
  reason: "Vendor change.",
  reasonCode: "OTHER",
};

// ---------------------------------------------------------------------------------------------------

describe("lifecycleGraph", () => {
  const graph = lifecycleGraph();
  const ids = graph.nodes.map((n) => n.id);

  it("has every state node of the machine, once, with its kind, parent and depth", () => {
    const defined = definitionNodes();
    expect(ids).toHaveLength(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set(defined.map((n) => pathOf(n.id))));
    for (const def of defined) {
      const path = pathOf(def.id);
      const node = graph.nodes.find((n) => n.id === path)!;
      expect(node.kind).toBe(def.type);
      expect(node.depth).toBe(path.split(".").length - 1);
      expect(node.parent).toBe(path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : null);
    }
    expect(ids).toContain("efficiencyReview.dataGovernance.pending");
    expect(graph.nodes.filter((n) => n.depth === 0).map((n) => n.id)).toEqual([...STAGES]);
  });

  it("has an edge with its event for every transition in the machine definition", () => {
    const transitions = definedTransitions();
    expect(transitions.length).toBeGreaterThan(40);
    for (const [from, to, event] of transitions) {
      const edge = graph.edges.find((e) => e.from === from && e.to === to);
      expect(edge, `${from} → ${to}`).toBeDefined();
      expect(edge!.events, `${from} → ${to}`).toContain(event);
    }
    // …and nothing else: each edge event comes from some transition.
    for (const edge of graph.edges) {
      for (const event of edge.events) {
        expect(transitions).toContainEqual([edge.from, edge.to, event]);
      }
    }
  });

  it("aggregates to top-level states, one edge per pair", () => {
    const keys = graph.edges.map((e) => `${e.from}->${e.to}`);
    expect(keys).toHaveLength(new Set(keys).size);
    const edge = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to)?.events;
    expect(edge("efficiencyReview", "returned")).toEqual(["REQUEST_CHANGES"]);
    expect(edge("efficiencyReview", "rejected")).toEqual(["REJECT"]);
    expect(edge("efficiencyReview", "fundingReview")).toEqual(["done"]);
    expect(edge("delivery", "benefitsReview")).toEqual(["COMPLETE"]);
    expect(edge("delivery", "delivery")).toEqual(expect.arrayContaining(["REPORT_PROGRESS", "PAUSE", "RESUME"]));
    expect(edge("efficiencyReview", "efficiencyReview")).toEqual(
      expect.arrayContaining(["APPROVE", "APPROVE_WITH_CONDITIONS", "always"]),
    );
    expect(edge("fundingReview", "awaitingFinanceCommittee")).toEqual(["REFER_TO_FINANCE_COMMITTEE"]);
    for (const final of ["rejected", "withdrawn", "closed"]) {
      expect(graph.edges.filter((e) => e.from === final)).toEqual([]);
    }
  });

  it("picks up a state and a transition added to the machine", () => {
    const config = initiativeMachine.config as unknown as { states: Record<string, unknown> };
    const extended: AnyStateMachine = createMachine({
      ...(initiativeMachine.config as object),
      states: {
        ...config.states,
        closed: { on: { ARCHIVE: "archived" } },
        archived: { type: "final", after: { 1000: "closed" } },
      },
    } as never);
    const graph = lifecycleGraph(extended);
    expect(graph.nodes).toContainEqual({ id: "archived", parent: null, kind: "final", depth: 0 });
    expect(graph.edges).toContainEqual({ from: "closed", to: "archived", events: ["ARCHIVE"] });
    expect(graph.edges).toContainEqual({ from: "archived", to: "closed", events: ["after 1000"] });
    const layout = layoutOf(graph.nodes);
    expect(layout.archived!.row).toBeGreaterThan(Math.max(...STAGES.map((s) => layout[s]!.row)));
    const geometry = diagramGeometry(graph);
    expect(geometry.boxes.archived).toBeDefined();
    // Its arrows are not drawn until someone draws their routes, and the check below names them.
    expect(missingRoutes(graph)).toEqual(["closed → archived", "archived → closed"]);
    expect(geometry.routes.find((r) => r.from === "closed" && r.to === "archived")!.points).toEqual([]);
  });

  it("names built-in events", () => {
    expect(eventLabel("xstate.done.state.initiative.efficiencyReview")).toBe("done");
    expect(eventLabel("xstate.after.5000.initiative.x")).toBe("after 5000");
    expect(eventLabel("")).toBe("always");
    expect(eventLabel("SUBMIT")).toBe("SUBMIT");
  });
});

describe("activeStateIds", () => {
  const known = new Set(lifecycleGraph().nodes.map((n) => n.id));

  it("reads a draft", () => {
    expect(activeStateIds(createInitialSnapshot({ bureauCode: "ITIB" }).value)).toEqual(["draft"]);
  });

  it("reads every region of an efficiency review, parents first", () => {
    const snap = drive(submit(MIXED), approve(dgov));
    expect(activeStateIds(snap.value)).toEqual([
      "efficiencyReview",
      "efficiencyReview.digitalGovernment",
      "efficiencyReview.digitalGovernment.notRequired",
      "efficiencyReview.dataGovernance",
      "efficiencyReview.dataGovernance.approved",
      "efficiencyReview.digitalInfrastructure",
      "efficiencyReview.digitalInfrastructure.pending",
    ]);
  });

  it("reads delivery substates and plain stages", () => {
    const funded = drive(submit(base), approve(dg));
    expect(activeStateIds(funded.value)).toEqual(["fundingReview"]);
    const delivering = drive(submit(base), approve(dg), fund);
    expect(activeStateIds(delivering.value)).toEqual([
      "delivery",
      "delivery.work",
      "delivery.work.inProgress",
      "delivery.change",
      "delivery.change.none",
    ]);
    const held = drive(submit(base), approve(dg), fund, pause);
    expect(activeStateIds(held.value)).toEqual([
      "delivery",
      "delivery.work",
      "delivery.work.onHold",
      "delivery.change",
      "delivery.change.none",
    ]);
    for (const snap of [funded, delivering, held]) {
      for (const id of activeStateIds(snap.value)) expect(known.has(id)).toBe(true);
    }
  });

  it("yields nothing for a missing value", () => {
    expect(activeStateIds(null)).toEqual([]);
    expect(activeStateIds(undefined)).toEqual([]);
    expect(activeStateIds(42)).toEqual([]);
  });
});

describe("layoutOf", () => {
  it("puts the main path on one row, left to right, and the side states off it", () => {
    const layout = layoutOf(lifecycleGraph().nodes);
    const main = ["draft", "efficiencyReview", "fundingReview", "delivery", "benefitsReview", "closed"];
    const row = layout.draft!.row;
    main.forEach((id, i) => {
      expect(layout[id]!.row).toBe(row);
      if (i > 0) expect(layout[id]!.col).toBeGreaterThan(layout[main[i - 1]!]!.col);
    });
    for (const side of ["returned", "deferred", "awaitingFinanceCommittee", "rejected", "withdrawn"]) {
      expect(layout[side]!.row).not.toBe(row);
    }
    const maxRow = Math.max(...Object.values(layout).map((p) => p.row));
    expect(layout.rejected!.row).toBe(maxRow);
    expect(layout.withdrawn!.row).toBe(maxRow);
    expect(Object.keys(layout).sort()).toEqual([...STAGES].sort());
  });
});

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function onBorder([x, y]: readonly [number, number], r: Rect): boolean {
  const withinX = x >= r.x && x <= r.x + r.w;
  const withinY = y >= r.y && y <= r.y + r.h;
  return ((x === r.x || x === r.x + r.w) && withinY) || ((y === r.y || y === r.y + r.h) && withinX);
}

/** Routes are orthogonal, run from border to border, and cross no box. */
function expectClearRoutes(geometry: DiagramGeometry) {
  const boxes = Object.values(geometry.boxes);
  for (const route of geometry.routes) {
    if (route.from === route.to) {
      expect(route.points).toEqual([]);
      continue;
    }
    const name = `${route.from} → ${route.to}`;
    expect(route.points.length, name).toBeGreaterThanOrEqual(2);
    expect(onBorder(route.points[0]!, geometry.boxes[route.from]!), name).toBe(true);
    expect(onBorder(route.points.at(-1)!, geometry.boxes[route.to]!), name).toBe(true);
    for (let i = 1; i < route.points.length; i++) {
      const [x1, y1] = route.points[i - 1]!;
      const [x2, y2] = route.points[i]!;
      expect(x1 === x2 || y1 === y2, name).toBe(true);
      for (const box of boxes) {
        // A segment may touch its own ends' borders, never pass through a box's inside.
        const crosses =
          Math.max(x1, x2) > box.x &&
          Math.min(x1, x2) < box.x + box.w &&
          Math.max(y1, y2) > box.y &&
          Math.min(y1, y2) < box.y + box.h;
        expect(crosses, `${name} crosses ${box.id}`).toBe(false);
      }
    }
  }
}

describe("diagramGeometry", () => {
  const geometry = diagramGeometry();

  it("gives every top-level state a box, none overlapping, all inside the canvas", () => {
    const boxes = Object.values(geometry.boxes);
    expect(boxes.map((b) => b.id).sort()).toEqual([...STAGES].sort());
    for (const a of boxes) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y).toBeGreaterThanOrEqual(0);
      expect(a.x + a.w).toBeLessThanOrEqual(geometry.width);
      expect(a.y + a.h).toBeLessThanOrEqual(geometry.height);
      for (const b of boxes) if (a !== b) expect(overlaps(a, b), `${a.id} and ${b.id}`).toBe(false);
      for (const row of a.rows) {
        expect(row.x).toBeGreaterThan(a.x);
        expect(row.x + row.w).toBeLessThan(a.x + a.w);
        expect(row.y).toBeGreaterThan(a.y);
        expect(row.y + row.h).toBeLessThan(a.y + a.h);
      }
    }
    expect(geometry.boxes.efficiencyReview!.rows.map((r) => r.id)).toEqual([
      "efficiencyReview.digitalGovernment",
      "efficiencyReview.dataGovernance",
      "efficiencyReview.digitalInfrastructure",
    ]);
    // Delivery's two regions: the work (in progress or on hold) and the change request beside it.
    expect(geometry.boxes.delivery!.rows.map((r) => r.id)).toEqual(["delivery.work", "delivery.change"]);
  });

  it("has a drawn route for every transition between two states of the machine", () => {
    // Fails when the machine gains a transition: draw its arrow in diagram-routes.ts.
    expect(missingRoutes()).toEqual([]);
  });

  it("has no route left over for a transition the machine no longer has", () => {
    const edges = new Set(lifecycleGraph().edges.map((e) => routeKey(e.from, e.to)));
    expect(Object.keys(ROUTES).filter((key) => !edges.has(key))).toEqual([]);
  });

  it("routes every edge clear of the boxes", () => {
    expect(geometry.routes).toHaveLength(lifecycleGraph().edges.length);
    expectClearRoutes(geometry);
  });

  it("keeps a pair of opposite arrows apart", () => {
    const there = geometry.routes.find((r) => r.from === "efficiencyReview" && r.to === "returned")!;
    const back = geometry.routes.find((r) => r.from === "returned" && r.to === "efficiencyReview")!;
    expect(there.points[0]![0]).not.toBe(back.points.at(-1)![0]);
  });

  it("is deterministic", () => {
    expect(diagramGeometry()).toEqual(geometry);
  });
});

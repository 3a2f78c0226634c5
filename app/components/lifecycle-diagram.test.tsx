// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from "@testing-library/react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { LocaleProvider } from "~/i18n/use-t.ts";
import { lifecycleGraph } from "~/lifecycle/diagram.ts";
import type { Actor, InitiativeEvent, StoredProposal } from "~/lifecycle/initiative.machine.ts";
import { applyEvent, createInitialSnapshot, signoffsOf, type InitiativeSnapshot } from "~/lifecycle/snapshot.ts";
import { LifecycleDiagram } from "./lifecycle-diagram.tsx";

const officer: Actor = { id: "u-officer", role: "OFFICER", bureauCode: "ITIB" };
const dg: Actor = { id: "u-dg", role: "REVIEWER", division: "DIGITAL_GOVERNMENT" };
const dgov: Actor = { id: "u-dgov", role: "REVIEWER", division: "DATA_GOVERNANCE" };

/** Lead Data Governance with Digital Infrastructure; Digital Government not required. HK$5M. */
const MIXED: StoredProposal = {
  titleEn: "Cross-bureau data hub",
  titleZh: "跨部門數據平台",
  category: "DATA_SHARING",
  leadDivision: "DATA_GOVERNANCE",
  summary: "Share data between bureaux.",
  handlesPersonalData: false,
  sharesDataAcrossBureaux: true,
  needsNewInfrastructure: true,
  citizenFacing: false,
  nonRecurrentCost: 5_000_000,
  recurrentCost: 1_000_000,
  expectedAnnualSavings: 2_000_000,
  expectedStaffHoursSaved: 5_000,
  plannedStart: "2026-04-01",
  plannedEnd: "2027-12-31",
  milestones: [{ id: "m1", name: "Hub live", due: "2026-12-31" }],
};
const LEAD_ONLY: StoredProposal = {
  ...MIXED,
  leadDivision: "DIGITAL_GOVERNMENT",
  sharesDataAcrossBureaux: false,
  needsNewInfrastructure: false,
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

/** Efficiency review: Digital Government not required, Data Governance approved, Digital Infrastructure pending. */
const inReview = drive(
  { type: "SUBMIT", actor: officer, proposal: MIXED },
  { type: "APPROVE", actor: dgov, comment: "Fine." },
);
const onHold = drive(
  { type: "SUBMIT", actor: officer, proposal: LEAD_ONLY },
  { type: "APPROVE", actor: dg, comment: "Fine." },
  { type: "APPROVE_FUNDING", actor: dg, amount: 5_000_000, blockAllocationLimit: 20_000_000 },
  { type: "PAUSE", actor: officer, reason: "Vendor change.", reasonCode: "OTHER" },
);

const stateGroup = (container: HTMLElement, id: string) => {
  const el = container.querySelector(`[data-state="${id}"]`);
  if (!el) throw new Error(`no element for ${id}`);
  return el as HTMLElement;
};

afterEach(cleanup);

describe("LifecycleDiagram", () => {
  it("says in words which state is current, and marks it", () => {
    const { container } = render(<LifecycleDiagram value={inReview.value} />);
    const svg = screen.getByRole("img", { name: /Lifecycle of this initiative/ });
    const [titleId, descId] = svg.getAttribute("aria-labelledby")!.split(" ");
    expect(container.querySelector(`[id="${titleId}"]`)!.textContent).toBe("Lifecycle of this initiative");
    expect(container.querySelector(`[id="${descId}"]`)!.textContent).toBe(
      "Current state: Efficiency review — Digital Government: Not required; Data Governance: Approved; " +
        "Digital Infrastructure: Pending.",
    );

    const current = container.querySelectorAll(".lifecycle-node--current");
    expect(current).toHaveLength(1);
    expect(current[0]!.getAttribute("data-state")).toBe("efficiencyReview");
    expect(current[0]!.textContent).toContain("▶ Current");
    expect(stateGroup(container, "draft").classList.contains("lifecycle-node--current")).toBe(false);
    expect(stateGroup(container, "draft").textContent).not.toContain("Current");
  });

  it("shows each region's substate in the efficiency-review box", () => {
    const { container } = render(<LifecycleDiagram value={inReview.value} />);
    const region = (key: string) => stateGroup(container, `efficiencyReview.${key}`);
    expect(region("digitalGovernment").classList).toContain("lifecycle-row--notRequired");
    expect(region("digitalGovernment").textContent).toBe("Digital GovernmentNot required");
    expect(region("dataGovernance").classList).toContain("lifecycle-row--approved");
    expect(region("dataGovernance").textContent).toBe("Data Governance✓ Approved");
    expect(region("digitalInfrastructure").classList).toContain("lifecycle-row--pending");
    expect(region("digitalInfrastructure").textContent).toBe("Digital InfrastructurePending");
    for (const key of ["digitalGovernment", "dataGovernance", "digitalInfrastructure"]) {
      expect(region(key).classList).toContain("lifecycle-row--current");
    }
  });

  it("marks the delivery substate, and shows sign-offs passed in once review is over", () => {
    const { container } = render(<LifecycleDiagram value={onHold.value} signoffs={signoffsOf(onHold)} />);
    expect(stateGroup(container, "delivery").classList).toContain("lifecycle-node--current");
    // Delivery's regions: the work on hold, and no change request open beside it.
    expect(stateGroup(container, "delivery.work").classList).toContain("lifecycle-row--current");
    expect(stateGroup(container, "delivery.work").textContent).toBe("WorkOn hold");
    expect(stateGroup(container, "delivery.change").textContent).toBe("Change requestNone open");
    expect(
      screen.getByRole("img", { name: /Current state: Delivery — Work: On hold; Change request: None open\./ }),
    ).toBeTruthy();
    // Not in review: the regions show the sign-offs given, without the current marking.
    const region = stateGroup(container, "efficiencyReview.digitalGovernment");
    expect(region.textContent).toBe("Digital Government✓ Approved");
    expect(region.classList).not.toContain("lifecycle-row--current");
    expect(stateGroup(container, "efficiencyReview.dataGovernance").textContent).toBe("Data GovernanceNot required");
  });

  it("draws final states with a double border and every transition as an arrow", () => {
    const { container } = render(<LifecycleDiagram value="closed" />);
    for (const id of ["rejected", "withdrawn", "closed"]) {
      expect(stateGroup(container, id).querySelector(".lifecycle-box-inner")).not.toBeNull();
    }
    expect(stateGroup(container, "draft").querySelector(".lifecycle-box-inner")).toBeNull();
    const edges = container.querySelectorAll("path.lifecycle-edge");
    expect(edges).toHaveLength(lifecycleGraph().edges.length);
    const markers = new Set([...container.querySelectorAll("marker")].map((m) => m.id));
    for (const edge of edges) {
      expect(edge.getAttribute("d")).toMatch(/^M/);
      const ref = /^url\(#(.+)\)$/.exec(edge.getAttribute("marker-end") ?? "")?.[1];
      expect(markers.has(ref!)).toBe(true);
    }
    expect(stateGroup(container, "closed").textContent).toContain("▶ Current");
  });

  it("lists the transitions as text", () => {
    const { container } = render(<LifecycleDiagram value="draft" />);
    const details = container.querySelector("details.lifecycle-text")!;
    expect(within(details as HTMLElement).getByText("The lifecycle as text").tagName).toBe("SUMMARY");
    const items = [...details.querySelectorAll("li")].map((li) => li.textContent);
    expect(items).toHaveLength(lifecycleGraph().edges.length);
    expect(items).toContain("Draft → Efficiency review: Submitted (SUBMIT)");
    expect(items).toContain("Efficiency review → Funding review: every sign-off complete");
    expect(items).toContain("Delivery → Benefits review: Delivery completed (COMPLETE)");
    expect(items.find((i) => i!.startsWith("Delivery (stays in this stage):"))).toContain("PAUSE");
    expect(details.querySelector("p")!.textContent).toBe("Current state: Draft.");
  });

  it("renders in Traditional Chinese", () => {
    const { container } = render(
      <LocaleProvider value="zh-Hant">
        <LifecycleDiagram value={inReview.value} />
      </LocaleProvider>,
    );
    expect(stateGroup(container, "efficiencyReview").querySelector(".lifecycle-label")!.textContent).toBe("效率審核");
    expect(stateGroup(container, "awaitingFinanceCommittee").querySelectorAll(".lifecycle-label tspan")).toHaveLength(
      1,
    );
    expect(stateGroup(container, "efficiencyReview.dataGovernance").textContent).toBe("數據治理✓ 已批准");
    expect(stateGroup(container, "efficiencyReview").textContent).toContain("▶ 目前");
    expect(
      screen.getByRole("img", {
        name: /目前狀態：效率審核 — 數字政府：無須審批；數據治理：已批准；數字基建：待審批。/,
      }),
    ).toBeTruthy();
    expect(container.querySelector("summary")!.textContent).toBe("以文字顯示生命周期");
  });

  it("wraps a long English name onto two lines inside its box", () => {
    const { container } = render(<LifecycleDiagram value="draft" />);
    const lines = [...stateGroup(container, "awaitingFinanceCommittee").querySelectorAll(".lifecycle-label tspan")];
    expect(lines.map((l) => l.textContent)).toEqual(["Awaiting Finance", "Committee"]);
  });

  it("shades states by a heat value and prints it", () => {
    const { container } = render(<LifecycleDiagram heat={{ draft: 3, efficiencyReview: "12 d", delivery: "210 d" }} />);
    expect(stateGroup(container, "delivery").classList).toContain("lifecycle-heat-5");
    expect(stateGroup(container, "delivery").textContent).toContain("210 d");
    expect(stateGroup(container, "draft").classList).toContain("lifecycle-heat-1");
    expect(stateGroup(container, "draft").textContent).toContain("3");
    expect(stateGroup(container, "closed").classList).not.toContain("lifecycle-heat");
    expect(container.querySelectorAll(".lifecycle-node--current")).toHaveLength(0);
    expect(screen.getByRole("img", { name: /Draft: 3; Efficiency review: 12 d; Delivery: 210 d/ })).toBeTruthy();
  });

  it("gives each diagram on a page its own ids", () => {
    const { container } = render(
      <>
        <LifecycleDiagram value="draft" />
        <LifecycleDiagram value="closed" />
      </>,
    );
    const ids = [...container.querySelectorAll("[id]")].map((el) => el.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("hydrates the server's HTML without a mismatch", async () => {
    const ui = (
      <LocaleProvider value="zh-Hant">
        <LifecycleDiagram value={onHold.value} signoffs={signoffsOf(onHold)} heat={{ delivery: 4 }} />
      </LocaleProvider>
    );
    const html = renderToString(ui);
    const host = document.createElement("div");
    host.innerHTML = html;
    document.body.appendChild(host);
    // A mismatch would be reported through console.error, which fails the test.
    await act(async () => {
      hydrateRoot(host, ui);
    });
    expect(host.innerHTML).toBe(html);
    host.remove();
  });
});

// @vitest-environment happy-dom
// The reviewer's decision form and the funding panel in the browser (JavaScript on): react-hook-form with
// the event schemas validates before anything is posted, shows only what the chosen decision needs, and
// posts the field names the initiative page's action reads.
import { createRemixStub } from "@remix-run/testing";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { FundingDecisionPanel, type FundingPanelView } from "./funding-decision-panel.tsx";
import { ReviewDecisionForm, type ReviewDecisionView } from "./review-decision-form.tsx";

afterEach(cleanup);

function mount(component: () => ReactNode) {
  const posted: FormData[] = [];
  const Stub = createRemixStub([
    {
      path: "/",
      Component: component,
      action: async ({ request }) => {
        posted.push(await request.formData());
        return null;
      },
    },
  ]);
  render(<Stub />);
  return { posted };
}

const REVIEW_VIEW: ReviewDecisionView = {
  ref: "DPO-2026-0042",
  version: 3,
  round: 2,
  signoffs: { DIGITAL_GOVERNMENT: "pending", DATA_GOVERNANCE: "approved", DIGITAL_INFRASTRUCTURE: "notRequired" },
  signoffHistory: [
    {
      round: 1,
      division: "DATA_GOVERNANCE",
      decision: "CHANGES_REQUESTED",
      reviewer: "Cheung Hoi Lam",
      decidedAt: "2026-11-02T02:00:00.000Z",
      comment: null,
    },
    {
      round: 2,
      division: "DATA_GOVERNANCE",
      decision: "APPROVED_WITH_CONDITIONS",
      reviewer: "Cheung Hoi Lam",
      decidedAt: "2026-11-20T02:00:00.000Z",
      comment: "Fine now.",
    },
  ],
  conditions: [
    { id: "C1", text: "Privacy impact assessment", division: "DATA_GOVERNANCE", round: 2, due: "2027-03-31" },
  ],
};

function review(props: { serverErrors?: Record<string, string[]>; serverValues?: Record<string, string> } = {}) {
  return mount(() => (
    <ReviewDecisionForm
      view={REVIEW_VIEW}
      division="DIGITAL_GOVERNMENT"
      available={["APPROVE", "APPROVE_WITH_CONDITIONS", "REQUEST_CHANGES", "REJECT"]}
      clock={{ enteredOn: "2026-11-18", ageWorkingDays: 7, dueOn: "2026-12-02", overdue: false, slaDays: 10 }}
      {...props}
    />
  ));
}

const shownSection = (label: string) => !(screen.getByLabelText(label).closest(".conditional") as HTMLElement).hidden;
const click = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
  });
};

describe("ReviewDecisionForm", () => {
  it("shows the other divisions' decisions of this round beside the form", () => {
    review();
    const aside = document.querySelector(".decision-aside")!;
    expect(aside.querySelector("h3")?.textContent).toBe("Other divisions in round 2");
    expect(aside.textContent).toContain("Data Governance");
    expect(aside.textContent).toContain("Approved with conditions");
    expect(aside.textContent).toContain("C1: Privacy impact assessment");
    expect(aside.textContent).not.toContain("Changes requested"); // round 1's decision
    expect(aside.textContent).not.toContain("Digital Infrastructure"); // not required
  });

  it("asks for a decision before posting anything", async () => {
    const { posted } = review();
    await click(screen.getByRole("button", { name: "Send decision" }));
    await screen.findByText("There is a problem");
    expect(screen.getAllByText("Choose a decision.")).toHaveLength(2); // in the summary and beside the choices
    expect(posted).toHaveLength(0);
  });

  it("shows only what the chosen decision needs", async () => {
    review();
    await waitFor(() => expect(shownSection("Reason")).toBe(false));
    expect(shownSection("Condition 1")).toBe(false);
    await click(screen.getByLabelText("Approve with conditions"));
    expect(shownSection("Condition 1")).toBe(true);
    expect(shownSection("Comment (optional)")).toBe(true);
    expect(shownSection("Reason")).toBe(false);
    await click(screen.getByLabelText("Reject"));
    expect(shownSection("Reason")).toBe(true);
    expect(shownSection("Condition 1")).toBe(false);
    expect(screen.getByRole("button", { name: "Reject" }).className).toContain("button--warning");
  });

  it("adds and removes condition rows, needs at least one, and posts them as conditions.N.text / .due", async () => {
    const { posted } = review();
    await click(screen.getByLabelText("Approve with conditions"));
    // With JavaScript one empty row to start with; rows are added on demand.
    await waitFor(() => expect(screen.queryByLabelText("Condition 2")).toBeNull());
    await click(screen.getByRole("button", { name: "Approve with conditions" }));
    expect(await screen.findAllByText("Add at least one condition.")).not.toHaveLength(0);
    expect(document.querySelector(".error-summary")?.textContent).toContain("Conditions: Add at least one condition.");
    expect(posted).toHaveLength(0);

    fireEvent.change(screen.getByLabelText("Condition 1"), {
      target: { value: "Complete a privacy impact assessment" },
    });
    await click(screen.getByRole("button", { name: "Add another condition" }));
    await click(screen.getByRole("button", { name: "Add another condition" }));
    fireEvent.change(screen.getByLabelText("Condition 2"), { target: { value: "To be removed" } });
    fireEvent.change(screen.getByLabelText("Condition 3"), { target: { value: "Accessibility audit" } });
    fireEvent.change(screen.getByLabelText("Due date of condition 3 (optional)"), { target: { value: "2027-02-28" } });
    await click(screen.getByRole("button", { name: "Remove condition 2" }));
    expect((screen.getByLabelText("Condition 2") as HTMLTextAreaElement).value).toBe("Accessibility audit");
    expect(screen.queryByLabelText("Condition 3")).toBeNull();

    await click(screen.getByRole("button", { name: "Approve with conditions" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    const form = posted[0]!;
    expect(form.get("intent")).toBe("APPROVE_WITH_CONDITIONS");
    expect(form.get("form")).toBe("review");
    expect(form.get("version")).toBe("3");
    expect(form.get("conditions.0.text")).toBe("Complete a privacy impact assessment");
    expect(form.get("conditions.1.text")).toBe("Accessibility audit");
    expect(form.get("conditions.1.due")).toBe("2027-02-28");
    expect(form.get("conditions.2.text")).toBeNull();
  });

  it("needs a reason category and a reason to return or reject", async () => {
    const { posted } = review();
    await click(screen.getByLabelText("Return for changes"));
    await click(screen.getByRole("button", { name: "Return for changes" }));
    await screen.findByText("There is a problem");
    const summary = Array.from(document.querySelectorAll(".error-summary li")).map((li) => li.textContent);
    expect(summary).toEqual(["Reason category: Choose a reason category.", "Reason: This field is required."]);
    expect(document.querySelector(".error-summary a")?.getAttribute("href")).toBe("#review-reasonCode");
    expect(screen.getByLabelText("Reason").getAttribute("aria-invalid")).toBe("true");
    expect(posted).toHaveLength(0);

    fireEvent.change(screen.getByLabelText("Reason category"), { target: { value: "INCOMPLETE_BUSINESS_CASE" } });
    fireEvent.change(screen.getByLabelText("Reason"), { target: { value: "Add the transaction volumes." } });
    await click(screen.getByRole("button", { name: "Return for changes" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(Object.fromEntries(posted[0]!)).toMatchObject({
      intent: "REQUEST_CHANGES",
      reasonCode: "INCOMPLETE_BUSINESS_CASE",
      reason: "Add the transaction volumes.",
    });
  });

  it("shows the server's errors beside the fields and keeps what was sent", () => {
    review({
      serverErrors: { "conditions.1.text": ["errors.required"] },
      serverValues: {
        intent: "APPROVE_WITH_CONDITIONS",
        "conditions.0.text": "Kept",
        "conditions.1.due": "2027-01-31",
      },
    });
    expect((screen.getByLabelText("Approve with conditions") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Condition 1") as HTMLTextAreaElement).value).toBe("Kept");
    expect(screen.getByLabelText("Condition 2").getAttribute("aria-invalid")).toBe("true");
    expect(document.querySelector(".error-summary")?.textContent).toContain("Condition 2: This field is required.");
  });
});

const FUNDING_VIEW = (requested: number): FundingPanelView => ({
  ref: "DPO-2026-0042",
  version: 7,
  stage: "fundingReview",
  funding: { requested, blockAllocationLimit: 20_000_000, decisions: [] },
});

function funding(
  requested: number,
  available: ("APPROVE_FUNDING" | "REFER_TO_FINANCE_COMMITTEE" | "DEFER" | "REJECT")[],
) {
  return mount(() => (
    <FundingDecisionPanel
      view={FUNDING_VIEW(requested)}
      division="DIGITAL_GOVERNMENT"
      available={available}
      clock={null}
    />
  ));
}

describe("FundingDecisionPanel", () => {
  it("above the limit: offers only the Finance Committee route, and refers an amount above the limit", async () => {
    const { posted } = funding(45_000_000, ["REJECT", "DEFER", "REFER_TO_FINANCE_COMMITTEE"]);
    expect(document.querySelector(".funding-panel")?.textContent).toContain(
      "trimming or splitting the request to fit the block allocation is not allowed",
    );
    expect(screen.queryByLabelText("Approve funding from the block allocation")).toBeNull();
    await click(screen.getByLabelText("Refer to the Finance Committee"));
    const amount = screen.getByLabelText("Proposed amount (HK$)") as HTMLInputElement;
    expect(amount.value).toBe("45,000,000");
    fireEvent.change(amount, { target: { value: "20,000,000" } });
    await click(screen.getByRole("button", { name: "Refer to the Finance Committee" }));
    await screen.findByText("An amount put to the Finance Committee must be above the block-allocation limit.");
    expect(document.querySelector(".error-summary")?.textContent).toContain(
      "Proposed amount (HK$): An amount put to the Finance Committee must be above the block-allocation limit.",
    );
    expect(posted).toHaveLength(0);
    fireEvent.change(amount, { target: { value: "45,000,000" } });
    await waitFor(() =>
      expect(document.querySelector(".implied")?.textContent).toBe(
        "HK$45,000,000 will be put to the Finance Committee.",
      ),
    );
    await click(screen.getByRole("button", { name: "Refer to the Finance Committee" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(Object.fromEntries(posted[0]!)).toMatchObject({
      intent: "REFER_TO_FINANCE_COMMITTEE",
      amount: "45,000,000",
      form: "funding",
      version: "7",
    });
  });

  it("within the limit: approves up to the amount requested, never more", async () => {
    const { posted } = funding(8_500_000, ["REJECT", "DEFER", "APPROVE_FUNDING"]);
    await click(screen.getByLabelText("Approve funding from the block allocation"));
    const amount = screen.getByLabelText("Proposed amount (HK$)") as HTMLInputElement;
    fireEvent.change(amount, { target: { value: "9,000,000" } });
    await click(screen.getByRole("button", { name: "Approve funding" }));
    await screen.findByText("The amount cannot be more than the amount requested.");
    fireEvent.change(amount, { target: { value: "12.5" } });
    await click(screen.getByRole("button", { name: "Approve funding" }));
    await screen.findByText("Enter a whole number of Hong Kong dollars.");
    expect(screen.getByLabelText("Proposed amount (HK$)").getAttribute("aria-invalid")).toBe("true");
    expect(posted).toHaveLength(0);
    fireEvent.change(amount, { target: { value: "8,000,000" } });
    await click(screen.getByRole("button", { name: "Approve funding" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]!.get("amount")).toBe("8,000,000");
  });

  it("defers only with a reason category and a reason", async () => {
    const { posted } = funding(8_500_000, ["REJECT", "DEFER", "APPROVE_FUNDING"]);
    await click(screen.getByLabelText("Defer to a later funding round"));
    await click(screen.getByRole("button", { name: "Defer" }));
    await screen.findByText("There is a problem");
    expect(posted).toHaveLength(0);
    fireEvent.change(screen.getByLabelText("Reason category"), { target: { value: "FUNDING_PRIORITY" } });
    fireEvent.change(screen.getByLabelText("Reason"), { target: { value: "Next funding round." } });
    await click(screen.getByRole("button", { name: "Defer" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(Object.fromEntries(posted[0]!)).toMatchObject({
      intent: "DEFER",
      reasonCode: "FUNDING_PRIORITY",
      reason: "Next funding round.",
    });
  });
});

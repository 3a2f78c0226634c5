// @vitest-environment happy-dom
import { createRemixStub } from "@remix-run/testing";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { proposalToFormState } from "~/initiatives/proposal-form.ts";
import { ProposalForm } from "./proposal-form.tsx";

const EMPTY = proposalToFormState({ milestones: [{ id: "", name: "", due: "" }] });

afterEach(cleanup);

function setup(options: { defaults?: typeof EMPTY; serverErrors?: Record<string, string[]> } = {}) {
  const posted: FormData[] = [];
  const Stub = createRemixStub([
    {
      path: "/",
      Component: () => (
        <ProposalForm
          defaults={options.defaults ?? EMPTY}
          serverErrors={options.serverErrors ?? {}}
          submitLabel="Submit for review"
        />
      ),
      action: async ({ request }) => {
        posted.push(await request.formData());
        return null;
      },
    },
  ]);
  render(<Stub />);
  return { posted };
}

const input = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;

async function fillComplete() {
  fireEvent.change(input("Title in English"), { target: { value: "Smart kiosks" } });
  fireEvent.change(input("Title in Chinese"), { target: { value: "智能自助服務機" } });
  fireEvent.change(input("Category"), { target: { value: "E_SERVICE" } });
  fireEvent.change(input("Problem and objectives"), { target: { value: "Queues are long." } });
  fireEvent.change(input("Non-recurrent cost (HK$)"), { target: { value: "3,200,000" } });
  fireEvent.change(input("Recurrent cost (HK$ a year)"), { target: { value: "400000" } });
  fireEvent.change(input("Expected annual savings (HK$)"), { target: { value: "900000" } });
  fireEvent.change(input("Expected staff hours saved a year"), { target: { value: "5000" } });
  fireEvent.change(input("Planned start"), { target: { value: "2027-01-01" } });
  fireEvent.change(input("Planned end"), { target: { value: "2027-12-31" } });
  fireEvent.change(input("Milestone 1"), { target: { value: "Kiosks installed" } });
  fireEvent.change(input("Due date of milestone 1"), { target: { value: "2027-06-30" } });
}

describe("ProposalForm", () => {
  it("refuses an incomplete submission in the browser, with messages beside the fields, and posts nothing", async () => {
    const { posted } = setup();
    fireEvent.click(screen.getByRole("button", { name: "Submit for review" }));
    await screen.findByText("There is a problem");
    expect(screen.getAllByText("This field is required.").length).toBeGreaterThanOrEqual(8);
    // Each message stands in the summary at the top and beside its field.
    expect(document.querySelector("#titleEn-error")?.textContent).toBe("This field is required.");
    expect(document.querySelector(".error-summary a[href='#titleEn']")?.textContent).toBe("This field is required.");
    expect(input("Title in English").getAttribute("aria-invalid")).toBe("true");
    expect(input("Title in English").getAttribute("aria-describedby")).toContain("titleEn-error");
    expect(posted).toHaveLength(0);
  });

  it("saves a draft with only a title, but not without one", async () => {
    const { posted } = setup();
    fireEvent.click(screen.getByRole("button", { name: "Save draft" }));
    expect(await screen.findAllByText("Enter a title in English or Chinese.")).toHaveLength(2);
    expect(posted).toHaveLength(0);
    fireEvent.change(input("Title in English"), { target: { value: "Half an idea" } });
    fireEvent.click(screen.getByRole("button", { name: "Save draft" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]!.get("intent")).toBe("save");
    expect(posted[0]!.get("titleEn")).toBe("Half an idea");
  });

  it("checks money and dates the same way as the server", async () => {
    setup();
    await fillComplete();
    fireEvent.change(input("Non-recurrent cost (HK$)"), { target: { value: "12.50" } });
    fireEvent.change(input("Planned end"), { target: { value: "2026-12-31" } });
    fireEvent.click(screen.getByRole("button", { name: "Submit for review" }));
    expect(await screen.findAllByText("Enter a whole number of Hong Kong dollars.")).toHaveLength(2);
    expect(document.querySelector("#plannedEnd-error")?.textContent).toBe(
      "The planned end must be after the planned start.",
    );
  });

  it("submits a complete proposal with intent=submit and every field name the server reads", async () => {
    const { posted } = setup();
    await fillComplete();
    fireEvent.click(screen.getByLabelText("Handles personal data"));
    fireEvent.click(screen.getByRole("button", { name: "Submit for review" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    const form = posted[0]!;
    expect(form.get("intent")).toBe("submit");
    expect(form.get("leadDivision")).toBe("DIGITAL_GOVERNMENT");
    expect(form.get("handlesPersonalData")).toBe("true");
    expect(form.get("citizenFacing")).toBeNull();
    expect(form.get("milestones.0.name")).toBe("Kiosks installed");
    expect(form.get("nonRecurrentCost")).toBe("3,200,000");
  });

  it("previews which divisions must sign off as the scope changes", async () => {
    setup();
    fireEvent.change(input("Category"), { target: { value: "DATA_SHARING" } });
    await waitFor(() => expect(input("Lead division").value).toBe("DATA_GOVERNANCE"));
    const preview = () => Array.from(document.querySelectorAll(".signoff-preview li")).map((li) => li.textContent);
    await waitFor(() => expect(preview()).toEqual(["Data Governance"]));
    fireEvent.click(screen.getByLabelText("A citizen-facing e-service"));
    fireEvent.click(screen.getByLabelText(/Needs new hosting/));
    await waitFor(() => expect(preview()).toEqual(["Digital Government", "Data Governance", "Digital Infrastructure"]));
  });

  it("adds, reorders and removes milestones in place", async () => {
    setup();
    fireEvent.change(input("Milestone 1"), { target: { value: "First" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Add a milestone" }));
    });
    fireEvent.change(input("Milestone 2"), { target: { value: "Second" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Move milestone 2 up" }));
    });
    expect(input("Milestone 1").value).toBe("Second");
    expect(input("Milestone 2").value).toBe("First");
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Remove milestone 1" }));
    });
    expect(input("Milestone 1").value).toBe("First");
    expect(screen.queryByLabelText("Milestone 2")).toBeNull();
  });

  it("shows the server's errors beside the fields and keeps the values", () => {
    setup({
      defaults: { ...EMPTY, titleEn: "Kept", milestones: [{ id: "m1", name: "Go live", due: "2030-01-01" }] },
      serverErrors: { "milestones.0.due": ["errors.milestoneOutsideTimeline"] },
    });
    expect(input("Title in English").value).toBe("Kept");
    expect(screen.getAllByText("The milestone must be due between the planned start and end.")).toHaveLength(2);
    expect(input("Due date of milestone 1").getAttribute("aria-invalid")).toBe("true");
  });
});

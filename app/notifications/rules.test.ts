// Who is told what (issue 13): one test per line of the rule.
import { describe, expect, it } from "vitest";
import { tellsForComment, tellsForTransition, type TransitionFacts } from "./rules.ts";

const base: TransitionFacts = {
  type: "SUBMIT",
  stageBefore: "draft",
  stageAfter: "efficiencyReview",
  bureauCode: "ITIB",
  leadDivision: "DIGITAL_GOVERNMENT",
  pendingAfter: ["DIGITAL_GOVERNMENT", "DATA_GOVERNANCE"],
};
const officers = { officersOf: "ITIB" };

describe("who is told what", () => {
  it("submit → the reviewers of each division that must sign off", () => {
    expect(tellsForTransition(base)).toEqual([
      { kind: "REVIEW_REQUESTED", to: { reviewersOf: "DIGITAL_GOVERNMENT" }, division: "DIGITAL_GOVERNMENT" },
      { kind: "REVIEW_REQUESTED", to: { reviewersOf: "DATA_GOVERNANCE" }, division: "DATA_GOVERNANCE" },
    ]);
  });

  it("resubmit → the reviewers of each division that must sign off again", () => {
    const tells = tellsForTransition({
      ...base,
      type: "RESUBMIT",
      stageBefore: "returned",
      pendingAfter: ["DIGITAL_INFRASTRUCTURE"],
    });
    expect(tells).toEqual([
      {
        kind: "REVIEW_REQUESTED",
        to: { reviewersOf: "DIGITAL_INFRASTRUCTURE" },
        division: "DIGITAL_INFRASTRUCTURE",
      },
    ]);
  });

  it("the last sign-off → the lead division's reviewers (funding review waits); an earlier one tells no one", () => {
    const last = { ...base, type: "APPROVE" as const, stageBefore: "efficiencyReview" as const };
    expect(tellsForTransition({ ...last, stageAfter: "fundingReview", pendingAfter: [] })).toEqual([
      { kind: "FUNDING_REVIEW_OPEN", to: { reviewersOf: "DIGITAL_GOVERNMENT" }, division: "DIGITAL_GOVERNMENT" },
    ]);
    expect(tellsForTransition({ ...last, stageAfter: "efficiencyReview", pendingAfter: ["DATA_GOVERNANCE"] })).toEqual(
      [],
    );
  });

  it("return → the owning B/D's officers", () => {
    expect(tellsForTransition({ ...base, type: "REQUEST_CHANGES", stageAfter: "returned" })).toEqual([
      { kind: "RETURNED", to: officers },
    ]);
  });

  it("rejection (in review or at funding) → the owning B/D's officers", () => {
    expect(tellsForTransition({ ...base, type: "REJECT", stageAfter: "rejected" })).toEqual([
      { kind: "REJECTED", to: officers },
    ]);
  });

  it("approval with conditions → the owning B/D's officers (and, when it is the last, the lead reviewers)", () => {
    const facts = { ...base, type: "APPROVE_WITH_CONDITIONS" as const, stageBefore: "efficiencyReview" as const };
    expect(tellsForTransition({ ...facts, stageAfter: "efficiencyReview" })).toEqual([
      { kind: "APPROVED_WITH_CONDITIONS", to: officers },
    ]);
    expect(tellsForTransition({ ...facts, stageAfter: "fundingReview", pendingAfter: [] })).toEqual([
      { kind: "APPROVED_WITH_CONDITIONS", to: officers },
      { kind: "FUNDING_REVIEW_OPEN", to: { reviewersOf: "DIGITAL_GOVERNMENT" }, division: "DIGITAL_GOVERNMENT" },
    ]);
  });

  it("funding decision → the owning B/D's officers", () => {
    expect(tellsForTransition({ ...base, type: "APPROVE_FUNDING", stageAfter: "delivery" })).toEqual([
      { kind: "FUNDING_APPROVED", to: officers },
    ]);
  });

  it("deferral → the owning B/D's officers", () => {
    expect(tellsForTransition({ ...base, type: "DEFER", stageAfter: "deferred" })).toEqual([
      { kind: "DEFERRED", to: officers },
    ]);
  });

  it("Finance Committee outcome → the owning B/D's officers", () => {
    expect(tellsForTransition({ ...base, type: "RECORD_FC_APPROVAL", stageAfter: "delivery" })).toEqual([
      { kind: "FC_APPROVED", to: officers },
    ]);
    expect(tellsForTransition({ ...base, type: "RECORD_FC_REJECTION", stageAfter: "rejected" })).toEqual([
      { kind: "FC_REJECTED", to: officers },
    ]);
  });

  it("referral to the Finance Committee → leadership (and the officers hear of the funding decision)", () => {
    expect(
      tellsForTransition({ ...base, type: "REFER_TO_FINANCE_COMMITTEE", stageAfter: "awaitingFinanceCommittee" }),
    ).toEqual([
      { kind: "FC_REFERRAL", to: { leadership: true } },
      { kind: "FUNDING_REFERRED", to: officers },
    ]);
  });

  it("a comment → the others who took part", () => {
    expect(tellsForComment()).toEqual([{ kind: "COMMENTED", to: { participants: true } }]);
  });

  it.each([
    "WITHDRAW",
    "PAUSE",
    "RESUME",
    "REPORT_PROGRESS",
    "COMPLETE",
    "REPORT_BENEFITS",
    "CLOSE",
    "REOPEN",
  ] as const)("%s tells no one (those who would hear sent it)", (type) => {
    expect(tellsForTransition({ ...base, type })).toEqual([]);
  });
});

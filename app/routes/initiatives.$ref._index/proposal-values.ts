import { formatHkd } from "~/i18n/format.ts";
import type { MessageKey } from "~/i18n/t.ts";
import { useT } from "~/i18n/use-t.ts";
import type { Category, Division } from "~/lifecycle/divisions.ts";

/** The label of each proposal field, for the changes between rounds. */
export const PROPOSAL_LABELS: Record<string, MessageKey> = {
  titleEn: "proposal.titleEn",
  titleZh: "proposal.titleZh",
  category: "proposal.category",
  leadDivision: "proposal.leadDivision",
  summary: "proposal.summary",
  handlesPersonalData: "proposal.handlesPersonalData",
  sharesDataAcrossBureaux: "proposal.sharesDataAcrossBureaux",
  needsNewInfrastructure: "proposal.needsNewInfrastructure",
  citizenFacing: "proposal.citizenFacing",
  nonRecurrentCost: "proposal.nonRecurrentCost",
  recurrentCost: "proposal.recurrentCost",
  expectedAnnualSavings: "proposal.expectedAnnualSavings",
  expectedStaffHoursSaved: "proposal.expectedStaffHoursSaved",
  plannedStart: "proposal.plannedStart",
  plannedEnd: "proposal.plannedEnd",
  milestones: "proposal.milestones",
};

/** Shows a proposal field's value in words: yes/no, the category and division by name, money in HK$. */
export function useProposalValue() {
  const t = useT();
  const yesNo = (v: boolean | null) => t(v ? "initiative.yes" : "initiative.no");
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (typeof value === "boolean") return yesNo(value);
    if (field === "category") return t(`categories.${value as Category}`);
    if (field === "leadDivision") return t(`divisions.${value as Division}`);
    if (/Cost|Savings/.test(field) && typeof value === "number") return formatHkd(value);
    return String(value);
  };
  return { show, yesNo };
}

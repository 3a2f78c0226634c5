/** The words of the demo portfolio: reasons, conditions, questions, notes and milestone names. */
import type { Category, Division, ReasonCode } from "../../../app/lifecycle/divisions.ts";

export const CATEGORY_SENTENCE: Record<Category, [string, string]> = {
  E_SERVICE: [
    "It cuts counter visits and paper handling, towards the target of offering every suitable government service online.",
    "項目可減少市民親身到櫃枱辦理及處理紙本文件，配合把合適政府服務全面網上化的目標。",
  ],
  DATA_SHARING: [
    "Data will be shared under the Government's data governance framework, with every access logged and reviewed.",
    "數據將按政府數據治理框架共享，所有存取均有紀錄並定期檢視。",
  ],
  INFRASTRUCTURE: [
    "The system follows the Government's cloud-first policy and its IT security policy and guidelines.",
    "系統遵循政府「雲端優先」政策及資訊科技保安政策與指引。",
  ],
  AI_AUTOMATION: [
    "Officers review the outputs, and the model is assessed under the Ethical Artificial Intelligence Framework.",
    "所有結果均由人員覆核，模型亦會按《人工智能道德框架》進行評估。",
  ],
  CYBERSECURITY: [
    "It strengthens the Government's defences against ransomware and advanced persistent threats.",
    "項目加強政府抵禦勒索軟件及高級持續性威脅的能力。",
  ],
  OTHER: [
    "It supports the digital transformation of the civil service and frees staff from routine work.",
    "項目支援公務員隊伍的數碼轉型，讓人員毋須處理例行工作。",
  ],
};

export const REASONS: Record<ReasonCode, string[]> = {
  INCOMPLETE_BUSINESS_CASE: [
    "The business case does not quantify the manual work the system replaces. Please add transaction volumes and a cost-benefit analysis.",
    "The savings and staff hours are not supported by a baseline. Please add current processing times and how they were measured.",
  ],
  COST_NOT_JUSTIFIED: [
    "The hardware and licence costs are high against comparable projects. Please give a market-price breakdown and at least two quotations.",
    "The implementation services estimate is about 40% above similar projects. Please justify it or reduce the scope of phase 1.",
  ],
  DUPLICATES_EXISTING_SYSTEM: [
    "The scope overlaps with services already offered centrally (the common e-payment and notification platforms). Please reuse them.",
    "A similar function already exists in a system of another department. Please explore sharing it before building a new one.",
  ],
  DATA_PRIVACY_RISK: [
    "Please complete a privacy impact assessment and limit the personal data collected to what the service needs.",
    "The legal basis for sharing the personal data with other departments is not established. Please obtain legal advice and consent arrangements.",
  ],
  SECURITY_RISK: [
    "The design exposes the administration interface to the Internet. Please revise it in line with the Government IT Security Policy and Guidelines.",
    "Please provide a security risk assessment of the integration with external parties and the controls for privileged access.",
  ],
  NOT_ALIGNED_WITH_POLICY: [
    "Please align the design with iAM Smart single sign-on and the Government's cloud-first policy.",
    "The proposal does not follow the Government's policy framework for this area yet. Please revisit it once the framework is promulgated.",
  ],
  FUNDING_PRIORITY: [
    "This year's block allocation is committed to higher-priority projects. It will be reconsidered in the next funding round.",
    "The project is worthwhile but ranks below others in this round. Please resubmit the funding request with updated costs next year.",
  ],
  OTHER: [
    "Please clarify the implementation timeline and the staff resources committed to user acceptance testing.",
    "Please confirm the support of the user divisions and the arrangements for the transition from the current system.",
  ],
};

export const PAUSE_REASONS: Partial<Record<ReasonCode, string[]>> = {
  OTHER: [
    "The tender received no conforming bids; the project is paused while the tender is re-run.",
    "The contractor has fallen behind schedule; work is paused pending a review of the contract.",
  ],
  SECURITY_RISK: ["Paused to fix the high-risk findings of the security risk assessment and audit before go-live."],
  DATA_PRIVACY_RISK: [
    "Paused until the Privacy Commissioner's comments on the data-sharing arrangements are addressed.",
  ],
  FUNDING_PRIORITY: ["Paused while the Department re-prioritises its IT resources for the year."],
};

/** Returns tend to raise what the returning division looks after. */
export const CODES_BY_DIVISION: Record<Division, ReasonCode[]> = {
  DIGITAL_GOVERNMENT: [
    "INCOMPLETE_BUSINESS_CASE",
    "COST_NOT_JUSTIFIED",
    "DUPLICATES_EXISTING_SYSTEM",
    "NOT_ALIGNED_WITH_POLICY",
    "OTHER",
  ],
  DATA_GOVERNANCE: ["DATA_PRIVACY_RISK", "INCOMPLETE_BUSINESS_CASE", "DUPLICATES_EXISTING_SYSTEM"],
  DIGITAL_INFRASTRUCTURE: [
    "SECURITY_RISK",
    "COST_NOT_JUSTIFIED",
    "NOT_ALIGNED_WITH_POLICY",
    "INCOMPLETE_BUSINESS_CASE",
  ],
};

export const CONDITIONS: Record<Division, string[]> = {
  DIGITAL_GOVERNMENT: [
    "Integrate iAM Smart for sign-in and e-signing before launch.",
    "Use the common e-payment platform rather than a separate payment gateway.",
    "Meet WCAG 2.1 AA and have the service audited for accessibility before launch.",
    "Publish a performance pledge and report transaction volumes to the Division quarterly.",
  ],
  DATA_GOVERNANCE: [
    "Complete a privacy impact assessment and submit it to the Data Governance Division before go-live.",
    "Sign a data-sharing agreement with each participating B/D and register the datasets in the government data catalogue.",
    "Release the non-personal datasets on DATA.GOV.HK within six months of launch.",
    "Set a retention and disposal schedule for the personal data collected.",
  ],
  DIGITAL_INFRASTRUCTURE: [
    "Host the system on the Government Cloud Infrastructure Services rather than on dedicated servers.",
    "Pass an independent security risk assessment and audit before go-live.",
    "Connect the system to the Cyber Security Operations Centre for round-the-clock monitoring.",
    "Provide a disaster recovery plan with a recovery time objective of four hours.",
  ],
};

export const CONDITION_EVIDENCE = [
  "Done: the report was submitted to the Division and accepted.",
  "Completed; the signed documents are filed in the project folder.",
  "Met: the audit found no high-risk issues and the two medium-risk items were fixed.",
  "Implemented in the production environment and verified by the Division.",
];

export const APPROVAL_COMMENTS = [
  "Supported. The benefits are well evidenced.",
  "No objection from the Division's perspective.",
  "Supported; please keep the Division informed of the tender timetable.",
  "Approved. Good reuse of common services.",
];

export const QUESTIONS: [string, string][] = [
  [
    "Will the system be hosted on the Government Cloud Infrastructure Services?",
    "Yes. The capacity request has been lodged and the hosting design follows the GCIS reference architecture.",
  ],
  [
    "Please share the latest transaction volumes of the paper process.",
    "About 48,000 applications a year, 85% still on paper. The figures are now in the business case.",
  ],
  [
    "Has the Office of the Privacy Commissioner for Personal Data been consulted?",
    "We consulted the PCPD informally; a full privacy impact assessment will be done at the design stage.",
  ],
  [
    "The savings assume full take-up in the first year. Is that realistic?",
    "We now assume 60% take-up in the first year rising to 85% in the third, and have revised the savings.",
  ],
  [
    "Could the common notification platform replace the SMS gateway in the proposal?",
    "Agreed. We will use the common platform and have removed the SMS gateway from the costs.",
  ],
  [
    "What is the plan for users who cannot use the online service?",
    "Counter service stays, and staff will help users at the counters to go online.",
  ],
];

export const FC_NOTES = [
  "Paper submitted to the Finance Committee; the Public Works Subcommittee is not involved as this is a computerisation item.",
  "Scheduled for discussion at a Finance Committee meeting this term.",
  "The Finance Committee paper has been circulated to Members.",
];

export const BENEFIT_NOTES = [
  "Measured over the first twelve months after launch: processing time fell from 14 to 3 working days.",
  "Savings from reduced printing, postage and counter staffing, confirmed with the departmental finance office.",
  "Staff hours from time-and-motion sampling before and after roll-out; take-up reached 72% of transactions.",
  "Savings are below the estimate because take-up rose more slowly than planned; it reached 64% in month twelve.",
];

export const MILESTONE_FIRST = ["Tender awarded", "Contract signed", "System analysis and design completed"];
export const MILESTONE_MIDDLE = [
  "Privacy impact assessment completed",
  "Security risk assessment and audit passed",
  "Data migration completed",
  "User acceptance test completed",
  "Pilot launched at two offices",
  "Staff training completed",
  "Integration with iAM Smart completed",
];
export const MILESTONE_LAST = [
  "Full roll-out",
  "System live",
  "Service launched to the public",
  "Legacy system decommissioned",
];

/** Names of the demo officers created for B/Ds other than ITIB and IMMD. */
export const OFFICER_NAMES = [
  "Leung Wai Man",
  "Ng Ka Ho",
  "Tsang Mei Ling",
  "Yip Chun Kit",
  "Kwok Sze Wing",
  "Mak Tsz Yan",
  "Fung Ho Yin",
  "Tang Wing Yan",
  "Choi Ka Lok",
  "Lam Hiu Tung",
  "Poon Yee Man",
  "Siu Chi Keung",
  "Chow Pui Shan",
  "So Man Hon",
  "Ip Hoi Yan",
  "Lo Kwan Ho",
  "Tam Ching Yee",
  "Hui Lok Yiu",
  "Cheng Wai Kit",
  "Au Yeung Ka Wai",
  "Kong Suet Ying",
  "Law Chun Hei",
  "Sze Ming Fai",
  "Chu Wing Sum",
  "Wan Tsz Ching",
  "Yu Kin Wah",
  "Ma Hoi Ching",
  "Tse Ka Man",
  "Lui Sin Yi",
  "Chiu Wai Lun",
  "Koo Man Yee",
  "Shum Chi Wai",
  "Fok Ying Tung",
  "Yuen Ka Kei",
  "Pang Siu Wah",
];

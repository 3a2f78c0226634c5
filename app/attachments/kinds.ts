/** Kinds of attachment and who may add which (browser-safe: the page shows only what the server allows). */
export const ATTACHMENT_KINDS = [
  "BUSINESS_CASE",
  "PRIVACY_IMPACT_ASSESSMENT",
  "SECURITY_RISK_ASSESSMENT",
  "QUOTATION",
  "CONDITION_EVIDENCE",
  "DECISION_NOTE",
  "OTHER",
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** Officers' kinds while the proposal is theirs to edit (draft, returned). */
export const PROPOSAL_KINDS: readonly AttachmentKind[] = [
  "BUSINESS_CASE",
  "PRIVACY_IMPACT_ASSESSMENT",
  "SECURITY_RISK_ASSESSMENT",
  "QUOTATION",
  "OTHER",
];
/** Officers' kinds in delivery: evidence that a condition is met, and anything else worth keeping. */
export const DELIVERY_KINDS: readonly AttachmentKind[] = ["CONDITION_EVIDENCE", "OTHER"];
/** Reviewers attach notes to their own decision, while it is theirs to make. */
export const REVIEWER_KINDS: readonly AttachmentKind[] = ["DECISION_NOTE"];

export function isAttachmentKind(value: unknown): value is AttachmentKind {
  return typeof value === "string" && (ATTACHMENT_KINDS as readonly string[]).includes(value);
}

/** What the page and the API show of an attachment (never its content). */
export type AttachmentView = {
  id: string;
  name: string;
  kind: AttachmentKind;
  conditionId: string | null;
  mediaType: string;
  size: number;
  sha256: string;
  round: number;
  version: number;
  replacesId: string | null;
  supersededAt: string | null;
  deletedAt: string | null;
  createdAt: string;
  uploadedBy: string | null;
  frozen: boolean;
};

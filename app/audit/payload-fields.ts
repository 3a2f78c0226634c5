/**
 * An audit entry's payload as a reader sees it: labelled fields in a fixed order, each with the kind of
 * value it holds (money, a date, a reason code…) so that the page can format it in the reader's language.
 * Pure and browser-safe. Book-keeping the reader does not need (record ids, the round echoed on every
 * event) is left out; a key this module does not know is still shown, under its own name, so that nothing
 * said is ever hidden.
 */

export type PayloadValueKind =
  | "text"
  | "money"
  | "date"
  | "count"
  | "percent"
  | "reasonCode"
  | "division"
  | "rag"
  | "quarter"
  | "list"
  | "milestone";

export type PayloadField =
  | { key: string; known: true; kind: Exclude<PayloadValueKind, "list">; value: string | number }
  | { key: string; known: true; kind: "list"; value: string[] }
  | { key: string; known: false; kind: "text"; value: string };

/** Every field the timeline labels, in the order it shows them, with the kind of its value. */
export const PAYLOAD_FIELD_KINDS = {
  reasonCode: "reasonCode",
  reason: "text",
  rag: "rag",
  percentComplete: "percent",
  spendToDate: "money",
  fundedAmount: "money",
  quarter: "quarter",
  risks: "text",
  note: "text",
  comment: "text",
  conditions: "list",
  conditionId: "text",
  milestoneId: "milestone",
  date: "date",
  amount: "money",
  additionalFunding: "money",
  paperRef: "text",
  plannedStart: "date",
  plannedEnd: "date",
  milestones: "list",
  nonRecurrentCost: "money",
  recurrentCost: "money",
  realisedAnnualSavings: "money",
  realisedStaffHoursSaved: "count",
  fields: "list",
  fy: "text",
  fundingRound: "text",
  division: "division",
} as const;
export type KnownPayloadKey = keyof typeof PAYLOAD_FIELD_KINDS;

/**
 * Kept in the audit for the record, but noise on a timeline. An acting reviewer's `onBehalfOf` (a user id)
 * is said by the entry's own sentence ("… by A on behalf of B"), and `delegationId` is a record id; `overspent`
 * repeats what spend against the funded amount already shows.
 */
const HIDDEN = new Set([
  "round",
  "commentId",
  "ref",
  "userId",
  "expectedVersion",
  "type",
  "onBehalfOf",
  "delegationId",
  "overspent",
]);

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** One list item as text: a condition or milestone row reads `text (due)`, anything else as it is. */
function listItem(v: unknown): string {
  if (typeof v === "string") return v;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const main = o.text ?? o.name ?? o.id;
    const due = o.due;
    if (typeof main === "string") return typeof due === "string" && due ? `${main} (${due})` : main;
  }
  return JSON.stringify(v);
}

/** The fields of one audit payload to show, known ones first in {@link PAYLOAD_FIELD_KINDS} order. */
export function payloadFields(payload: Record<string, unknown> | null | undefined): PayloadField[] {
  if (!payload) return [];
  const out: PayloadField[] = [];
  for (const [key, kind] of Object.entries(PAYLOAD_FIELD_KINDS) as [KnownPayloadKey, string][]) {
    const value = payload[key];
    if (isBlank(value)) continue;
    if (kind === "list") {
      const items = Array.isArray(value) ? value.map(listItem) : [listItem(value)];
      if (items.length) out.push({ key, known: true, kind: "list", value: items });
    } else if (typeof value === "number" || typeof value === "string") {
      out.push({ key, known: true, kind: kind as Exclude<PayloadValueKind, "list">, value });
    } else {
      out.push({ key, known: true, kind: "text", value: JSON.stringify(value) });
    }
  }
  for (const [key, value] of Object.entries(payload)) {
    if (key in PAYLOAD_FIELD_KINDS || HIDDEN.has(key) || isBlank(value)) continue;
    out.push({ key, known: false, kind: "text", value: typeof value === "string" ? value : JSON.stringify(value) });
  }
  return out;
}

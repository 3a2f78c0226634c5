/** What changed in a proposal between two submission rounds (pure, for the initiative page). */
export type FieldChange = { field: string; before: unknown; after: unknown };

const milestoneText = (v: unknown) =>
  Array.isArray(v) ? v.map((m: { name?: string; due?: string }) => `${m.name ?? ""} (${m.due ?? ""})`).join("; ") : v;

/** The fields whose values differ between `before` and `after`; milestones compare by name and due date. */
export function diffProposals(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const a = field === "milestones" ? milestoneText(before[field]) : before[field];
    const b = field === "milestones" ? milestoneText(after[field]) : after[field];
    if ((a ?? null) !== (b ?? null)) changes.push({ field, before: a ?? null, after: b ?? null });
  }
  return changes;
}

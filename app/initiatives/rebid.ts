/**
 * A re-bid's proposal: the shelved proposal with the new dates and cost it now asks for. Its milestones move
 * with its planned start, so the plan keeps its shape in the later year. Pure.
 */

const DAY = 86_400_000;

function shift(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The proposal after a re-bid with `payload` (plannedStart, plannedEnd, nonRecurrentCost, recurrentCost?). */
export function rebidProposal(proposal: Record<string, unknown>, payload: Record<string, unknown>) {
  const from = typeof proposal.plannedStart === "string" ? proposal.plannedStart : null;
  const to = payload.plannedStart as string;
  const days = from ? Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) : 0;
  const milestones = Array.isArray(proposal.milestones)
    ? (proposal.milestones as { id?: string; name?: string; due?: string }[]).map((m) => ({
        ...m,
        ...(m.due ? { due: shift(m.due, days) } : {}),
      }))
    : proposal.milestones;
  return {
    ...proposal,
    plannedStart: payload.plannedStart,
    plannedEnd: payload.plannedEnd,
    nonRecurrentCost: payload.nonRecurrentCost,
    ...(payload.recurrentCost !== undefined ? { recurrentCost: payload.recurrentCost } : {}),
    milestones,
  };
}

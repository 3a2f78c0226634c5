// An initiative funded on a given day, driven through the real service with the times recorded then: so
// that the quarters it owes status reports for have already ended (and some are overdue) today.
import { ensureBusinessCase } from "~/attachments/business-case.server.ts";
import { createDraft, sendEvent } from "~/initiatives/initiatives.server.ts";
import { completeProposal, type Callers } from "../factories/initiatives.ts";

/** An ITB initiative funded HK$8,500,000 by Digital Government on `day` (Hong Kong date). */
export async function fundedOn(c: Callers, day: string, proposal: Record<string, unknown> = {}) {
  const at = (time: string) => ({ now: new Date(`${day}T${time}:00+08:00`) });
  const { ref } = await createDraft(c.itb, completeProposal(proposal), at("09:00"));
  await ensureBusinessCase(c.itb, ref, at("09:05").now);
  await sendEvent(c.itb, ref, { type: "SUBMIT" }, at("09:10"));
  await sendEvent(c.dg, ref, { type: "APPROVE" }, at("10:00"));
  await sendEvent(c.dgov, ref, { type: "APPROVE" }, at("10:30"));
  await sendEvent(c.dg, ref, { type: "APPROVE_FUNDING", amount: 8_500_000 }, at("11:00"));
  return ref;
}

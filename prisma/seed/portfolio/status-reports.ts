/**
 * Quarterly status reports for the funded initiatives: one per quarter that ended while in delivery, filed
 * through the machine (REPORT_STATUS) a few working days after the quarter ends. Two initiatives tell a
 * story: one reports spend above its funding in its latest report (flagged), and one never filed its
 * July–September 2026 report (overdue).
 *
 * Nothing here draws from the seeded random stream, so the rest of the portfolio comes out as before; the
 * variation comes from the plan's index. Reports are filed in the early evening, at whole minutes plus
 * some seconds, so that no report shares an instant with another step of the same initiative.
 */
import { sendEvent } from "../../../app/initiatives/initiatives.server.ts";
import { quarterEnd, quarterOf, nextQuarter, type QuarterKey } from "../../../app/status-reports/quarters.ts";
import { db } from "../../../app/utils/db.server.ts";
import { addWorkingDays, daysBetween, isoOf } from "./clock.ts";
import type { Plan, Step } from "./plan.ts";

/** Spend in its latest report runs 6 % over the funded amount. */
export const OVERSPENDING_DEMO = "e-Admission for Primary One and Secondary One places";
/** Its July–September 2026 report was never filed. */
export const OVERDUE_DEMO = "Smart tenancy management for public housing";
const SKIPPED_QUARTER: QuarterKey = "2026-Q3";

const NOTES = [
  "Work is on plan; the next milestone is in preparation.",
  "User acceptance testing with the front-line staff is under way.",
  "The contractor has mobilised and the design has been signed off.",
  "Integration with the departmental systems is progressing.",
];
const RISKS = [
  "Staff turnover in the project team.",
  "Dependency on another bureau's interface, whose schedule has moved.",
  null,
  null,
];

/**
 * The report steps of a plan funded at `fundedAt` whose delivery lasts until `endsAt` (completion, or the
 * portfolio's last instant while it goes on). A report that would fall at or after `endsAt` is not filed.
 */
export function planStatusReports(p: Plan, fundedAt: number, endsAt: number): Step[] {
  const steps: Step[] = [];
  const fundedDay = isoOf(fundedAt);
  const plannedEnd = p.plannedEnd;
  const span = Math.max(1, daysBetween(fundedDay, plannedEnd));
  let n = 0;
  for (let q = quarterOf(fundedDay); ; q = nextQuarter(q)) {
    const end = quarterEnd(q);
    const filedOn = addWorkingDays(end, 2 + ((p.index + n) % 6));
    const at = Date.parse(`${filedOn}T18:${String(5 + ((p.index * 7 + n) % 40)).padStart(2, "0")}:00+08:00`) + 17_000;
    if (at >= endsAt) break;
    n++;
    if (p.titleEn === OVERDUE_DEMO && q === SKIPPED_QUARTER) continue;
    const progress = Math.min(0.95, Math.max(0.05, daysBetween(fundedDay, end) / span));
    const overspend = p.titleEn === OVERSPENDING_DEMO;
    const rag =
      overspend && at + 100 * 86_400_000 > endsAt ? "red" : progress > 0.8 && p.index % 3 === 0 ? "amber" : "green";
    const i = (p.index + n) % NOTES.length;
    steps.push({
      at,
      act: async (plan, now) => {
        const row = await db.initiative.findUniqueOrThrow({ where: { ref: plan.ref }, select: { fundedAmount: true } });
        const funded = row.fundedAmount ?? 0;
        // The latest report of the overspending project is above funding: the later quarters had extra licences.
        const lastOne = overspend && at + 100 * 86_400_000 > endsAt;
        const spend = lastOne
          ? Math.round((funded * 1.06) / 1000) * 1000
          : Math.round((funded * progress * 0.92) / 1000) * 1000;
        return sendEvent(
          plan.owner,
          plan.ref,
          {
            type: "REPORT_STATUS",
            rag,
            percentComplete: Math.round(progress * 100),
            spendToDate: spend,
            note: lastOne
              ? "Extra licences and a second data centre link were bought; spend is above the funding."
              : NOTES[i],
            risks: lastOne ? "Spend above funding: additional funding to be sought." : (RISKS[i] ?? undefined),
          },
          { now },
        );
      },
    });
  }
  return steps;
}

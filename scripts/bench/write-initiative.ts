// A finished journey's remaining rows: comments between its events (into the audit log), its stays in
// each stage, the initiative's plain columns (which sum the journey up), milestones and conditions.
import type { AuditLog } from "./audit-log.ts";
import { DAY, fyOf, isoDate, NOW, type Ev, type Journey } from "./journey.ts";
import { daysBetweenStored, iso, newId, snapshotOf, SUMMARY } from "./statements.ts";

const stageOf = (label: string) => label.split(".")[0]!;

/** The journey's events with comments in the gaps (a comment records the plain stage, as the service does). */
function withComments(j: Journey): Ev[] {
  const { rng } = j.ctx;
  const journey: Ev[] = [];
  for (let k = 0; k < j.evs.length; k++) {
    const ev = j.evs[k]!;
    journey.push(ev);
    const next = j.evs[k + 1]?.t ?? Math.min(NOW, ev.t + 120 * DAY);
    const stage = stageOf(ev.to);
    for (let c = rng.chance(0.55) ? rng.int(1, 2) : 0; c > 0; c--) {
      const at = ev.t + rng.next() * (next - ev.t);
      if (at <= ev.t || at >= next) continue;
      const actor = rng.pick([j.owner, j.leadReviewer]);
      const payload = `{"commentId":"${newId()}"}`;
      journey.push({ t: at, name: "COMMENT", from: stage, to: stage, actor, role: "OFFICER", payload });
    }
  }
  return journey.sort((a, b) => a.t - b.t);
}

/**
 * The stays, as the service writes them: each change of stage (creation, or a new top-level state — a
 * pause or resumption within delivery is not one) opens a stay and closes the one before.
 */
function writeStays(j: Journey) {
  const changes = j.evs.filter((ev) => ev.from === null || stageOf(ev.from) !== stageOf(ev.to));
  const fy = fyOf(j.submittedAt ?? j.created);
  const submitted = j.round > 0;
  for (const [k, ev] of changes.entries()) {
    const left = changes[k + 1]?.t ?? null;
    j.ctx.sql.stay.run(
      ...[newId(), j.id, stageOf(ev.to), iso(ev.t), left === null ? null : iso(left)],
      ...[left === null ? null : daysBetweenStored(ev.t, left), submitted ? 1 : 0, fy, j.bureau, j.lead, j.category],
      ...[submitted ? j.required.join(",") : "", iso(ev.t), iso(left ?? ev.t)],
    );
    j.ctx.counts.stays++;
  }
}

export function writeInitiative(j: Journey, n: number, audit: AuditLog) {
  const { sql, counts } = j.ctx;
  const journey = withComments(j);
  for (const ev of journey) audit.add(j.id, ev);
  const [stage, substate = null] = j.label.split(".") as [string, string?];
  const last = journey[journey.length - 1]!.t;
  writeStays(j);
  const [year, seq] = j.ref.split("-").slice(1).map(Number) as [number, number];
  const f = j.flags;
  sql.initiative.run(
    ...[j.id, j.ref, year, seq, j.bureau, j.owner, `Digital initiative ${n} of ${j.bureau}`],
    ...[`${j.bureau} 數字化項目 ${n}`, j.category, j.lead, SUMMARY],
    ...[f.personal ? 1 : 0, f.shares ? 1 : 0, f.infra ? 1 : 0, f.citizen ? 1 : 0],
    ...[j.cost, Math.round(j.cost * 0.12), j.expectedSavings, j.expectedHours],
    ...[isoDate(j.plannedStart), isoDate(j.plannedEnd), snapshotOf(j.label), 1, stage, substate],
    ...[j.round > 0 ? j.required.join(",") : ""],
    ...[stage === "efficiencyReview" && j.pending.length ? `,${j.pending.join(",")},` : ""],
    ...[j.round, journey.length, fyOf(j.submittedAt ?? j.created)],
    ...[j.submittedAt === null ? null : iso(j.submittedAt), iso(j.stageEnteredAt), j.fundedAmount],
    ...[j.realised?.[0] ?? null, j.realised?.[1] ?? null, iso(j.created), iso(last)],
  );
  counts.initiatives++;
  for (const [k, m] of j.milestones.entries()) {
    sql.milestone.run(
      ...[m.id, j.id, k, `Milestone ${k + 1}`, isoDate(m.due), m.done ? "DONE" : "PLANNED"],
      ...[m.done ? isoDate(m.actual) : null, iso(j.created), iso(m.done ? m.actual : j.created)],
    );
    counts.milestones++;
  }
  for (const c of j.conditions) {
    const met = j.metAt.get(c.key);
    sql.condition.run(
      ...[newId(), j.id, c.key, c.division, c.round, "Complete a privacy impact assessment", c.due],
      ...[met ? "met" : "open", met ? "Done" : null, met ? iso(met) : null, met ? j.owner : null],
      ...[iso(c.createdAt), iso(met ?? c.createdAt)],
    );
    counts.conditions++;
  }
}

// The phases of a generated journey, each following the lifecycle's rules: the draft and its submission,
// efficiency review round after round, the funding decision, and delivery to closure. Each stops where
// the next step would fall after the benchmark's "today".
import { REASON_CODES } from "../../app/lifecycle/divisions.ts";
import { DEFAULT_BLOCK_ALLOCATION_LIMIT } from "../../app/lifecycle/initiative.machine.ts";
import { DAY, fyOf, isoDate, NOW, type Journey } from "./journey.ts";
import { iso, newId } from "./statements.ts";

/** Created, perhaps edited, then submitted (or, rarely, withdrawn as a draft). */
export function draft(j: Journey) {
  const { rng } = j.ctx;
  j.emit("CREATE", "draft", j.owner, "OFFICER", `{"ref":"${j.ref}"}`);
  for (let e = rng.int(0, 3); e > 0; e--)
    if (j.wait(rng.between(0.2, 6))) j.emit("EDIT", "draft", j.owner, "OFFICER", `{"fields":["summary"]}`);
  if (rng.chance(0.03)) {
    if (j.wait(rng.between(1, 40))) {
      j.emit("WITHDRAW", "withdrawn", j.owner, "OFFICER", `{"reason":"No longer needed","reasonCode":"OTHER"}`);
      j.ended = true;
    }
  } else if (j.wait(rng.between(1, 30))) {
    j.submit("SUBMIT");
  }
}

/** Efficiency review, round after round: each division decides; a return starts a new round. */
export function review(j: Journey) {
  const { rng } = j.ctx;
  review: while (!j.ended && j.label === "efficiencyReview") {
    const roundStart = j.t;
    const decisions = j.pending
      .map((d) => ({ d, at: roundStart + rng.between(0.3, 25) * rng.between(0.4, 1.2) * DAY }))
      .sort((a, b) => a.at - b.at);
    for (const { d, at } of decisions) {
      if (at > NOW) break review; // still pending today
      j.t = at;
      const r = rng.next();
      const rid = j.ctx.reviewer.get(d)!;
      if (r < (j.round < 3 ? 0.1 : 0)) {
        const code = rng.pick(REASON_CODES);
        j.signoff(d, "CHANGES_REQUESTED", code, "Please revise");
        j.pending = [];
        const payload = `{"reasonCode":"${code}","round":${j.round},"division":"${d}"}`;
        j.emit("REQUEST_CHANGES", "returned", rid, "REVIEWER", payload);
        if (rng.chance(0.08)) {
          if (j.wait(rng.between(3, 60))) {
            j.emit("WITHDRAW", "withdrawn", j.owner, "OFFICER", `{"reasonCode":"OTHER"}`);
            j.ended = true;
          }
          break review;
        }
        if (!j.wait(rng.between(3, 35))) break review;
        j.submit("RESUBMIT");
        continue review;
      }
      if (r < (j.round < 3 ? 0.13 : 0.05)) {
        const code = rng.pick(REASON_CODES);
        j.signoff(d, "REJECTED", code, "Not supported");
        j.pending = [];
        const payload = `{"reasonCode":"${code}","round":${j.round},"division":"${d}"}`;
        j.emit("REJECT", "rejected", rid, "REVIEWER", payload);
        j.ended = true;
        break review;
      }
      const withConditions = rng.chance(0.2);
      j.signoff(d, withConditions ? "APPROVED_WITH_CONDITIONS" : "APPROVED");
      if (withConditions) {
        for (let k = rng.int(1, 2); k > 0; k--) {
          j.conditions.push({
            key: `C${j.conditions.length + 1}`,
            division: d,
            round: j.round,
            due: rng.chance(0.8) ? isoDate(j.t + rng.int(60, 240) * DAY) : null,
            createdAt: j.t,
          });
        }
      }
      j.pending = j.pending.filter((p) => p !== d);
      j.emit(
        withConditions ? "APPROVE_WITH_CONDITIONS" : "APPROVE",
        j.pending.length === 0 ? "fundingReview" : "efficiencyReview",
        rid,
        "REVIEWER",
        `{"round":${j.round},"division":"${d}"}`,
      );
    }
    break;
  }
}

/** The lead division's funding decision: rejection, deferral, block allocation or the Finance Committee. */
export function fund(j: Journey) {
  const { rng, leaderId } = j.ctx;
  const lead = j.leadReviewer;
  let deferrals = 0;
  while (!j.ended && j.label === "fundingReview") {
    if (!j.wait(rng.between(2, 40))) break;
    const r = rng.next();
    if (r < 0.04) {
      const code = rng.pick(REASON_CODES);
      j.funding("REJECTED", { reasonCode: code });
      j.emit("REJECT", "rejected", lead, "REVIEWER", `{"reasonCode":"${code}"}`);
      j.ended = true;
    } else if (r < 0.06) {
      j.emit("WITHDRAW", "withdrawn", j.owner, "OFFICER", `{"reasonCode":"OTHER"}`);
      j.ended = true;
    } else if (r < 0.15 && deferrals < 2) {
      deferrals++;
      j.funding("DEFERRED", { reasonCode: rng.chance(0.7) ? "FUNDING_PRIORITY" : rng.pick(REASON_CODES) });
      j.emit("DEFER", "deferred", lead, "REVIEWER", `{"reasonCode":"FUNDING_PRIORITY"}`);
      if (!j.wait(rng.between(20, 150))) break;
      j.funding("REOPENED");
      j.emit("REOPEN", "fundingReview", lead, "REVIEWER");
    } else if (j.cost > DEFAULT_BLOCK_ALLOCATION_LIMIT) {
      const cost = j.cost;
      j.funding("REFERRED", { route: "FINANCE_COMMITTEE", amount: cost });
      j.emit("REFER_TO_FINANCE_COMMITTEE", "awaitingFinanceCommittee", lead, "REVIEWER", `{"amount":${cost}}`);
      if (!j.wait(rng.between(30, 120))) break;
      const paperRef = `FCR(${fyOf(j.t)})${rng.int(1, 99)}`;
      if (rng.chance(0.9)) {
        j.fundedAmount = cost;
        j.funding("FC_APPROVED", { route: "FINANCE_COMMITTEE", amount: cost, paperRef, decider: leaderId });
        j.emit("RECORD_FC_APPROVAL", "delivery.inProgress", leaderId, "LEADERSHIP", `{"paperRef":"${paperRef}"}`);
        j.fundedAt = j.t;
      } else {
        j.funding("FC_REJECTED", { route: "FINANCE_COMMITTEE", paperRef, decider: leaderId });
        j.emit("RECORD_FC_REJECTION", "rejected", leaderId, "LEADERSHIP", `{"paperRef":"${paperRef}"}`);
        j.ended = true;
      }
    } else {
      j.fundedAmount = rng.chance(0.8) ? j.cost : Math.round(j.cost * rng.between(0.7, 1));
      j.funding("APPROVED", { route: "BLOCK_ALLOCATION", amount: j.fundedAmount });
      j.emit("APPROVE_FUNDING", "delivery.inProgress", lead, "REVIEWER", `{"amount":${j.fundedAmount}}`);
      j.fundedAt = j.t;
    }
  }
}

/** Milestones due over the planned period; done on time, a little late, or very late (if delivered). */
export function planMilestones(j: Journey) {
  const { rng } = j.ctx;
  const count = rng.int(2, 5);
  j.milestones = Array.from({ length: count }, (_, k) => {
    const due = j.plannedStart + Math.round(((k + 1) / count) * (j.plannedEnd - j.plannedStart));
    const r = rng.next();
    const delay = r < 0.65 ? rng.between(-20, 0) : r < 0.9 ? rng.between(1, 60) : rng.between(61, 240);
    return { id: newId(), due, actual: due + delay * DAY, done: false };
  });
}

/** Delivery: progress reports, conditions met, perhaps a pause, then completion, benefits and closure. */
export function deliver(j: Journey) {
  if (j.ended || j.fundedAt === null) return;
  const { rng } = j.ctx;
  const fundedAt = j.fundedAt;
  let cursor = fundedAt;
  const steps: { at: number; kind: "milestone" | "condition"; ref: string }[] = [];
  for (const m of j.milestones) {
    cursor = Math.max(cursor + DAY, m.actual);
    m.actual = cursor;
    steps.push({ at: cursor, kind: "milestone", ref: m.id });
  }
  for (const c of j.conditions) {
    const due = c.due ? Date.parse(`${c.due}T00:00:00+08:00`) : fundedAt + 120 * DAY;
    steps.push({ at: Math.max(fundedAt + DAY, due + rng.between(-50, 40) * DAY), kind: "condition", ref: c.key });
  }
  steps.sort((a, b) => a.at - b.at);
  const pauseAt = rng.chance(0.1) ? fundedAt + rng.between(10, 200) * DAY : null;
  let paused = false;
  for (const s of steps) {
    if (pauseAt !== null && !paused && pauseAt < s.at) {
      if (pauseAt > NOW) return;
      j.t = pauseAt;
      j.emit("PAUSE", "delivery.onHold", j.owner, "OFFICER", `{"reasonCode":"OTHER"}`);
      paused = true;
      const resumeAt = j.t + rng.between(10, 90) * DAY;
      if (resumeAt > NOW) return;
      j.t = resumeAt;
      j.emit("RESUME", "delivery.inProgress", j.owner, "OFFICER");
    }
    if (s.at > NOW) return;
    j.t = Math.max(j.t, s.at);
    if (s.kind === "milestone") {
      const m = j.milestones.find((x) => x.id === s.ref)!;
      m.done = true;
      m.actual = j.t;
      j.emit("REPORT_PROGRESS", "delivery.inProgress", j.owner, "OFFICER", `{"milestoneId":"${m.id}"}`);
    } else {
      j.metAt.set(s.ref, j.t);
      j.emit("MEET_CONDITION", j.label, j.owner, "OFFICER", `{"conditionId":"${s.ref}"}`);
    }
  }
  if (!j.wait(rng.between(1, 20))) return;
  j.emit("COMPLETE", "benefitsReview", j.owner, "OFFICER");
  if (!j.wait(rng.between(90, 400))) return;
  const realised: [number, number] = [
    Math.round(j.expectedSavings * rng.between(0.5, 1.2)),
    Math.round(j.expectedHours * rng.between(0.5, 1.2)),
  ];
  j.realised = realised;
  j.emit("REPORT_BENEFITS", "benefitsReview", j.owner, "OFFICER", `{"realisedAnnualSavings":${realised[0]}}`);
  j.ctx.sql.benefit.run(newId(), j.id, ...realised, "Measured over the first year", j.owner, iso(j.t), iso(j.t));
  j.ctx.counts.benefits++;
  if (j.wait(rng.between(5, 60))) j.emit("CLOSE", "closed", j.leadReviewer, "REVIEWER");
}

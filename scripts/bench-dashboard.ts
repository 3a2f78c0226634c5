// The dashboard benchmark (`npm run bench:dashboard`): builds a temporary SQLite database at government
// scale — 100,000 initiatives and about 2,000,000 audit events over ten financial years — then times the
// dashboard loader (`getDashboard` for a leadership caller, with and without filters) against the same
// aggregates run as plain SQL through better-sqlite3 (the floor: no Prisma, no post-processing), prints
// p50/p95 and their ratio as a table, and deletes the database.
//
// The data is generated, not driven through the lifecycle service: 2,000,000 audited transitions through
// the real machine would take hours. It is written with raw prepared statements in a few large
// transactions, but it follows the lifecycle's rules: every initiative's plain columns (stage, substate,
// round, pendingSignoffs, requiredDivisions, financialYear, submittedAt, stageEnteredAt, fundedAmount,
// realised benefits) agree with its audit trail, sign-offs, submission rounds, funding decisions,
// milestones and conditions, as the service would have written them; so do its stays in each stage
// (StageStay: one per change of stage in the audit trail, closed by the next) and each sign-off's review
// time and copies of the filter columns.
//
// `-- --db postgres` times PostgreSQL instead: the same database copied into a fresh PostgreSQL database on
// BENCH_POSTGRES_URL's server (default TEST_POSTGRES_URL's), dropped at the end (scripts/bench-postgres.ts).
//
// Options (environment): BENCH_INITIATIVES (default 100000), BENCH_RUNS (default 30), BENCH_KEEP=1 to keep
// the database (its path is printed), BENCH_DB=<path> to time a database kept earlier instead of building one.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const INITIATIVES = Number(process.env.BENCH_INITIATIVES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
/** The benchmark's "today" (Hong Kong); ten financial years end with 2026-27. */
const TODAY = "2026-11-27";
const FIRST_DAY = "2017-04-01";

const ON_POSTGRES = process.argv.includes("postgres") && process.argv.includes("--db");
const reuse = process.env.BENCH_DB ? path.resolve(process.env.BENCH_DB) : null;
const dir = reuse ? null : mkdtempSync(path.join(os.tmpdir(), "bench-dashboard-"));
const file = reuse ?? path.join(dir!, "bench.db");
// Before any app module is imported: the app's `db` reads DATABASE_URL at first use.
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV ??= "production";
process.env.SESSION_SECRET ??= "bench-secret-that-is-long-enough-for-production";

// ---------------------------------------------------------------------------------------------------
// A seeded pseudo-random generator, so that every run builds the same portfolio.
// ---------------------------------------------------------------------------------------------------
let rngState = 0x2026_1127;
function rand(): number {
  rngState = (rngState + 0x6d2b79f5) | 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
const chance = (p: number) => rand() < p;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const DAY = 86_400_000;
const HK = 8 * 3600_000;
const NOW = Date.parse(`${TODAY}T09:00:00+08:00`);
const START = Date.parse(`${FIRST_DAY}T09:00:00+08:00`);
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00"); // as Prisma stores DateTime
const isoDate = (ms: number) => new Date(ms + HK).toISOString().slice(0, 10);
const fyOf = (ms: number) => {
  const d = new Date(ms + HK);
  const y = d.getUTCMonth() >= 3 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  return `${y}-${String((y + 1) % 100).padStart(2, "0")}`;
};

const DIVS = ["DIGITAL_GOVERNMENT", "DATA_GOVERNANCE", "DIGITAL_INFRASTRUCTURE"] as const;
type Div = (typeof DIVS)[number];
const CATEGORY_LEAD: Record<string, Div> = {
  E_SERVICE: "DIGITAL_GOVERNMENT",
  DATA_SHARING: "DATA_GOVERNANCE",
  INFRASTRUCTURE: "DIGITAL_INFRASTRUCTURE",
  AI_AUTOMATION: "DIGITAL_GOVERNMENT",
  CYBERSECURITY: "DIGITAL_INFRASTRUCTURE",
  OTHER: "DIGITAL_GOVERNMENT",
};
const CATEGORIES = Object.keys(CATEGORY_LEAD);
const REASONS = [
  "INCOMPLETE_BUSINESS_CASE",
  "COST_NOT_JUSTIFIED",
  "DUPLICATES_EXISTING_SYSTEM",
  "DATA_PRIVACY_RISK",
  "SECURITY_RISK",
  "NOT_ALIGNED_WITH_POLICY",
  "FUNDING_PRIORITY",
  "OTHER",
];
const BLOCK_LIMIT = 20_000_000;

// Text as long as the real columns hold (measured on the seeded demo portfolio), so that rows and pages
// are as heavy as in production: the snapshot ~650 characters, the summary ~300, a round's proposal ~1,100.
const SUMMARY =
  "Replace the paper-based process with an online service that lets residents apply, upload documents, pay and follow progress, integrated with the department's case management system and the government's identity service. "
    .repeat(2)
    .slice(0, 300);
const snapshotOf = (value: string) =>
  JSON.stringify({
    machineVersion: 1,
    status: value === "closed" || value === "rejected" || value === "withdrawn" ? "done" : "active",
    value,
    historyValue: {},
    children: {},
    context: { filler: "c".repeat(520) },
  });
const PROPOSAL = JSON.stringify({
  titleEn: "Digital initiative",
  summary: SUMMARY,
  milestones: [],
  filler: "p".repeat(700),
});

let idCounter = 0;
/** A cuid-sized (25 characters) unique id. */
const newId = () => `cb${(idCounter++).toString(36).padStart(10, "0")}${"x".repeat(13)}`;

// ---------------------------------------------------------------------------------------------------
// Build: migrate, reference data, users, then the generated portfolio.
// ---------------------------------------------------------------------------------------------------
async function build() {
  const started = performance.now();
  const { migrate } = await import("./db-setup.ts");
  migrate(process.env.DATABASE_URL!);
  const { seed } = await import("../prisma/seed.ts");
  await seed({ demoData: false, adminPassword: "bench-administrator-password" });
  const { getDb } = await import("../app/utils/db.server.ts");
  await getDb().$disconnect();

  const w = new Database(file);
  w.pragma("journal_mode = OFF");
  w.pragma("synchronous = OFF");
  w.pragma("cache_size = -1000000");
  const bureaux = (w.prepare(`SELECT "code" FROM "Bureau" ORDER BY "code"`).all() as { code: string }[]).map(
    (b) => b.code,
  );

  // Users: an officer per B/D, a reviewer per division, a leader. Nobody signs in to this database.
  const insUser = w.prepare(
    `INSERT INTO "User" ("id","email","name","role","bureauCode","divisionCode","passwordHash","locale","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?)`,
  );
  const officer = new Map<string, string>();
  const reviewer = new Map<Div, string>();
  const leaderId = newId();
  const stamp = iso(START);
  w.transaction(() => {
    for (const b of bureaux) {
      const id = newId();
      officer.set(b, id);
      insUser.run(
        id,
        `officer.${b.toLowerCase()}@bench.gov.hk`,
        `Officer ${b}`,
        "OFFICER",
        b,
        null,
        "-",
        "en",
        stamp,
        stamp,
      );
    }
    for (const d of DIVS) {
      const id = newId();
      reviewer.set(d, id);
      insUser.run(
        id,
        `reviewer.${d.toLowerCase()}@bench.gov.hk`,
        `Reviewer ${d}`,
        "REVIEWER",
        null,
        d,
        "-",
        "en",
        stamp,
        stamp,
      );
    }
    insUser.run(leaderId, "leader@bench.gov.hk", "Leader", "LEADERSHIP", null, null, "-", "en", stamp, stamp);
  })();

  const insInit = w.prepare(
    `INSERT INTO "Initiative" ("id","ref","refYear","refSeq","bureauCode","createdById","titleEn","titleZh","category","leadDivision","summary","handlesPersonalData","sharesDataAcrossBureaux","needsNewInfrastructure","citizenFacing","nonRecurrentCost","recurrentCost","expectedAnnualSavings","expectedStaffHoursSaved","plannedStart","plannedEnd","snapshot","machineVersion","stage","substate","requiredDivisions","pendingSignoffs","round","version","financialYear","submittedAt","stageEnteredAt","fundedAmount","realisedAnnualSavings","realisedStaffHoursSaved","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insRound = w.prepare(
    `INSERT INTO "SubmissionRound" ("id","initiativeId","round","proposal","submittedById","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?)`,
  );
  const insSignoffRow = w.prepare(
    `INSERT INTO "Signoff" ("id","initiativeId","round","division","decision","reasonCode","reason","comment","reviewerId","decidedAt","reviewDays","financialYear","bureauCode","leadDivision","category","requiredDivisions","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insStay = w.prepare(
    `INSERT INTO "StageStay" ("id","initiativeId","stage","enteredAt","leftAt","days","submitted","financialYear","bureauCode","leadDivision","category","requiredDivisions","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insFunding = w.prepare(
    `INSERT INTO "FundingDecision" ("id","initiativeId","decision","route","amount","paperRef","decisionDate","reasonCode","reason","deciderId","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insMilestone = w.prepare(
    `INSERT INTO "Milestone" ("id","initiativeId","position","name","due","status","actualDate","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?)`,
  );
  const insCondition = w.prepare(
    `INSERT INTO "Condition" ("id","initiativeId","key","division","round","text","due","status","metNote","metAt","metById","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insBenefit = w.prepare(
    `INSERT INTO "BenefitReport" ("id","initiativeId","realisedAnnualSavings","realisedStaffHoursSaved","note","reportedById","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?)`,
  );
  const insAudit = w.prepare(
    `INSERT INTO "AuditEvent" ("seq","initiativeId","actorId","actorRole","event","fromState","toState","payload","createdAt","prevHash","hash") VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );

  // Audit events are collected for all initiatives, then written in time order, so that `seq` follows
  // time across initiatives as it does in the real log. Compact columns keep 2,000,000 of them small.
  const evInit: string[] = [];
  const evActor: string[] = [];
  const evRole: string[] = [];
  const evName: string[] = [];
  const evFrom: (string | null)[] = [];
  const evTo: string[] = [];
  const evPayload: string[] = [];
  const evTime: number[] = [];

  const refSeq = new Map<number, number>();
  const counts = {
    initiatives: 0,
    signoffs: 0,
    rounds: 0,
    funding: 0,
    milestones: 0,
    conditions: 0,
    benefits: 0,
    stays: 0,
  };
  /** Days between two instants as the database stores them (whole milliseconds), as the service computes them. */
  const daysBetweenStored = (from: number, to: number) => (Math.trunc(to) - Math.trunc(from)) / DAY;

  /** One initiative's whole journey and every row it implies. */
  const generate = (n: number) => {
    const id = newId();
    const bureau = pick(bureaux);
    const owner = officer.get(bureau)!;
    const created = START + Math.floor(rand() * (NOW - 20 * DAY - START));
    const year = new Date(created + HK).getUTCFullYear();
    const seqNo = (refSeq.get(year) ?? 0) + 1;
    refSeq.set(year, seqNo);
    const category = pick(CATEGORIES);
    const lead = CATEGORY_LEAD[category]!;
    const flags = {
      personal: chance(0.45),
      shares: chance(0.2),
      infra: chance(0.35),
      citizen: category === "E_SERVICE" || chance(0.2),
    };
    const required = DIVS.filter(
      (d) =>
        d === lead ||
        (d === "DATA_GOVERNANCE" && (flags.personal || flags.shares)) ||
        (d === "DIGITAL_INFRASTRUCTURE" && flags.infra) ||
        (d === "DIGITAL_GOVERNMENT" && flags.citizen),
    );
    const cost = chance(0.15) ? int(20_000_001, 200_000_000) : int(500_000, 20_000_000);
    const expectedSavings = Math.round(cost * between(0.05, 0.4));
    const expectedHours = int(1_000, 60_000);
    const plannedStart = created + int(60, 200) * DAY;
    const plannedEnd = plannedStart + int(200, 900) * DAY;

    // The journey: a list of audit events in time order, and the rows they imply.
    type Ev = {
      t: number;
      name: string;
      from: string | null;
      to: string;
      actor: string;
      role: string;
      payload: string;
    };
    const evs: Ev[] = [];
    let label = "draft";
    let t = created;
    let stageEnteredAt = created;
    const emit = (name: string, to: string, actor: string, role: string, payload = "{}") => {
      evs.push({ t, name, from: name === "CREATE" ? null : label, to, actor, role, payload });
      // As the service: a change of stage or substate restarts the clock.
      if (name === "CREATE" || to !== label) stageEnteredAt = t;
      label = to;
    };
    /** Advances the clock; false when the step would be in the future (the journey stops there). */
    const wait = (days: number) => {
      const next = t + days * DAY;
      if (next > NOW) return false;
      t = next;
      return true;
    };
    emit("CREATE", "draft", owner, "OFFICER", `{"ref":"DPO-${year}-${String(seqNo).padStart(4, "0")}"}`);
    for (let e = int(0, 3); e > 0; e--)
      if (wait(between(0.2, 6))) emit("EDIT", "draft", owner, "OFFICER", `{"fields":["summary"]}`);

    let round = 0;
    let submittedAt: number | null = null;
    let pending: Div[] = [];
    let fundedAmount: number | null = null;
    let realised: [number, number] | null = null;
    const conditions: { key: string; division: Div; round: number; due: string | null; createdAt: number }[] = [];
    let condSeq = 0;
    let fundedAt: number | null = null;
    let ended = false;

    // A sign-off: its review time runs from the round's submission; its filter columns are the initiative's
    // (none of which changes after the first submission here).
    let roundSubmittedAt = t;
    const insSignoff = (
      ...[sid, iid, r, d, decision, code, reason, comment, rid, at]: [
        string,
        string,
        number,
        Div,
        string,
        string | null,
        string | null,
        null,
        string,
        string,
      ]
    ) => {
      const decided = Date.parse(at);
      insSignoffRow.run(
        sid,
        iid,
        r,
        d,
        decision,
        code,
        reason,
        comment,
        rid,
        at,
        daysBetweenStored(roundSubmittedAt, decided),
        fyOf(submittedAt!),
        bureau,
        lead,
        category,
        required.join(","),
        at,
        at,
      );
    };
    const submit = (name: "SUBMIT" | "RESUBMIT") => {
      round++;
      submittedAt ??= t;
      roundSubmittedAt = t;
      emit(name, "efficiencyReview", owner, "OFFICER", `{"round":${round}}`);
      insRound.run(newId(), id, round, PROPOSAL, owner, iso(t), iso(t));
      counts.rounds++;
      pending = [...required];
    };

    if (chance(0.03)) {
      if (wait(between(1, 40))) {
        emit("WITHDRAW", "withdrawn", owner, "OFFICER", `{"reason":"No longer needed","reasonCode":"OTHER"}`);
        ended = true;
      }
    } else if (wait(between(1, 30))) {
      submit("SUBMIT");
    }

    // Efficiency review, round after round.
    review: while (!ended && label === "efficiencyReview") {
      const roundStart = t;
      const decisions = pending
        .map((d) => ({ d, at: roundStart + between(0.3, 25) * between(0.4, 1.2) * DAY }))
        .sort((a, b) => a.at - b.at);
      for (const { d, at } of decisions) {
        if (at > NOW) break review; // still pending today
        t = at;
        const r = rand();
        const rid = reviewer.get(d)!;
        if (r < (round < 3 ? 0.1 : 0)) {
          const code = pick(REASONS);
          insSignoff(newId(), id, round, d, "CHANGES_REQUESTED", code, "Please revise", null, rid, iso(t));
          counts.signoffs++;
          pending = [];
          emit(
            "REQUEST_CHANGES",
            "returned",
            rid,
            "REVIEWER",
            `{"reasonCode":"${code}","round":${round},"division":"${d}"}`,
          );
          if (chance(0.08)) {
            if (wait(between(3, 60))) {
              emit("WITHDRAW", "withdrawn", owner, "OFFICER", `{"reasonCode":"OTHER"}`);
              ended = true;
            }
            break review;
          }
          if (!wait(between(3, 35))) break review;
          submit("RESUBMIT");
          continue review;
        }
        if (r < (round < 3 ? 0.13 : 0.05)) {
          const code = pick(REASONS);
          insSignoff(newId(), id, round, d, "REJECTED", code, "Not supported", null, rid, iso(t));
          counts.signoffs++;
          pending = [];
          emit("REJECT", "rejected", rid, "REVIEWER", `{"reasonCode":"${code}","round":${round},"division":"${d}"}`);
          ended = true;
          break review;
        }
        const withConditions = chance(0.2);
        insSignoff(
          newId(),
          id,
          round,
          d,
          withConditions ? "APPROVED_WITH_CONDITIONS" : "APPROVED",
          null,
          null,
          null,
          rid,
          iso(t),
        );
        counts.signoffs++;
        if (withConditions) {
          for (let k = int(1, 2); k > 0; k--) {
            conditions.push({
              key: `C${++condSeq}`,
              division: d,
              round,
              due: chance(0.8) ? isoDate(t + int(60, 240) * DAY) : null,
              createdAt: t,
            });
          }
        }
        pending = pending.filter((p) => p !== d);
        emit(
          withConditions ? "APPROVE_WITH_CONDITIONS" : "APPROVE",
          pending.length === 0 ? "fundingReview" : "efficiencyReview",
          rid,
          "REVIEWER",
          `{"round":${round},"division":"${d}"}`,
        );
      }
      break;
    }

    // Funding.
    const leadReviewer = reviewer.get(lead)!;
    const funding = (
      decision: string,
      extra: { route?: string; amount?: number; reasonCode?: string; paperRef?: string; decider?: string } = {},
    ) => {
      insFunding.run(
        newId(),
        id,
        decision,
        extra.route ?? null,
        extra.amount ?? null,
        extra.paperRef ?? null,
        extra.paperRef ? isoDate(t) : null,
        extra.reasonCode ?? null,
        extra.reasonCode ? "Reason" : null,
        extra.decider ?? leadReviewer,
        iso(t),
        iso(t),
      );
      counts.funding++;
    };
    let deferrals = 0;
    while (!ended && label === "fundingReview") {
      if (!wait(between(2, 40))) break;
      const r = rand();
      if (r < 0.04) {
        const code = pick(REASONS);
        funding("REJECTED", { reasonCode: code });
        emit("REJECT", "rejected", leadReviewer, "REVIEWER", `{"reasonCode":"${code}"}`);
        ended = true;
      } else if (r < 0.06) {
        emit("WITHDRAW", "withdrawn", owner, "OFFICER", `{"reasonCode":"OTHER"}`);
        ended = true;
      } else if (r < 0.15 && deferrals < 2) {
        deferrals++;
        funding("DEFERRED", { reasonCode: chance(0.7) ? "FUNDING_PRIORITY" : pick(REASONS) });
        emit("DEFER", "deferred", leadReviewer, "REVIEWER", `{"reasonCode":"FUNDING_PRIORITY"}`);
        if (!wait(between(20, 150))) break;
        funding("REOPENED");
        emit("REOPEN", "fundingReview", leadReviewer, "REVIEWER");
      } else if (cost > BLOCK_LIMIT) {
        funding("REFERRED", { route: "FINANCE_COMMITTEE", amount: cost });
        emit("REFER_TO_FINANCE_COMMITTEE", "awaitingFinanceCommittee", leadReviewer, "REVIEWER", `{"amount":${cost}}`);
        if (!wait(between(30, 120))) break;
        const paperRef = `FCR(${fyOf(t)})${int(1, 99)}`;
        if (chance(0.9)) {
          fundedAmount = cost;
          funding("FC_APPROVED", { route: "FINANCE_COMMITTEE", amount: cost, paperRef, decider: leaderId });
          emit("RECORD_FC_APPROVAL", "delivery.inProgress", leaderId, "LEADERSHIP", `{"paperRef":"${paperRef}"}`);
          fundedAt = t;
        } else {
          funding("FC_REJECTED", { route: "FINANCE_COMMITTEE", paperRef, decider: leaderId });
          emit("RECORD_FC_REJECTION", "rejected", leaderId, "LEADERSHIP", `{"paperRef":"${paperRef}"}`);
          ended = true;
        }
      } else {
        fundedAmount = chance(0.8) ? cost : Math.round(cost * between(0.7, 1));
        funding("APPROVED", { route: "BLOCK_ALLOCATION", amount: fundedAmount });
        emit("APPROVE_FUNDING", "delivery.inProgress", leadReviewer, "REVIEWER", `{"amount":${fundedAmount}}`);
        fundedAt = t;
      }
    }

    // Milestones: due over the planned period; done on time, a little late, or very late.
    const milestoneCount = int(2, 5);
    const milestones = Array.from({ length: milestoneCount }, (_, k) => {
      const due = plannedStart + Math.round(((k + 1) / milestoneCount) * (plannedEnd - plannedStart));
      const r = rand();
      const delay = r < 0.65 ? between(-20, 0) : r < 0.9 ? between(1, 60) : between(61, 240);
      return { id: newId(), due, actual: due + delay * DAY, done: false };
    });
    const metAt = new Map<string, number>();

    // Delivery: progress reports, conditions met, perhaps a pause, then completion.
    if (!ended && fundedAt !== null) {
      let cursor = fundedAt;
      const steps: { at: number; kind: "milestone" | "condition"; ref: string }[] = [];
      for (const m of milestones) {
        cursor = Math.max(cursor + DAY, m.actual);
        m.actual = cursor;
        steps.push({ at: cursor, kind: "milestone", ref: m.id });
      }
      for (const c of conditions) {
        const due = c.due ? Date.parse(`${c.due}T00:00:00+08:00`) : fundedAt + 120 * DAY;
        steps.push({ at: Math.max(fundedAt + DAY, due + between(-50, 40) * DAY), kind: "condition", ref: c.key });
      }
      steps.sort((a, b) => a.at - b.at);
      const pauseAt = chance(0.1) ? fundedAt + between(10, 200) * DAY : null;
      let paused = false;
      let stopped = false;
      for (const s of steps) {
        if (pauseAt !== null && !paused && pauseAt < s.at) {
          if (pauseAt > NOW) {
            stopped = true;
            break;
          }
          t = pauseAt;
          emit("PAUSE", "delivery.onHold", owner, "OFFICER", `{"reasonCode":"OTHER"}`);
          paused = true;
          const resumeAt = t + between(10, 90) * DAY;
          if (resumeAt > NOW) {
            stopped = true;
            break;
          }
          t = resumeAt;
          emit("RESUME", "delivery.inProgress", owner, "OFFICER");
        }
        if (s.at > NOW) {
          stopped = true;
          break;
        }
        t = Math.max(t, s.at);
        if (s.kind === "milestone") {
          const m = milestones.find((x) => x.id === s.ref)!;
          m.done = true;
          m.actual = t;
          emit("REPORT_PROGRESS", "delivery.inProgress", owner, "OFFICER", `{"milestoneId":"${m.id}"}`);
        } else {
          metAt.set(s.ref, t);
          emit("MEET_CONDITION", label, owner, "OFFICER", `{"conditionId":"${s.ref}"}`);
        }
      }
      if (!stopped && wait(between(1, 20))) {
        emit("COMPLETE", "benefitsReview", owner, "OFFICER");
        if (wait(between(90, 400))) {
          realised = [Math.round(expectedSavings * between(0.5, 1.2)), Math.round(expectedHours * between(0.5, 1.2))];
          emit("REPORT_BENEFITS", "benefitsReview", owner, "OFFICER", `{"realisedAnnualSavings":${realised[0]}}`);
          insBenefit.run(newId(), id, realised[0], realised[1], "Measured over the first year", owner, iso(t), iso(t));
          counts.benefits++;
          if (wait(between(5, 60))) emit("CLOSE", "closed", leadReviewer, "REVIEWER");
        }
      }
    }

    // Comments in the gaps between events (a comment records the plain stage, as the service does).
    const journey: Ev[] = [];
    for (let k = 0; k < evs.length; k++) {
      const ev = evs[k]!;
      journey.push(ev);
      const next = evs[k + 1]?.t ?? Math.min(NOW, ev.t + 120 * DAY);
      const stage = ev.to.split(".")[0]!;
      for (let c = chance(0.55) ? int(1, 2) : 0; c > 0; c--) {
        const at = ev.t + rand() * (next - ev.t);
        if (at <= ev.t || at >= next) continue;
        journey.push({
          t: at,
          name: "COMMENT",
          from: stage,
          to: stage,
          actor: pick([owner, leadReviewer]),
          role: "OFFICER",
          payload: `{"commentId":"${newId()}"}`,
        });
      }
    }
    journey.sort((a, b) => a.t - b.t);
    for (const ev of journey) {
      evInit.push(id);
      evActor.push(ev.actor);
      evRole.push(ev.role);
      evName.push(ev.name);
      evFrom.push(ev.from);
      evTo.push(ev.to);
      evPayload.push(ev.payload);
      evTime.push(ev.t);
    }

    const [stage, substate = null] = label.split(".") as [string, string?];
    const last = journey[journey.length - 1]!.t;

    // The stays, as the service writes them: each change of stage (creation, or a new top-level state — a
    // pause or resumption within delivery is not one) opens a stay and closes the one before.
    const stageOfLabel = (l: string) => l.split(".")[0]!;
    const changes = evs.filter((ev) => ev.from === null || stageOfLabel(ev.from) !== stageOfLabel(ev.to));
    const stayFy = fyOf(submittedAt ?? created);
    for (const [k, ev] of changes.entries()) {
      const left = changes[k + 1]?.t ?? null;
      insStay.run(
        newId(),
        id,
        stageOfLabel(ev.to),
        iso(ev.t),
        left === null ? null : iso(left),
        left === null ? null : daysBetweenStored(ev.t, left),
        round > 0 ? 1 : 0,
        stayFy,
        bureau,
        lead,
        category,
        round > 0 ? required.join(",") : "",
        iso(ev.t),
        iso(left ?? ev.t),
      );
      counts.stays++;
    }
    insInit.run(
      id,
      `DPO-${year}-${String(seqNo).padStart(4, "0")}`,
      year,
      seqNo,
      bureau,
      owner,
      `Digital initiative ${n} of ${bureau}`,
      `${bureau} 數字化項目 ${n}`,
      category,
      lead,
      SUMMARY,
      flags.personal ? 1 : 0,
      flags.shares ? 1 : 0,
      flags.infra ? 1 : 0,
      flags.citizen ? 1 : 0,
      cost,
      Math.round(cost * 0.12),
      expectedSavings,
      expectedHours,
      isoDate(plannedStart),
      isoDate(plannedEnd),
      snapshotOf(label), // a stand-in of the real snapshot's size: the dashboard never reads it
      1,
      stage,
      substate,
      round > 0 ? required.join(",") : "",
      stage === "efficiencyReview" && pending.length ? `,${pending.join(",")},` : "",
      round,
      journey.length,
      fyOf(submittedAt ?? created),
      submittedAt === null ? null : iso(submittedAt),
      iso(stageEnteredAt),
      fundedAmount,
      realised?.[0] ?? null,
      realised?.[1] ?? null,
      iso(created),
      iso(last),
    );
    counts.initiatives++;
    for (const [k, m] of milestones.entries()) {
      insMilestone.run(
        m.id,
        id,
        k,
        `Milestone ${k + 1}`,
        isoDate(m.due),
        m.done ? "DONE" : "PLANNED",
        m.done ? isoDate(m.actual) : null,
        iso(created),
        iso(m.done ? m.actual : created),
      );
      counts.milestones++;
    }
    for (const c of conditions) {
      const met = metAt.get(c.key);
      insCondition.run(
        newId(),
        id,
        c.key,
        c.division,
        c.round,
        "Complete a privacy impact assessment",
        c.due,
        met ? "met" : "open",
        met ? "Done" : null,
        met ? iso(met) : null,
        met ? owner : null,
        iso(c.createdAt),
        iso(met ?? c.createdAt),
      );
      counts.conditions++;
    }
  };
  // Children are written before their initiative (whose columns sum up the journey): foreign keys are
  // checked once at the end instead of row by row.
  w.pragma("foreign_keys = OFF");
  const CHUNK = 5_000;
  for (let from = 0; from < INITIATIVES; from += CHUNK) {
    w.transaction(() => {
      for (let n = from; n < Math.min(INITIATIVES, from + CHUNK); n++) generate(n);
    })();
  }

  // The audit log in time order. The hash chain is FAKE here (sequential hex, not SHA-256 of the
  // content): this database only serves the benchmark, and sequential keys keep the two unique hash
  // indexes cheap to fill. `npm run audit:verify` would rightly reject it.
  const order = Uint32Array.from({ length: evTime.length }, (_, i) => i).sort((a, b) => evTime[a]! - evTime[b]!);
  const hex = (n: number) => n.toString(16).padStart(64, "0");
  w.transaction(() => {
    let seq = 0;
    for (const i of order) {
      seq++;
      insAudit.run(
        seq,
        evInit[i],
        evActor[i],
        evRole[i],
        evName[i],
        evFrom[i],
        evTo[i],
        evPayload[i],
        iso(evTime[i]!),
        hex(seq - 1),
        hex(seq),
      );
    }
  })();
  const broken = w.pragma("foreign_key_check") as unknown[];
  if (broken.length) throw new Error(`${broken.length} rows break a foreign key`);

  // The generated stays and review times must be what migration 20261128090000_stage_stays computes from
  // the audit log, submission rounds and initiatives (its own backfill statements, run into scratch tables).
  const { stayBackfillSql, signoffBackfillSql } = await import("./stage-stays-backfill.ts");
  w.exec(`CREATE TEMP TABLE "check_StageStay" AS SELECT * FROM "StageStay" WHERE 0`);
  w.exec(`CREATE TEMP TABLE "check_Signoff" AS SELECT * FROM "Signoff" WHERE 0`);
  w.exec(stayBackfillSql("check_StageStay"));
  w.exec(signoffBackfillSql("check_Signoff"));
  const differing = (table: string, columns: string[]) => {
    const cols = columns.map((c) => `"${c}"`).join(", ");
    const count = (a: string, b: string) =>
      (
        w.prepare(`SELECT COUNT(*) AS n FROM (SELECT ${cols} FROM ${a} EXCEPT SELECT ${cols} FROM ${b})`).get() as {
          n: number;
        }
      ).n;
    return count(`"${table}"`, `temp."check_${table}"`) + count(`temp."check_${table}"`, `"${table}"`);
  };
  const stayDiff = differing("StageStay", [
    "initiativeId",
    "stage",
    "enteredAt",
    "leftAt",
    "days",
    "submitted",
    "financialYear",
    "bureauCode",
    "leadDivision",
    "category",
    "requiredDivisions",
    "createdAt",
    "updatedAt",
  ]);
  const signoffDiff = differing("Signoff", [
    "id",
    "reviewDays",
    "financialYear",
    "bureauCode",
    "leadDivision",
    "category",
    "requiredDivisions",
  ]);
  if (stayDiff || signoffDiff)
    throw new Error(`${stayDiff} stays and ${signoffDiff} sign-offs differ from the migration's backfill`);
  w.exec(`DROP TABLE temp."check_StageStay"; DROP TABLE temp."check_Signoff"`);
  w.pragma("journal_mode = WAL");
  w.close();
  return { counts: { ...counts, audit: evTime.length }, leaderId, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------------
// Measure.
// ---------------------------------------------------------------------------------------------------
function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
}

async function time(fn: () => unknown): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** The PostgreSQL copy being timed, dropped at the end. */
let pgUrl: string | null = null;

async function main() {
  // Whatever happens, the temporary folder is removed at the end.
  try {
    let leaderId: string;
    if (reuse) {
      console.log(`Timing ${file} …`);
      const ro = new Database(file, { readonly: true });
      leaderId = (ro.prepare(`SELECT "id" FROM "User" WHERE "role" = 'LEADERSHIP' LIMIT 1`).get() as { id: string }).id;
      ro.close();
    } else {
      console.log(`Building ${INITIATIVES.toLocaleString("en")} initiatives in ${file} …`);
      const built = await build();
      leaderId = built.leaderId;
      console.log(
        `Built in ${built.seconds.toFixed(1)} s: ${Object.entries(built.counts)
          .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
          .join(", ")}.`,
      );
    }

    const postgres = ON_POSTGRES ? await import("./bench-postgres.ts") : null;
    let pgClient: import("pg").Client | null = null;
    let pgVersion = "";
    if (postgres) {
      const copy = await postgres.copyToPostgres(file);
      pgUrl = copy.url;
      console.log(`Copied into PostgreSQL in ${copy.seconds.toFixed(1)} s.`);
      // Before the app's `db` is first used: it opens the database of DATABASE_URL.
      process.env.DATABASE_URL = copy.url;
      const { default: pg } = await import("pg");
      pgClient = new pg.Client({ connectionString: copy.url });
      // Dropped at the end even after a failure, which ends this connection from the server's side.
      pgClient.on("error", () => {});
      await pgClient.connect();
      pgVersion = (await pgClient.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    }
    const { getDashboard } = await import("../app/dashboard/dashboard.queries.server.ts");
    const { AGGREGATES, plainDashboard: plainSqlite } = await import("./bench-dashboard-plain.ts");
    const leader = { id: leaderId, role: "LEADERSHIP" as const, bureauCode: null, divisionCode: null };
    const ro = new Database(file, { readonly: true });
    const plainDashboard = (
      _db: unknown,
      filters: Record<string, string>,
      today: string,
      timings?: Map<string, number[]>,
    ) =>
      pgClient && postgres
        ? postgres.plainDashboardPostgres(pgClient, filters, today, timings)
        : Promise.resolve(plainSqlite(ro, filters, today, timings));

    const cases: { name: string; filters: Record<string, string> }[] = [
      { name: "no filter", filters: {} },
      { name: "fy=2024-25", filters: { fy: "2024-25" } },
      { name: "fy=2025-26, category=E_SERVICE", filters: { fy: "2025-26", category: "E_SERVICE" } },
      { name: "bureau=IMMD", filters: { bureau: "IMMD" } },
    ];
    const rows: string[][] = [];
    const perAggregate: string[][] = AGGREGATES.map((a) => [a]);
    for (const c of cases) {
      // The two must agree before their times mean anything.
      const d = await getDashboard(leader, c.filters, TODAY);
      const p = await plainDashboard(ro, c.filters, TODAY);
      const stagesAgree = Object.entries(d.byStage).every(([s, n]) => (p.byStage[s] ?? 0) === n);
      if (!stagesAgree) throw new Error(`${c.name}: the loader and plain SQL disagree on byStage`);
      const cyclesAgree =
        Object.keys(d.cycleTimeDays).length === p.cycleTimes.size &&
        [...p.cycleTimes].every(
          ([stage, v]) => JSON.stringify(d.cycleTimeDays[stage as keyof typeof d.cycleTimeDays]) === JSON.stringify(v),
        );
      const reviewsAgree = d.byDivision.every((r) => {
        const v = p.reviewTimes.get(r.division);
        return (
          r.decisions === (v?.count ?? 0) &&
          r.medianReviewDays === (v?.median ?? null) &&
          r.p90ReviewDays === (v?.p90 ?? null)
        );
      });
      if (!cyclesAgree || !reviewsAgree)
        throw new Error(`${c.name}: the loader and plain SQL disagree on cycle or review times`);
      const loader = stats(await time(() => getDashboard(leader, c.filters, TODAY)));
      const timings = new Map<string, number[]>();
      const plain = stats(await time(() => plainDashboard(ro, c.filters, TODAY, timings)));
      AGGREGATES.forEach((a, i) => perAggregate[i]!.push(stats(timings.get(a)!).p50.toFixed(1)));
      rows.push([
        c.name,
        d.total.toLocaleString("en"),
        loader.p50.toFixed(1),
        loader.p95.toFixed(1),
        plain.p50.toFixed(1),
        plain.p95.toFixed(1),
        (loader.p95 / plain.p95).toFixed(2),
      ]);
      console.log(`  ${c.name}: loader p95 ${loader.p95.toFixed(1)} ms, plain SQL p95 ${plain.p95.toFixed(1)} ms`);
    }
    ro.close();
    await pgClient?.end();
    const { getDb } = await import("../app/utils/db.server.ts");
    await getDb().$disconnect();

    const header = [
      "filters",
      "initiatives",
      "loader p50 (ms)",
      "loader p95 (ms)",
      "plain SQL p50 (ms)",
      "plain SQL p95 (ms)",
      "p95 ratio",
    ];
    const table = [header, header.map((h, i) => (i < 2 ? "---" : "---:")), ...rows]
      .map((r) => `| ${r.join(" | ")} |`)
      .join("\n");
    console.log(
      `\n${RUNS} runs each after ${WARMUP} warm-up runs, on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}, ${pgVersion ? `PostgreSQL ${pgVersion}` : `SQLite ${(new Database(":memory:").prepare("select sqlite_version() v").get() as { v: string }).v}`}:\n`,
    );
    console.log(table);
    const header2 = ["plain SQL p50 (ms) per aggregate", ...cases.map((c) => c.name)];
    const table2 = [header2, header2.map((_, i) => (i === 0 ? "---" : "---:")), ...perAggregate]
      .map((r) => `| ${r.join(" | ")} |`)
      .join("\n");
    console.log(`\n${table2}`);
  } finally {
    if (pgUrl) await (await import("./bench-postgres.ts")).dropPostgres(pgUrl);
    if (dir && process.env.BENCH_KEEP) console.log(`\nKept ${file}`);
    else if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

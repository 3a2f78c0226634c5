/**
 * The demo funding rounds: a finalised round for 2025-26 and an open one for 2026-27 whose bids ask for
 * more than its envelope. Their own bids are initiatives created, reviewed and decided only through the
 * services and the machine (the 2025-26 bids are funded or shelved by the round's finalisation); the
 * portfolio's own proposals in funding review join the 2026-27 round as they would in the application.
 *
 * Steps carry their time and are replayed in time order together with the portfolio's, so the audit chain
 * follows time. The dates avoid the 2025-26 round's finalisation while any portfolio proposal is in funding
 * review (the round would decide it too).
 */
import { ensureBusinessCase } from "../../../app/attachments/business-case.server.ts";
import { scoreBid } from "../../../app/funding-rounds/bid-scores.server.ts";
import { moveBid } from "../../../app/funding-rounds/bid-moves.server.ts";
import { finaliseRound } from "../../../app/funding-rounds/finalise-round.server.ts";
import { getRound, openRound } from "../../../app/funding-rounds/funding-rounds.server.ts";
import type { Caller } from "../../../app/initiatives/access.server.ts";
import { createDraft, sendEvent } from "../../../app/initiatives/initiatives.server.ts";
import { nextQuarter, quarterEnd, type QuarterKey } from "../../../app/status-reports/quarters.ts";
import { db } from "../../../app/utils/db.server.ts";
import { addWorkingDays } from "./clock.ts";
import type { Callers } from "./plan.ts";

export type TimedStep = { at: number; what: string; run: (now: Date) => Promise<unknown> };

const at = (isoDate: string, time: string) => Date.parse(`${isoDate}T${time}:00+08:00`);

type Bid = {
  bureau: string;
  titleEn: string;
  titleZh: string;
  summary: string;
  cost: number;
  start: string;
  /** One mark 1–5 per default criterion, in order: benefits against cost, policy priority, urgency, readiness. */
  marks?: [number, number, number, number];
  ref?: string;
};

const BIDS_2025: Bid[] = [
  {
    bureau: "ITIB",
    titleEn: "Smart tender evaluation assistant",
    titleZh: "智能標書評審助理",
    summary: "Machine-assisted checks of tender submissions against the evaluation criteria.",
    cost: 18_000_000,
    start: "2025-06-01",
    marks: [5, 5, 4, 4],
  },
  {
    bureau: "IMMD",
    titleEn: "Self-service kiosks for visa extension",
    titleZh: "延長逗留期限自助服務站",
    summary: "Kiosks at the Immigration Headquarters for routine extensions of stay.",
    cost: 15_000_000,
    start: "2025-07-01",
    marks: [4, 5, 4, 4],
  },
  {
    bureau: "IRD",
    titleEn: "Stamp duty e-filing upgrade",
    titleZh: "印花稅電子報稅系統提升",
    summary: "One online journey for stamping property and share transfer documents.",
    cost: 11_000_000,
    start: "2025-06-01",
    marks: [4, 4, 3, 4],
  },
  {
    bureau: "SWD",
    titleEn: "Mobile case notes for social workers",
    titleZh: "社工流動個案記錄",
    summary: "Social workers record home visits on a mobile app instead of paper forms.",
    cost: 8_500_000,
    start: "2025-09-01",
    marks: [4, 3, 3, 3],
  },
  {
    bureau: "PLAND",
    titleEn: "3D planning data viewer",
    titleZh: "立體規劃資料檢視器",
    summary: "A browser viewer of statutory plans over the 3D spatial data of Hong Kong.",
    cost: 6_000_000,
    start: "2025-10-01",
    marks: [3, 3, 3, 3],
  },
  {
    bureau: "ITIB",
    titleEn: "Open API gateway for bureau data",
    titleZh: "政府數據開放應用程式介面閘道",
    summary: "One gateway through which bureaux publish their open data as APIs.",
    cost: 4_200_000,
    start: "2025-08-01",
    marks: [3, 3, 2, 3],
  },
];

const BIDS_2026: Bid[] = [
  {
    bureau: "ITIB",
    titleEn: "Digital signatures for all government e-forms",
    titleZh: "所有政府電子表格的數碼簽署",
    summary: "Let citizens sign every government e-form with their iAM Smart digital signature.",
    cost: 12_000_000,
    start: "2027-01-01",
    marks: [5, 4, 4, 4],
  },
  {
    bureau: "ITIB",
    titleEn: "Cross-department complaint routing",
    titleZh: "跨部門投訴轉介",
    summary: "Route a citizen's complaint to every department concerned from one case.",
    cost: 9_500_000,
    start: "2027-02-01",
    marks: [3, 4, 3, 3],
  },
  {
    bureau: "IMMD",
    titleEn: "Online renewal of travel documents",
    titleZh: "網上續領旅行證件",
    summary: "Renew an HKSAR passport online and collect it at a kiosk.",
    cost: 6_000_000,
    start: "2027-03-01",
  },
];

function proposalOf(b: Bid) {
  const year = Number(b.start.slice(0, 4));
  return {
    titleEn: b.titleEn,
    titleZh: b.titleZh,
    category: "AI_AUTOMATION",
    leadDivision: "DIGITAL_GOVERNMENT",
    summary: b.summary,
    handlesPersonalData: false,
    sharesDataAcrossBureaux: false,
    needsNewInfrastructure: false,
    citizenFacing: false,
    nonRecurrentCost: b.cost,
    recurrentCost: Math.round(b.cost / 10_000) * 1_000,
    expectedAnnualSavings: Math.round(b.cost / 30_000) * 10_000,
    expectedStaffHoursSaved: Math.round(b.cost / 1_000),
    plannedStart: b.start,
    plannedEnd: `${year + 2}-03-31`,
    milestones: [
      { name: "Tender awarded", due: `${year}-${b.start.slice(5, 7) === "01" ? "06" : "12"}-30` },
      { name: "System live", due: `${year + 1}-12-31` },
    ],
  };
}

const marksOf = (m: [number, number, number, number]) => ({
  benefitsAgainstCost: m[0],
  policyPriority: m[1],
  urgencyAndRisk: m[2],
  readiness: m[3],
});

/** The steps that take a bid from a new draft to funding review: created, submitted, signed off by its lead. */
function journey(b: Bid, owner: Caller, c: Callers, days: [string, string, string], slot: number): TimedStep[] {
  const time = `1${slot}:${String(10 + slot * 3).padStart(2, "0")}`;
  return [
    {
      at: at(days[0], time),
      what: `create "${b.titleEn}"`,
      run: async (now) => {
        b.ref = (await createDraft(owner, proposalOf(b), { now })).ref;
      },
    },
    {
      at: at(days[1], time),
      what: `submit ${b.titleEn}`,
      run: async (now) => {
        await ensureBusinessCase(owner, b.ref!, new Date(now.getTime() - 1000));
        await sendEvent(owner, b.ref!, { type: "SUBMIT" }, { now });
      },
    },
    {
      at: at(days[2], time),
      what: `sign off ${b.titleEn}`,
      run: (now) => sendEvent(c.dg, b.ref!, { type: "APPROVE", comment: "Meets the efficiency criteria." }, { now }),
    },
  ];
}

/** The demo rounds' steps, to be replayed in time order with the portfolio's. */
export function fundingRoundSteps(c: Callers): TimedStep[] {
  const steps: TimedStep[] = [];
  // 2025-26: bids over the winter, scored in March, finalised before the financial year begins.
  steps.push({
    at: at("2024-12-02", "10:00"),
    what: "open the 2025-26 round",
    run: (now) =>
      openRound(
        c.leader,
        { fy: "2025-26", envelope: 40_000_000, bidDeadline: "2025-02-28", decisionDate: "2025-03-20" },
        now,
      ),
  });
  BIDS_2025.forEach((b, i) =>
    steps.push(...journey(b, c.officerOf(b.bureau), c, ["2025-01-06", "2025-01-14", "2025-02-10"], i)),
  );
  BIDS_2025.forEach((b, i) =>
    steps.push({
      at: at("2025-03-10", `10:${String(i * 5).padStart(2, "0")}`),
      what: `score ${b.titleEn}`,
      run: (now) => scoreBid(c.dg, "2025-26", b.ref!, { scores: marksOf(b.marks!) }, now),
    }),
  );
  steps.push({
    at: at("2025-03-11", "15:00"),
    what: "advisory score",
    run: (now) =>
      scoreBid(
        c.dgov,
        "2025-26",
        BIDS_2025[3]!.ref!,
        { scores: marksOf([4, 4, 4, 3]), comments: { readiness: "Data retention rules still to be agreed." } },
        now,
      ),
  });
  steps.push({
    at: at("2025-03-18", "11:00"),
    what: "move a bid above the line",
    run: (now) =>
      moveBid(
        c.leader,
        "2025-26",
        {
          ref: BIDS_2025[5]!.ref!,
          aboveLine: true,
          reason: "Needed for the Smart Government Innovation Lab launch; fits in what the envelope leaves.",
        },
        now,
      ),
  });
  steps.push({
    at: at("2025-03-20", "16:00"),
    what: "finalise the 2025-26 round",
    run: (now) => finaliseRound(c.leader, "2025-26", {}, now),
  });

  // The bids it funded report on each quarter of their delivery, as every funded project does.
  let q: QuarterKey = "2025-Q1";
  for (let n = 1; quarterEnd(q) < "2026-11-01"; q = nextQuarter(q), n++) {
    const quarter = q;
    const share = Math.min(0.9, n / 10);
    steps.push({
      at: at(addWorkingDays(quarterEnd(quarter), 4), "18:20"),
      what: `status reports of the 2025-26 round's projects for ${quarter}`,
      run: async (now) => {
        let second = 0;
        for (const b of BIDS_2025) {
          const row = await db.initiative.findUnique({
            where: { ref: b.ref! },
            select: { stage: true, fundedAmount: true },
          });
          if (row?.stage !== "delivery") continue;
          const funded = row.fundedAmount ?? 0;
          await sendEvent(
            c.officerOf(b.bureau),
            b.ref!,
            {
              type: "REPORT_STATUS",
              rag: "green",
              percentComplete: Math.round(share * 100),
              spendToDate: Math.round((funded * share * 0.9) / 1000) * 1000,
              note: "Delivery is on plan for the quarter.",
            },
            { now: new Date(now.getTime() + second++ * 1000) },
          );
        }
      },
    });
  }

  // 2026-27: open, with more bids than the envelope can fund; scoring under way.
  steps.push({
    at: at("2026-10-05", "10:00"),
    what: "open the 2026-27 round",
    run: (now) =>
      openRound(
        c.leader,
        { fy: "2026-27", envelope: 45_000_000, bidDeadline: "2027-01-29", decisionDate: "2027-03-12" },
        now,
      ),
  });
  BIDS_2026.forEach((b, i) =>
    steps.push(...journey(b, c.officerOf(b.bureau), c, ["2026-10-06", "2026-10-07", "2026-10-14"], i)),
  );
  // The shelved mobile case notes bid again, smaller and later, as the next round of the same proposal.
  steps.push({
    at: at("2026-10-08", "11:00"),
    what: "re-bid a shelved proposal",
    run: (now) =>
      sendEvent(
        c.officerOf(BIDS_2025[3]!.bureau),
        BIDS_2025[3]!.ref!,
        {
          type: "REBID",
          plannedStart: "2027-01-04",
          plannedEnd: "2028-12-29",
          nonRecurrentCost: 7_800_000,
          note: "A first phase for the family services centres only; the tablets are now supplied centrally.",
        },
        { now },
      ),
  });
  steps.push({
    at: at("2026-11-17", "10:00"),
    what: "score the 2026-27 bids so far",
    run: async (now) => {
      // The lead division's reviewer scores what is in the round by now, except the newest of the demo bids.
      const round = await getRound(c.leader, "2026-27");
      const reviewer = { DIGITAL_GOVERNMENT: c.dg, DATA_GOVERNANCE: c.dgov, DIGITAL_INFRASTRUCTURE: c.di };
      let minute = 0;
      for (const bid of round.bids) {
        const own = BIDS_2026.find((b) => b.ref === bid.ref);
        if (own && !own.marks) continue;
        const lead = reviewer[bid.leadDivision as keyof typeof reviewer] ?? c.dg;
        // Portfolio bids get middling marks that differ by their reference, so the ranking is stable.
        const n = Number(bid.ref.slice(-2)) % 3;
        const m = own?.marks ?? ([3 + (n === 0 ? 1 : 0), 3, 2 + n, 3] as [number, number, number, number]);
        await scoreBid(lead, "2026-27", bid.ref, { scores: marksOf(m) }, new Date(now.getTime() + minute++ * 60_000));
      }
    },
  });
  return steps;
}

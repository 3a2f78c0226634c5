// The dashboard's re-planning figures (issue 15), through the service, the page's loader and the API:
// delivery health by baseline, the initiatives that slipped most, cost growth by B/D, change requests by
// outcome and reason code — and the filters and a reviewer's scope apply to them as to everything else.
import { beforeAll, describe, expect, it } from "vitest";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { getDashboard } from "~/dashboard/dashboard.queries.server.ts";
import { sendEvent } from "~/initiatives/initiatives.server.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { loader as apiLoader } from "~/routes/api.v1.dashboard.ts";
import { tokenFor } from "../api/client.ts";
import { checkAnswer } from "../api/contract.ts";
import { args, ORIGIN, run } from "../helpers/http.ts";
import { demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";

let c: Callers;
const today = todayInHongKong();
const day = (offset: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
let replanned: string;

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  const proposal = {
    plannedStart: day(-200),
    plannedEnd: day(300),
    milestones: [
      { name: "Tender awarded", due: day(-60) },
      { name: "System live", due: day(250) },
    ],
  };
  await initiativeIn("delivery", c, { proposal }); // late, on baseline 1
  replanned = await initiativeIn("delivery", c, { proposal, owner: c.immd });
  const rejected = await initiativeIn("delivery", c, { proposal });
  const plan = async (ref: string, who = c.itb) => {
    const v = await getInitiative(who, ref);
    return v.milestones.map((m, i) => ({ id: m.id, name: m.name, due: i === 0 ? day(40) : day(380) }));
  };
  await sendEvent(c.immd, replanned, {
    type: "REQUEST_CHANGE",
    reason: "Tender re-run.",
    plannedEnd: day(390),
    milestones: await plan(replanned, c.immd),
    additionalFunding: 1_700_000,
  });
  await sendEvent(c.dg, replanned, { type: "APPROVE_CHANGE" });
  await sendEvent(c.itb, rejected, { type: "REQUEST_CHANGE", reason: "More time.", plannedEnd: day(500) });
  await sendEvent(c.dg, rejected, {
    type: "REJECT_CHANGE",
    reason: "Recover the delay.",
    reasonCode: "COST_NOT_JUSTIFIED",
  });
});

describe("re-planning on the dashboard", () => {
  it("counts health by baseline, lists the slipped, sums cost growth by B/D, and counts requests by outcome", async () => {
    const { replanning: r } = await getDashboard(c.leader, {}, today);
    // Two late projects still on baseline 1 (red); the re-planned one green on baseline 2.
    expect(r.byBaseline).toEqual([
      { baseline: 1, red: 2, amber: 0, green: 0, total: 2 },
      { baseline: 2, red: 0, amber: 0, green: 1, total: 1 },
    ]);
    expect(r.slippedMost).toEqual([
      expect.objectContaining({ ref: replanned, bureauCode: "IMMD", baseline: 2, slippageDays: 90 }),
    ]);
    expect(r.costGrowthByBureau).toEqual([
      {
        bureauCode: "IMMD",
        firstBudget: 8_500_000,
        budget: 10_200_000,
        initiatives: 1,
        growth: 1_700_000,
        growthPercent: 20,
      },
    ]);
    expect(r.changeRequests).toEqual([
      { status: "APPROVED", reasonCode: null, count: 1 },
      { status: "REJECTED", reasonCode: "COST_NOT_JUSTIFIED", count: 1 },
    ]);
  });

  it("follows the filters and a reviewer's scope", async () => {
    const itib = (await getDashboard(c.leader, { bureau: "ITIB" }, today)).replanning;
    expect(itib.slippedMost).toEqual([]);
    expect(itib.changeRequests).toEqual([{ status: "REJECTED", reasonCode: "COST_NOT_JUSTIFIED", count: 1 }]);
    // Digital Infrastructure leads none of them and signs off none.
    const di = (await getDashboard(c.di, {}, today)).replanning;
    expect(di).toEqual({ byBaseline: [], slippedMost: [], costGrowthByBureau: [], changeRequests: [] });
  });

  it("is in GET /api/v1/dashboard, as the contract documents it", async () => {
    const token = await tokenFor("leader@demo.gov.hk");
    const request = new Request(`${ORIGIN}/api/v1/dashboard`, { headers: { Authorization: `Bearer ${token}` } });
    const res = await run(() => apiLoader(args(request) as never));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { replanning: { slippedMost: unknown[] } };
    await checkAnswer("GET", "/api/v1/dashboard", 200, body);
    expect(body.replanning.slippedMost[0]).toMatchObject({ ref: replanned, slippageDays: 90 });
  });
});

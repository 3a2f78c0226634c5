// The change request through the initiative page's real route action, as a browser without JavaScript
// posts it: the officer's form with milestone rows (re-date, remove, add), the lead reviewer's decision, a
// second request refused with its message, and what the page's loader then shows.
import { beforeAll, describe, expect, it } from "vitest";
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { getInitiative } from "~/initiatives/initiatives.queries.server.ts";
import { action as pageAction, loader as pageLoader } from "~/routes/initiatives.$ref._index/route.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, post, run, type Session } from "../helpers/http.ts";

let c: Callers;
let s: Record<"dg" | "itb" | "leader", Session>;
beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  s = {
    dg: await login("reviewer.dg@demo.gov.hk"),
    itb: await login("officer.itb@demo.gov.hk"),
    leader: await login("leader@demo.gov.hk"),
  };
});

const today = todayInHongKong();
const day = (offset: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

async function act(session: Session, ref: string, fields: Record<string, string>) {
  const { version } = await getInitiative(c.leader, ref);
  return run(() =>
    pageAction(args(post(`/initiatives/${ref}`, { version: String(version), ...fields }, session), { ref }) as never),
  );
}
async function page(session: Session, ref: string) {
  const res = await run(() => pageLoader(args(get(`/initiatives/${ref}`, session), { ref }) as never));
  expect(res.status).toBe(200);
  return (await res.json()) as { view: Awaited<ReturnType<typeof getInitiative>>; health: string | null };
}

describe("a change request on the initiative page", () => {
  it("re-plans a late project through the forms: red, then green against baseline 2", async () => {
    const ref = await initiativeIn("delivery", c, {
      proposal: {
        plannedStart: day(-200),
        plannedEnd: day(300),
        milestones: [
          { name: "Tender awarded", due: day(-45) },
          { name: "Pilot", due: day(120) },
          { name: "System live", due: day(280) },
        ],
      },
    });
    const before = await page(s.itb, ref);
    expect(before.health).toBe("red");
    expect(before.view.availableEvents).toContain("REQUEST_CHANGE");
    const [tender, pilot, live] = before.view.milestones;

    // Tender re-dated, the pilot removed, live re-dated, one milestone added in the spare row.
    const requested = await act(s.itb, ref, {
      intent: "REQUEST_CHANGE",
      reason: "The first tender drew no compliant bid.",
      plannedEnd: day(420),
      "milestones.0.id": tender!.id,
      "milestones.0.name": tender!.name,
      "milestones.0.due": day(40),
      "milestones.1.id": pilot!.id,
      "milestones.1.name": pilot!.name,
      "milestones.1.due": pilot!.due,
      "milestones.1.remove": "on",
      "milestones.2.id": live!.id,
      "milestones.2.name": live!.name,
      "milestones.2.due": day(400),
      "milestones.3.name": "User acceptance",
      "milestones.3.due": day(350),
      additionalFunding: "",
    });
    expect(requested.status).toBe(302);
    expect(requested.headers.get("Location")).toBe(`/initiatives/${ref}?done=REQUEST_CHANGE`);

    // A second request while this one is open: refused beside the form, nothing written.
    const count = await db.changeRequest.count();
    const second = await act(s.itb, ref, { intent: "REQUEST_CHANGE", reason: "Again.", plannedEnd: day(500) });
    expect(second.status).toBe(422);
    expect(await second.json()).toMatchObject({
      intent: "REQUEST_CHANGE",
      message: { key: "refusal.changeAlreadyOpen" },
    });
    expect(await db.changeRequest.count()).toBe(count);

    const forLead = await page(s.dg, ref);
    expect(forLead.view.availableEvents).toEqual(expect.arrayContaining(["APPROVE_CHANGE", "REJECT_CHANGE"]));
    const approved = await act(s.dg, ref, { intent: "APPROVE_CHANGE", comment: "Agreed." });
    expect(approved.status).toBe(302);

    const after = await page(s.itb, ref);
    expect(after.health).toBe("green");
    expect(after.view.baseline).toBe(2);
    expect(after.view.milestones.map((m) => [m.name, m.due])).toEqual([
      ["Tender awarded", day(40)],
      ["System live", day(400)],
      ["User acceptance", day(350)],
    ]);
    expect(after.view.variance).toMatchObject({ slippageDays: 120, costGrowth: 0 });
    expect(after.view.baselines.map((b) => b.milestones.length)).toEqual([3, 3]);
  });

  it("an unchanged milestone list and nothing else is no change: a field error, nothing written", async () => {
    const ref = await initiativeIn("delivery", c);
    const { view } = await page(s.itb, ref);
    const fields: Record<string, string> = { intent: "REQUEST_CHANGE", reason: "Nothing really." };
    view.milestones.forEach((m, i) => {
      fields[`milestones.${i}.id`] = m.id;
      fields[`milestones.${i}.name`] = m.name;
      fields[`milestones.${i}.due`] = m.due;
    });
    const res = await act(s.itb, ref, fields);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ fields: { plannedEnd: ["errors.changeNeedsContent"] } });
    expect(await db.changeRequest.count({ where: { initiative: { ref } } })).toBe(0);
  });

  it("above the limit, leadership records the Finance Committee's decision on the page", async () => {
    const ref = await initiativeIn("delivery", c);
    expect(
      (await act(s.itb, ref, { intent: "REQUEST_CHANGE", reason: "A second site.", additionalFunding: "12,000,000" }))
        .status,
    ).toBe(302);
    const refused = await act(s.dg, ref, { intent: "APPROVE_CHANGE" });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ message: { key: "refusal.changeNeedsFinanceCommittee" } });
    const rejected = await act(s.leader, ref, {
      intent: "RECORD_FC_REJECTION",
      paperRef: "FCR(2026-27)60",
      date: today,
      reason: "Not supported",
    });
    expect(rejected.status).toBe(302);
    const { view } = await page(s.itb, ref);
    expect(view.stage).toBe("delivery");
    expect(view.changeRequests[0]).toMatchObject({ status: "REJECTED", paperRef: "FCR(2026-27)60" });
  });
});

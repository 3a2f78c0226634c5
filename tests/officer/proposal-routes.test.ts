import { beforeAll, describe, expect, it } from "vitest";
import { action as newAction, loader as newLoader } from "~/routes/initiatives.new.tsx";
import { action as editAction, loader as editLoader } from "~/routes/initiatives.$ref.edit.tsx";
import { action as pageAction, loader as pageLoader } from "~/routes/initiatives.$ref._index/route.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, post, run, type Session } from "../helpers/http.ts";

let c: Callers;
let itb: Session;
let immd: Session;
let reviewer: Session;

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
  itb = await login("officer.itb@demo.gov.hk");
  immd = await login("officer.immd@demo.gov.hk");
  reviewer = await login("reviewer.dg@demo.gov.hk");
});

const COMPLETE = {
  titleEn: "Electronic licensing for food premises",
  titleZh: "食物業處所電子發牌",
  category: "E_SERVICE",
  leadDivision: "",
  summary: "Apply, pay and renew food premises licences online.",
  citizenFacing: "true",
  nonRecurrentCost: "6,800,000",
  recurrentCost: "900,000",
  expectedAnnualSavings: "2,100,000",
  expectedStaffHoursSaved: "15000",
  plannedStart: "2027-01-04",
  plannedEnd: "2028-03-31",
  "milestones.0.id": "",
  "milestones.0.name": "Pilot in two districts",
  "milestones.0.due": "2027-09-30",
  "milestones.1.name": "",
  "milestones.1.due": "",
};

async function counts() {
  const [initiatives, milestones, audit, rounds] = await Promise.all([
    db.initiative.count(),
    db.milestone.count(),
    db.auditEvent.count(),
    db.submissionRound.count(),
  ]);
  return { initiatives, milestones, audit, rounds };
}

describe("the proposal form (no JavaScript: plain form posts)", () => {
  it("is for officers only", async () => {
    expect((await run(() => newLoader(args(get("/initiatives/new", reviewer)) as never))).status).toBe(403);
    const before = await counts();
    const res = await run(() =>
      newAction(args(post("/initiatives/new", { intent: "save", titleEn: "X" }, reviewer)) as never),
    );
    expect(res.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("saves a partial draft, comes back to it, completes it and submits it", async () => {
    const saved = await run(() =>
      newAction(args(post("/initiatives/new", { intent: "save", titleEn: "Half-written" }, itb)) as never),
    );
    expect(saved.status).toBe(302);
    const location = saved.headers.get("Location")!;
    expect(location).toMatch(/^\/initiatives\/DPO-\d{4}-\d{4}\/edit\?saved=1$/);
    const ref = location.split("/")[2]!;

    const edit = await run(() => editLoader(args(get(`/initiatives/${ref}/edit`, itb), { ref }) as never));
    const data = await edit.json();
    expect(data.values.titleEn).toBe("Half-written");
    // A blank row to type the first milestone into, even without JavaScript.
    expect(data.values.milestones).toEqual([{ id: "", name: "", due: "" }]);

    const submitted = await run(() =>
      editAction(
        args(post(`/initiatives/${ref}/edit`, { ...COMPLETE, intent: "submit", version: String(data.version) }, itb), {
          ref,
        }) as never,
      ),
    );
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get("Location")).toBe(`/initiatives/${ref}?done=SUBMIT`);
    const row = await db.initiative.findUniqueOrThrow({
      where: { ref },
      select: { stage: true, leadDivision: true, round: true, nonRecurrentCost: true },
    });
    // The lead division followed from the category when left blank.
    expect(row).toEqual({
      stage: "efficiencyReview",
      leadDivision: "DIGITAL_GOVERNMENT",
      round: 1,
      nonRecurrentCost: 6_800_000,
    });
    expect(await db.milestone.count({ where: { initiative: { ref } } })).toBe(1);
  });

  it("answers an incomplete submission with 422 and messages beside the fields, writing nothing", async () => {
    const before = await counts();
    const res = await run(() =>
      newAction(
        args(
          post(
            "/initiatives/new",
            { ...COMPLETE, intent: "submit", titleZh: "", plannedEnd: "2026-01-01", "milestones.0.name": "" },
            itb,
          ),
        ) as never,
      ),
    );
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.fields).toMatchObject({
      titleZh: ["errors.required"],
      plannedEnd: ["errors.endBeforeStart"],
      "milestones.0.name": ["errors.required"],
    });
    expect(body.values.titleEn).toBe(COMPLETE.titleEn);
    expect(await counts()).toEqual(before);
  });

  it("answers bad types in a draft with 400, writing nothing", async () => {
    const before = await counts();
    const res = await run(() =>
      newAction(
        args(
          post(
            "/initiatives/new",
            { intent: "save", titleEn: "Typo", nonRecurrentCost: "lots", plannedStart: "2027-02-30" },
            itb,
          ),
        ) as never,
      ),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).fields).toEqual({
      nonRecurrentCost: ["errors.wholeDollars"],
      plannedStart: ["errors.invalidDate"],
    });
    expect(await counts()).toEqual(before);
  });

  it("adds, moves and removes milestone rows without saving", async () => {
    const before = await counts();
    const fields = { ...COMPLETE, "milestones.1.name": "Second", "milestones.1.due": "2027-12-31" };
    const added = await (
      await run(() => newAction(args(post("/initiatives/new", { ...fields, intent: "addMilestone" }, itb)) as never))
    ).json();
    expect(added.values.milestones.map((m: { name: string }) => m.name)).toEqual([
      "Pilot in two districts",
      "Second",
      "",
    ]);
    const moved = await (
      await run(() => newAction(args(post("/initiatives/new", { ...fields, intent: "moveUp:1" }, itb)) as never))
    ).json();
    expect(moved.values.milestones.map((m: { name: string }) => m.name)).toEqual(["Second", "Pilot in two districts"]);
    const removed = await (
      await run(() =>
        newAction(args(post("/initiatives/new", { ...fields, intent: "removeMilestone:0" }, itb)) as never),
      )
    ).json();
    expect(removed.values.milestones.map((m: { name: string }) => m.name)).toEqual(["Second"]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a stale version as a conflict and keeps what was typed", async () => {
    const ref = await initiativeIn("draft", c);
    const before = await counts();
    const res = await run(() =>
      editAction(
        args(post(`/initiatives/${ref}/edit`, { ...COMPLETE, intent: "save", version: "1", titleEn: "Mine" }, itb), {
          ref,
        }) as never,
      ),
    );
    // The factory's draft is at version 1: the first save succeeds and makes version 1 stale.
    expect(res.status).toBe(302);
    const again = await run(() =>
      editAction(
        args(
          post(`/initiatives/${ref}/edit`, { ...COMPLETE, intent: "save", version: "1", titleEn: "Mine again" }, itb),
          { ref },
        ) as never,
      ),
    );
    expect(again.status).toBe(409);
    const body = await again.json();
    expect(body.fields._form).toEqual(["initiative.conflict"]);
    expect(body.values.titleEn).toBe("Mine again");
    expect((await counts()).audit - before.audit).toBe(1);
  });

  it("another B/D's officer can neither see nor change the proposal", async () => {
    const ref = await initiativeIn("draft", c);
    const before = await counts();
    expect((await run(() => editLoader(args(get(`/initiatives/${ref}/edit`, immd), { ref }) as never))).status).toBe(
      404,
    );
    expect((await run(() => pageLoader(args(get(`/initiatives/${ref}`, immd), { ref }) as never))).status).toBe(404);
    const edit = await run(() =>
      editAction(args(post(`/initiatives/${ref}/edit`, { ...COMPLETE, intent: "submit" }, immd), { ref }) as never),
    );
    expect(edit.status).toBe(404);
    const withdraw = await run(() =>
      pageAction(args(post(`/initiatives/${ref}`, { intent: "WITHDRAW", reason: "Not ours" }, immd), { ref }) as never),
    );
    expect(withdraw.status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe("the initiative page", () => {
  it("offers the owner only what they may do now, and carries the page's facts", async () => {
    const ref = await initiativeIn("delivery", c);
    const res = await run(() => pageLoader(args(get(`/initiatives/${ref}`, itb), { ref }) as never));
    const data = await res.json();
    expect(data.view.availableEvents).toEqual(["PAUSE", "REPORT_PROGRESS", "REPORT_STATUS", "REQUEST_CHANGE"]);
    expect(data.health).toMatch(/green|amber|red/);
    expect(data.view.audit.map((a: { event: string }) => a.event)).toContain("APPROVE_FUNDING");
    const asReviewer = await (
      await run(() => pageLoader(args(get(`/initiatives/${ref}`, reviewer), { ref }) as never))
    ).json();
    expect(asReviewer.view.availableEvents).toEqual(["PAUSE"]);
  });

  it("refuses an action without its reason (400, beside the field) and writes nothing", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const before = await counts();
    const res = await run(() =>
      pageAction(args(post(`/initiatives/${ref}`, { intent: "WITHDRAW", reason: "  " }, itb), { ref }) as never),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).fields).toEqual({ reason: ["errors.required"] });
    expect(await counts()).toEqual(before);
  });

  it("reports a milestone done and posts a comment through the page's forms", async () => {
    const ref = await initiativeIn("delivery", c);
    const view = (await (await run(() => pageLoader(args(get(`/initiatives/${ref}`, itb), { ref }) as never))).json())
      .view;
    const done = await run(() =>
      pageAction(
        args(
          post(
            `/initiatives/${ref}`,
            {
              intent: "REPORT_PROGRESS",
              milestoneId: view.milestones[0].id,
              date: "2026-11-20",
              version: String(view.version),
            },
            itb,
          ),
          { ref },
        ) as never,
      ),
    );
    expect(done.headers.get("Location")).toBe(`/initiatives/${ref}?done=REPORT_PROGRESS`);
    const comment = await run(() =>
      pageAction(
        args(post(`/initiatives/${ref}`, { intent: "comment", body: "Vendor on site." }, itb), { ref }) as never,
      ),
    );
    expect(comment.status).toBe(302);
    const after = (await (await run(() => pageLoader(args(get(`/initiatives/${ref}`, itb), { ref }) as never))).json())
      .view;
    expect(after.milestones[0]).toMatchObject({ status: "DONE", actualDate: "2026-11-20" });
    expect(after.comments.map((x: { body: string }) => x.body)).toEqual(["Vendor on site."]);
  });

  it("tells the second of two people acting on one version to reload", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const dgov = await login("reviewer.dgov@demo.gov.hk");
    const version = (await db.initiative.findUniqueOrThrow({ where: { ref } })).version;
    const first = await run(() =>
      pageAction(
        args(post(`/initiatives/${ref}`, { intent: "APPROVE", version: String(version) }, reviewer), { ref }) as never,
      ),
    );
    expect(first.status).toBe(302);
    const second = await run(() =>
      pageAction(
        args(post(`/initiatives/${ref}`, { intent: "APPROVE", version: String(version) }, dgov), { ref }) as never,
      ),
    );
    expect(second.status).toBe(409);
    expect((await second.json()).conflict).toBe(true);
  });
});

// Reminders and escalations from the working-day calendar: two working days before a review is due its
// reviewers are reminded; once overdue the division's head is told (all leadership when it has none);
// milestones and conditions likewise towards the officers and then the lead reviewers. Each is sent once
// per initiative, region, round and level, however often the pass runs — also through the real
// `npm run jobs -- --once --as-of <time>` with e-mail to a real SMTP sink.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBusinessCase } from "~/attachments/business-case.server.ts";
import { hongKongTime } from "~/calendar/hong-kong.ts";
import { createDraft, sendEvent } from "~/initiatives/initiatives.server.ts";
import { runReminderPass } from "~/notifications/reminders.server.ts";
import { db, statementLog } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { completeProposal, demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.ts";

// Before any query: the client then reports its statements (a skipped pass reads one).
const log = statementLog();

let c: Callers;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await sink.close();
});

/** An initiative submitted at `at` (needs `proposal`'s divisions; DG lead and DGOV by default). */
async function submittedAt(at: Date, proposal: Record<string, unknown> = {}) {
  const { ref } = await createDraft(c.itb, completeProposal(proposal));
  await ensureBusinessCase(c.itb, ref);
  await sendEvent(c.itb, ref, { type: "SUBMIT" }, { now: at });
  return ref;
}

async function told(ref: string, kinds: string[]) {
  const rows = await db.notification.findMany({
    where: { ref, kind: { in: kinds } },
    select: { kind: true, user: { select: { email: true } } },
  });
  return rows.map((r) => `${r.kind} → ${r.user.email}`).sort();
}

const at = (date: string, time = "09:00") => hongKongTime(date, time);

describe("reviews against the SLA (10 working days)", () => {
  it("reminds the pending divisions' reviewers two working days before, escalates to each head when overdue, each once", async () => {
    // Submitted Tuesday 1 Dec 2026: due Tuesday 15 Dec (10 working days); reminded from Friday 11th.
    const ref = await submittedAt(at("2026-12-01", "10:00"));
    await runReminderPass(at("2026-12-10"));
    expect(await told(ref, ["REVIEW_REMINDER", "REVIEW_ESCALATION"])).toEqual([]);
    await runReminderPass(at("2026-12-11"));
    const reminded = ["REVIEW_REMINDER → reviewer.dg@demo.gov.hk", "REVIEW_REMINDER → reviewer.dgov@demo.gov.hk"];
    expect(await told(ref, ["REVIEW_REMINDER", "REVIEW_ESCALATION"])).toEqual(reminded);
    await runReminderPass(at("2026-12-14"));
    await runReminderPass(at("2026-12-15", "17:00"));
    expect(await told(ref, ["REVIEW_REMINDER", "REVIEW_ESCALATION"])).toEqual(reminded);
    // DG decides; only Data Governance is late, and only its head hears of it.
    await sendEvent(c.dg, ref, { type: "APPROVE" }, { now: at("2026-12-15", "11:00") });
    await runReminderPass(at("2026-12-16"));
    await runReminderPass(at("2026-12-17"));
    expect(await told(ref, ["REVIEW_ESCALATION"])).toEqual(["REVIEW_ESCALATION → head.dgov@demo.gov.hk"]);
  });

  it("a weekend and a holiday do not count: submitted Friday 18 Dec, due Tuesday 5 Jan 2027", async () => {
    // Working days after Fri 18 Dec: 21, 22, 23, 24, 28, 29, 30, 31 Dec, (1 Jan a holiday), 4, 5 Jan.
    const ref = await submittedAt(at("2026-12-18", "15:00"), {
      category: "INFRASTRUCTURE",
      leadDivision: "DIGITAL_INFRASTRUCTURE",
      handlesPersonalData: false,
      citizenFacing: false,
      needsNewInfrastructure: true,
    });
    await runReminderPass(at("2026-12-30")); // 31 Dec, 4 and 5 Jan: three working days ahead
    expect(await told(ref, ["REVIEW_REMINDER", "REVIEW_ESCALATION"])).toEqual([]);
    await runReminderPass(at("2026-12-31")); // 4 and 5 Jan: two (New Year's Day and the weekend do not count)
    expect(await told(ref, ["REVIEW_REMINDER"])).toEqual(["REVIEW_REMINDER → reviewer.di@demo.gov.hk"]);
    await runReminderPass(at("2027-01-05", "18:00"));
    expect(await told(ref, ["REVIEW_ESCALATION"])).toEqual([]);
    await runReminderPass(at("2027-01-06"));
    expect(await told(ref, ["REVIEW_ESCALATION"])).toEqual(["REVIEW_ESCALATION → head.di@demo.gov.hk"]);
  });

  it("with no head of the division, all leadership hears of an overdue review", async () => {
    await db.user.update({ where: { email: "head.di@demo.gov.hk" }, data: { disabledAt: new Date() } });
    try {
      const ref = await submittedAt(at("2026-11-02", "10:00"), {
        category: "INFRASTRUCTURE",
        leadDivision: "DIGITAL_INFRASTRUCTURE",
        handlesPersonalData: false,
        citizenFacing: false,
        needsNewInfrastructure: true,
      });
      await runReminderPass(at("2026-11-30"));
      expect(await told(ref, ["REVIEW_ESCALATION"])).toEqual([
        "REVIEW_ESCALATION → head.dg@demo.gov.hk",
        "REVIEW_ESCALATION → head.dgov@demo.gov.hk",
        "REVIEW_ESCALATION → leader@demo.gov.hk",
      ]);
    } finally {
      await db.user.update({ where: { email: "head.di@demo.gov.hk" }, data: { disabledAt: null } });
    }
  });
});

describe("milestones and conditions", () => {
  it("reminds the officers before a milestone is due; past due tells them and the lead division's reviewers, once", async () => {
    const ref = await initiativeIn("delivery", c); // milestones due 2026-07-31 and 2027-06-30
    // Monday 28 Jun 2027: "System live" is two working days away; "Tender awarded" is long overdue.
    await runReminderPass(at("2027-06-28"));
    await runReminderPass(at("2027-06-29"));
    expect(await told(ref, ["ITEM_REMINDER", "ITEM_OVERDUE", "ITEM_ESCALATION"])).toEqual([
      "ITEM_ESCALATION → reviewer.dg@demo.gov.hk",
      "ITEM_OVERDUE → officer.itb@demo.gov.hk",
      "ITEM_REMINDER → officer.itb@demo.gov.hk",
    ]);
    const data = await db.notification.findFirstOrThrow({ where: { ref, kind: "ITEM_REMINDER" } });
    expect(JSON.parse(data.data)).toMatchObject({ item: "System live", due: "2027-06-30" });
  });
});

describe("npm run jobs -- --once --as-of <time>", () => {
  /** Runs npm with these arguments without blocking this process (the SMTP sink lives here). */
  const npm = (argv: string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn("npm", argv, { env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += String(d)));
      child.stderr.on("data", (d) => (stderr += String(d)));
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
  const jobs = async (asOf: string) => {
    const run = await npm(["run", "--silent", "jobs", "--", "--once", "--as-of", asOf], {
      ...process.env,
      SMTP_URL: sink.url,
      NODE_ENV: "test",
    });
    if (run.status !== 0) throw new Error(`npm run jobs failed (${run.status}): ${run.stderr}`);
    return JSON.parse(run.stdout.trim().split("\n").pop()!) as {
      reminders: { escalations: number };
      dispatch: { sent: number };
    };
  };

  it("after the due date it e-mails the overdue escalation to the division head once; run again, nothing new", async () => {
    process.env.SMTP_URL = sink.url;
    // Needs Data Governance only, submitted Monday 4 Jan 2027: due Monday 18 Jan.
    const ref = await submittedAt(at("2027-01-04", "10:00"), {
      category: "DATA_SHARING",
      leadDivision: "DATA_GOVERNANCE",
      sharesDataAcrossBureaux: true,
      citizenFacing: false,
    });
    // Older overdue work of other tests is escalated in the same pass; only this initiative's mail is counted.
    const first = await jobs("2027-01-20T09:00:00+08:00");
    expect(first.reminders.escalations).toBeGreaterThanOrEqual(1);
    const mine = () => sink.mails.filter((m) => m.subject.includes(ref) && m.subject.includes("overdue"));
    expect(mine().map((m) => m.to)).toEqual([["head.dgov@demo.gov.hk"]]);
    const notifications = await db.notification.count();
    const mails = sink.mails.length;

    const again = await jobs("2027-01-20T09:05:00+08:00");
    expect(again).toMatchObject({ reminders: { escalations: 0 }, dispatch: { sent: 0 } });
    expect(sink.mails.length).toBe(mails);
    expect(await db.notification.count()).toBe(notifications);
  });

  it("refuses a time that is not one", async () => {
    const run = await npm(["run", "--silent", "jobs", "--", "--once", "--as-of", "yesterday"], process.env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--as-of needs an ISO time");
  });
});

describe("a pass while nothing has changed", () => {
  it("is skipped after one that found nothing new, on the same data and date; a write makes the next one look again", async () => {
    // Both submitted Tuesday 1 Dec 2026 (due Tuesday 15th), so both are reminded on Friday 11th.
    const first = await submittedAt(at("2026-12-01", "10:00"));
    await runReminderPass(at("2026-12-11"));
    expect(await told(first, ["REVIEW_REMINDER"])).toHaveLength(2);
    // Nothing new to send: the pass looks at everything once more and finds it all sent.
    expect(await runReminderPass(at("2026-12-11", "10:00"))).toEqual({
      reminders: 0,
      escalations: 0,
      notifications: 0,
    });

    // The next pass on the same data and date reads the stamp alone.
    log.length = 0;
    await runReminderPass(at("2026-12-11", "11:00"));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/FROM "AuditEvent"/);

    // A submission (its audit entry) makes the next pass look again, on the same date.
    const second = await submittedAt(at("2026-12-01", "11:00"));
    log.length = 0;
    const result = await runReminderPass(at("2026-12-11", "12:00"));
    expect(log.length).toBeGreaterThan(1);
    expect(result.reminders).toBe(2);
    expect(await told(second, ["REVIEW_REMINDER"])).toEqual([
      "REVIEW_REMINDER → reviewer.dg@demo.gov.hk",
      "REVIEW_REMINDER → reviewer.dgov@demo.gov.hk",
    ]);
    // And on another date it looks again without any write.
    log.length = 0;
    await runReminderPass(at("2026-12-14"));
    expect(log.length).toBeGreaterThan(1);
  });
});

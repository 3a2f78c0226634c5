// Notifications to a delegator also reach whoever acts for them while the delegation is in force: in the
// app and by e-mail (through a real SMTP sink) as the delegate prefers, marked with the delegator's name;
// transition notices and the scheduler's escalations alike. Nothing reaches them before or after.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureBusinessCase } from "~/attachments/business-case.server.ts";
import { hongKongTime, todayInHongKong } from "~/calendar/hong-kong.ts";
import { createDelegation, endDelegation } from "~/delegations/delegations.server.ts";
import { createDraft, sendEvent } from "~/initiatives/initiatives.server.ts";
import { describeNotification } from "~/notifications/describe.ts";
import { dispatchOnce } from "~/notifications/dispatcher.server.ts";
import { closeMailTransport } from "~/notifications/email.server.ts";
import { runReminderPass } from "~/notifications/reminders.server.ts";
import type { NotificationKind } from "~/notifications/kinds.ts";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { call, tokenFor } from "../api/client.ts";
import { completeProposal, demoCallers, type Callers } from "../factories/initiatives.ts";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.ts";

let c: Callers;
let sink: SmtpSink;
const DGOV = "reviewer.dgov@demo.gov.hk";
const DI = "reviewer.di@demo.gov.hk";
const day = (days: number) => todayInHongKong(new Date(Date.now() + days * 86_400_000));
const as = (caller: Callers["dgov"], email: string) => ({ ...caller, email });

/** Lead Data Governance; only Data Governance must sign off (so Digital Infrastructure is never told itself). */
const DATA_GOVERNANCE_ONLY = {
  titleEn: "Cross-bureau grant data exchange",
  category: "DATA_SHARING",
  leadDivision: "DATA_GOVERNANCE",
  handlesPersonalData: true,
  sharesDataAcrossBureaux: true,
  citizenFacing: false,
  needsNewInfrastructure: false,
};

async function submitted() {
  const { ref } = await createDraft(c.itb, completeProposal(DATA_GOVERNANCE_ONLY));
  await ensureBusinessCase(c.itb, ref);
  await sendEvent(c.itb, ref, { type: "SUBMIT" });
  return ref;
}
async function drain() {
  for (let i = 0; i < 10; i++) if ((await dispatchOnce()).claimed === 0) return;
}
async function toldAbout(ref: string) {
  const rows = await db.notification.findMany({
    where: { ref },
    select: { kind: true, data: true, inApp: true, user: { select: { email: true } } },
  });
  return rows.map((r) => ({ kind: r.kind, to: r.user.email, inApp: r.inApp, data: JSON.parse(r.data) }));
}
async function endAll() {
  for (const d of await db.delegation.findMany({ where: { endedAt: null }, select: { id: true } })) {
    await endDelegation(as(c.admin, "admin@demo.gov.hk"), d.id);
  }
}

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
});
afterAll(async () => {
  closeMailTransport();
  await sink.close();
  delete process.env.SMTP_URL;
});
beforeEach(async () => {
  await endAll();
  await drain();
  sink.mails.length = 0;
});

describe("notifications to a delegator reach their acting reviewer", () => {
  it("in the app and by e-mail while the delegation is in force, marked on whose behalf", async () => {
    await createDelegation(as(c.dgov, DGOV), { delegate: DI, from: day(0), until: day(2) });
    const ref = await submitted();
    const told = await toldAbout(ref);
    expect(told.map((t) => `${t.kind} → ${t.to}`).sort()).toEqual([
      `REVIEW_REQUESTED → ${DGOV}`,
      `REVIEW_REQUESTED → ${DI}`,
    ]);
    expect(told.find((t) => t.to === DI)!.data.onBehalfOf).toBe("Cheung Hoi Lam");
    expect(told.find((t) => t.to === DGOV)!.data.onBehalfOf).toBeUndefined();
    await drain();
    expect(sink.mails.map((m) => m.to[0]).sort()).toEqual([DGOV, DI]);
    const mail = sink.mails.find((m) => m.to[0] === DI)!;
    expect(mail.text).toContain("(you are acting for Cheung Hoi Lam)");
    const list = await call("GET", "/api/v1/notifications?unread=true", { token: await tokenFor(DI) });
    expect(list.body.items.map((i: { ref: string }) => i.ref)).toContain(ref);
    // The wording in both languages.
    const n = { kind: "REVIEW_REQUESTED" as NotificationKind, ref, round: 1, division: "DATA_GOVERNANCE" };
    const data = { onBehalfOf: "Cheung Hoi Lam" };
    expect(describeNotification({ ...n, data }, "en").asked).toMatch(/\(you are acting for Cheung Hoi Lam\)$/);
    expect(describeNotification({ ...n, data }, "zh-Hant").asked).toMatch(/（你正署理Cheung Hoi Lam的職務）$/);
  });

  it("as the delegate prefers: e-mail off means in the app only", async () => {
    await db.user.update({ where: { id: c.di.id }, data: { notifyEmail: "OFF" } });
    try {
      await createDelegation(as(c.dgov, DGOV), { delegate: DI, from: day(0), until: day(2) });
      const ref = await submitted();
      await drain();
      expect(sink.mails.map((m) => m.to[0])).toEqual([DGOV]);
      expect((await toldAbout(ref)).find((t) => t.to === DI)).toMatchObject({ inApp: true });
    } finally {
      await db.user.update({ where: { id: c.di.id }, data: { notifyEmail: "ALL" } });
    }
  });

  it("not before the period begins, nor once it is ended", async () => {
    const later = await createDelegation(as(c.dgov, DGOV), { delegate: DI, from: day(1), until: day(2) });
    const before = await submitted();
    expect((await toldAbout(before)).map((t) => t.to)).toEqual([DGOV]);
    await endDelegation(as(c.dgov, DGOV), later.id);
    const now = await createDelegation(as(c.dgov, DGOV), { delegate: DI, from: day(0), until: day(0) });
    await endDelegation(as(c.di, DI), now.id);
    const after = await submitted();
    expect((await toldAbout(after)).map((t) => t.to)).toEqual([DGOV]);
  });

  it("the scheduler's escalation to a division head reaches the head's acting reviewer on that day", async () => {
    const ref = await submitted();
    const head = await db.user.findUniqueOrThrow({ where: { email: "head.dgov@demo.gov.hk" } });
    await createDelegation(
      { id: head.id, role: "LEADERSHIP", email: head.email },
      { delegate: "leader@demo.gov.hk", from: day(20), until: day(40) },
    );
    // Thirty days on, the ten-working-day review is overdue: the head (and whoever acts for them) is told.
    await runReminderPass(hongKongTime(day(30), "09:00"));
    const escalations = (await toldAbout(ref)).filter((t) => t.kind === "REVIEW_ESCALATION");
    expect(escalations.map((t) => t.to).sort()).toEqual(["head.dgov@demo.gov.hk", "leader@demo.gov.hk"]);
    expect(escalations.find((t) => t.to === "leader@demo.gov.hk")!.data.onBehalfOf).toBe("Tam Mei Ling");
  });
});

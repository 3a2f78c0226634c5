// The e-mail channel through a real SMTP server started here (smtp-server as a sink, no mocked transport):
// who gets which message, in their language, as text and HTML; the dispatcher's claims, leases, retries and
// failures; and the administrator's page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDraft, sendEvent } from "~/initiatives/initiatives.server.ts";
import { claimDue, dispatchOnce, MAX_ATTEMPTS } from "~/notifications/dispatcher.server.ts";
import { closeMailTransport } from "~/notifications/email.server.ts";
import { action as adminAction, loader as adminLoader } from "~/routes/admin_.notifications.tsx";
import { db } from "~/utils/db.server.ts";
import { ensureBusinessCase } from "~/attachments/business-case.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { call, tokenFor } from "../api/client.ts";
import { completeProposal, demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, post, run } from "../helpers/http.ts";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.ts";

let c: Callers;
let sink: SmtpSink;
const APP = "https://tracker.example.gov.hk";

/** Lead Data Governance; only Data Governance must sign off. */
const DATA_GOVERNANCE_ONLY = {
  titleEn: "Cross-bureau grant data exchange",
  titleZh: "跨局資助數據交換",
  category: "DATA_SHARING",
  leadDivision: "DATA_GOVERNANCE",
  handlesPersonalData: true,
  sharesDataAcrossBureaux: true,
  citizenFacing: false,
  needsNewInfrastructure: false,
};

async function submitted(proposal: Record<string, unknown> = DATA_GOVERNANCE_ONLY) {
  const { ref } = await createDraft(c.itb, completeProposal(proposal));
  await ensureBusinessCase(c.itb, ref);
  await sendEvent(c.itb, ref, { type: "SUBMIT" });
  return ref;
}

/** Dispatches until nothing is due (at most a few passes). */
async function drain(now?: Date) {
  for (let i = 0; i < 10; i++) if ((await dispatchOnce({ now })).claimed === 0) return;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  process.env.MAIL_FROM = "Initiative Tracker <tracker@dpo.gov.hk>";
  process.env.APP_URL = APP;
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
});
afterAll(async () => {
  closeMailTransport();
  await sink.close();
  delete process.env.SMTP_URL;
});
beforeEach(async () => {
  await drain();
  sink.mails.length = 0;
});

describe("e-mail, as a reader receives it", () => {
  it("a proposal that needs Data Governance e-mails that division's reviewers and no one else; the API shows it unread; the officer is e-mailed when it is returned", async () => {
    const ref = await submitted();
    await drain();
    expect(sink.mails.map((m) => m.to)).toEqual([["reviewer.dgov@demo.gov.hk"]]);
    const mail = sink.mails[0]!;
    expect(mail.from).toBe("tracker@dpo.gov.hk");
    expect(mail.subject).toContain(ref);
    expect(mail.text).toContain(`${APP}/initiatives/${ref}`);
    expect(mail.text).toContain("Cross-bureau grant data exchange");
    expect(mail.text).toContain("awaits Data Governance's review (round 1)");
    expect(mail.text).toContain("review it for Data Governance");
    expect(mail.html).toContain(`href="${APP}/initiatives/${ref}"`);

    const token = await tokenFor("reviewer.dgov@demo.gov.hk");
    const list = await call("GET", "/api/v1/notifications?unread=true", { token });
    expect(list.body.items.find((i: { ref: string }) => i.ref === ref)).toMatchObject({
      kind: "REVIEW_REQUESTED",
      readAt: null,
    });

    sink.mails.length = 0;
    await sendEvent(c.dgov, ref, { type: "REQUEST_CHANGES", reason: "Add the data flows", reasonCode: "OTHER" });
    await drain();
    expect(sink.mails.map((m) => m.to)).toEqual([["officer.itb@demo.gov.hk"]]);
    expect(sink.mails[0]!.subject).toContain(`${ref} was returned for changes`);
  });

  it("each message is in its recipient's language: Traditional Chinese for a reader who chose it", async () => {
    await db.user.update({ where: { id: c.itb.id }, data: { locale: "zh-Hant" } });
    try {
      const ref = await submitted();
      await sendEvent(c.dgov, ref, { type: "REQUEST_CHANGES", reason: "補充資料流", reasonCode: "OTHER" });
      await drain();
      const zh = sink.mails.find((m) => m.to[0] === "officer.itb@demo.gov.hk")!;
      const en = sink.mails.find((m) => m.to[0] === "reviewer.dgov@demo.gov.hk")!;
      expect(zh.subject).toBe(`[${ref}] ${ref} 已退回修改。`);
      expect(zh.contentLanguage).toBe("zh-Hant");
      expect(zh.text).toContain("跨局資助數據交換");
      expect(zh.text).toContain("修訂建議書並重新提交");
      expect(zh.html).toContain('lang="zh-Hant-HK"');
      expect(zh.html).toContain("開啟項目");
      expect(en.contentLanguage).toBe("en");
      expect(en.text).toContain("Dear Cheung Hoi Lam,");
    } finally {
      await db.user.update({ where: { id: c.itb.id }, data: { locale: "en" } });
    }
  });

  it("a user who turned e-mail off gets none (but still sees it in the app)", async () => {
    await db.user.update({ where: { id: c.dgov.id }, data: { notifyEmail: "OFF" } });
    try {
      const ref = await submitted();
      await drain();
      expect(sink.mails).toEqual([]);
      expect(await db.notification.count({ where: { ref, userId: c.dgov.id, inApp: true } })).toBe(1);
    } finally {
      await db.user.update({ where: { id: c.dgov.id }, data: { notifyEmail: "ALL" } });
    }
  });
});

describe("the dispatcher", () => {
  it("two dispatchers claiming at once send each message once", async () => {
    for (let i = 0; i < 6; i++) await initiativeIn("efficiencyReview", c); // 2 e-mails each
    const due = await db.notificationDelivery.count({ where: { status: "PENDING" } });
    expect(due).toBe(12);
    await Promise.all([
      dispatchOnce({ workerId: "a", limit: 100 }),
      dispatchOnce({ workerId: "b", limit: 100 }),
      dispatchOnce({ workerId: "c", limit: 100 }),
    ]);
    const ids = sink.mails.map((m) => m.messageId);
    expect(ids.length).toBe(12);
    expect(new Set(ids).size).toBe(12);
    expect(await db.notificationDelivery.count({ where: { status: "SENT" } })).toBeGreaterThanOrEqual(12);
  });

  it("a claimed delivery is leased: nobody else takes it until the lease runs out", async () => {
    await submitted();
    const now = new Date();
    const mine = await claimDue("first", now, 10);
    expect(mine).toHaveLength(1);
    expect(await claimDue("second", new Date(now.getTime() + 1000), 10)).toHaveLength(0);
    const later = await claimDue("second", new Date(now.getTime() + 10 * 60_000), 10);
    expect(later.map((d) => d.id)).toEqual(mine.map((d) => d.id));
    await drain(new Date(now.getTime() + 30 * 60_000));
  });

  it("retries a refused message with backoff, then gives up and lists it for administrators, who can retry", async () => {
    const ref = await submitted();
    sink.failNext(1);
    const t0 = new Date();
    expect(await dispatchOnce({ now: t0 })).toMatchObject({ claimed: 1, retried: 1 });
    const row = await db.notificationDelivery.findFirstOrThrow({ where: { notification: { ref } } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(row.lastError).toMatch(/451/);
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + 30_000);
    expect(await dispatchOnce({ now: new Date(t0.getTime() + 29_000) })).toMatchObject({ claimed: 0 });
    expect(await dispatchOnce({ now: new Date(t0.getTime() + 30_000) })).toMatchObject({ sent: 1 });
    expect(sink.mails).toHaveLength(1);

    sink.mails.length = 0;
    const ref2 = await submitted();
    sink.failNext(100);
    let at = Date.now();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await dispatchOnce({ now: new Date(at) });
      at += 60 * 60_000;
    }
    const failed = await db.notificationDelivery.findFirstOrThrow({ where: { notification: { ref: ref2 } } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS });
    sink.failNext(0);

    const admin = await login("admin@demo.gov.hk");
    const page = await (await run(() => adminLoader(args(get("/admin/notifications", admin)) as never))).json();
    expect(page.email).toEqual({ on: true, server: sink.url });
    expect(page.failed.map((f: { id: string }) => f.id)).toContain(failed.id);
    expect(JSON.stringify(page)).not.toContain("pass");
    const retried = await run(() =>
      adminAction(args(post("/admin/notifications", { intent: "retry", id: failed.id }, admin)) as never),
    );
    expect(retried.headers.get("Location")).toBe("/admin/notifications?retried=1");
    await drain();
    expect(sink.mails.map((m) => m.to)).toEqual([["reviewer.dgov@demo.gov.hk"]]);
    expect(await db.auditEvent.count({ where: { event: "RETRY_DELIVERIES" } })).toBe(1);
    // Only administrators see the page.
    const reviewer = await login("reviewer.dgov@demo.gov.hk");
    expect((await run(() => adminLoader(args(get("/admin/notifications", reviewer)) as never))).status).toBe(403);
  });

  it("without SMTP_URL e-mail is off, nothing is queued for it, and the administrator's page says so", async () => {
    delete process.env.SMTP_URL;
    try {
      const before = await db.notificationDelivery.count();
      await submitted();
      expect(await db.notificationDelivery.count()).toBe(before);
      const admin = await login("admin@demo.gov.hk");
      const page = await (await run(() => adminLoader(args(get("/admin/notifications", admin)) as never))).json();
      expect(page.email).toEqual({ on: false, server: null });
    } finally {
      process.env.SMTP_URL = sink.url;
    }
  });
});

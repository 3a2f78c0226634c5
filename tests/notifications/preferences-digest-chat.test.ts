// Preferences per channel (each event, a daily digest, off), the digest itself through a real SMTP sink, and
// the division's chat webhook sent by the same dispatcher (the chat service under msw).
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hongKongTime } from "~/calendar/hong-kong.ts";
import { dispatchOnce } from "~/notifications/dispatcher.server.ts";
import { closeMailTransport } from "~/notifications/email.server.ts";
import { runJobsOnce } from "~/notifications/jobs.server.ts";
import { action as prefsAction, loader as prefsLoader } from "~/routes/notifications.preferences.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, post, run, type Session } from "../helpers/http.ts";
import { takeLogs } from "../helpers/logs.ts";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.ts";

let c: Callers;
let sink: SmtpSink;
const HOOK = "https://chat.example.gov.hk/webhook/dgov/SECRET-TOKEN";
const posted: { title: string; text: string }[] = [];
let chatStatus = 200;
const chat = setupServer(
  http.post("https://chat.example.gov.hk/webhook/*", async ({ request }) => {
    posted.push((await request.json()) as { title: string; text: string });
    return new HttpResponse(null, { status: chatStatus });
  }),
);

beforeAll(async () => {
  chat.listen({ onUnhandledRequest: "error" });
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  await seed({ demoData: true, portfolio: false });
  c = await demoCallers();
});
afterAll(async () => {
  chat.close();
  closeMailTransport();
  await sink.close();
  delete process.env.SMTP_URL;
});
beforeEach(async () => {
  for (let i = 0; i < 5 && (await dispatchOnce({ now: new Date(Date.now() + 86_400_000) })).claimed > 0; i++);
  sink.mails.length = 0;
  posted.length = 0;
});
afterEach(() => {
  delete process.env.CHAT_WEBHOOK_DATA_GOVERNANCE;
  chatStatus = 200;
});

describe("preferences", () => {
  let session: Session;
  beforeAll(async () => {
    session = await login("officer.itb@demo.gov.hk");
  });
  const save = (fields: Record<string, string>) =>
    run(() => prefsAction(args(post("/notifications/preferences", fields, session)) as never));

  it("shows and saves the choice per channel; a bad choice is refused beside its field and changes nothing", async () => {
    const page = await (await run(() => prefsLoader(args(get("/notifications/preferences", session)) as never))).json();
    expect(page).toEqual({ preferences: { email: "ALL", inApp: "ALL" }, emailOn: true });
    const bad = await save({ email: "SOMETIMES", inApp: "ALL" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields).toEqual({ email: ["notifications.prefs.errors.email"] });
    expect(await db.user.findUniqueOrThrow({ where: { id: c.itb.id }, select: { notifyEmail: true } })).toEqual({
      notifyEmail: "ALL",
    });
    expect((await save({ email: "DIGEST", inApp: "OFF" })).status).toBe(200);
    const saved = await db.user.findUniqueOrThrow({ where: { id: c.itb.id } });
    expect([saved.notifyEmail, saved.notifyInApp]).toEqual(["DIGEST", "OFF"]);
  });

  it("a digest reader gets one e-mail at 08:30 on the next working day with everything held; in-app off hides optional kinds", async () => {
    await db.user.update({ where: { id: c.itb.id }, data: { notifyEmail: "DIGEST", notifyInApp: "OFF" } });
    try {
      const returned = await initiativeIn("returned", c);
      const rejected = await initiativeIn("rejected", c);
      await dispatchOnce();
      expect(sink.mails.filter((m) => m.to[0] === "officer.itb@demo.gov.hk")).toEqual([]);
      const held = await db.notificationDelivery.findMany({
        where: { target: "officer.itb@demo.gov.hk", status: "DIGEST" },
        select: { nextAttemptAt: true },
      });
      expect(held).toHaveLength(2);
      const at = held[0]!.nextAttemptAt;
      expect(at.getUTCHours() * 60 + at.getUTCMinutes()).toBe(30); // 08:30 in Hong Kong is 00:30 UTC
      // Hidden from the centre, but not lost.
      expect(await db.notification.count({ where: { userId: c.itb.id, ref: returned, inApp: true } })).toBe(0);

      const result = await runJobsOnce({ now: at });
      expect(result.digests).toEqual({ digests: 1, items: 2 });
      const digest = sink.mails.filter((m) => m.to[0] === "officer.itb@demo.gov.hk");
      expect(digest).toHaveLength(1);
      expect(digest[0]!.subject).toBe("Initiative Tracker: 2 notifications");
      expect(digest[0]!.text).toContain(`${returned} was returned for changes.`);
      expect(digest[0]!.text).toContain(`${rejected} was rejected.`);
      expect((await runJobsOnce({ now: hongKongTime("2027-01-04", "08:30") })).digests.digests).toBe(0);
    } finally {
      await db.user.update({ where: { id: c.itb.id }, data: { notifyEmail: "ALL", notifyInApp: "ALL" } });
    }
  });
});

describe("the chat webhook", () => {
  it("the division's channel hears once of a submission that needs it, in both languages", async () => {
    process.env.CHAT_WEBHOOK_DATA_GOVERNANCE = HOOK;
    const ref = await initiativeIn("efficiencyReview", c); // DG and DGOV; only DGOV has a webhook
    await dispatchOnce();
    expect(posted).toHaveLength(1);
    expect(posted[0]!.title).toContain(ref);
    expect(posted[0]!.text).toContain("awaits Data Governance's review");
    expect(posted[0]!.text).toContain("正等待數據治理");
    const delivery = await db.notificationDelivery.findFirstOrThrow({ where: { channel: "CHAT" } });
    expect(delivery).toMatchObject({ status: "SENT", target: "DATA_GOVERNANCE" });
  });

  it("a webhook that refuses the message fails the delivery at once, listed without the address's secret", async () => {
    process.env.CHAT_WEBHOOK_DATA_GOVERNANCE = HOOK;
    chatStatus = 404;
    const ref = await initiativeIn("efficiencyReview", c);
    await dispatchOnce();
    const failed = await db.notificationDelivery.findFirstOrThrow({
      where: { channel: "CHAT", notification: { ref } },
    });
    expect(failed.status).toBe("FAILED");
    expect(failed.lastError).toBe("chat webhook https://chat.example.gov.hk/… answered 404");
    expect(JSON.stringify(takeLogs())).not.toContain("SECRET-TOKEN");
  });
});

// Killing the app while e-mails are pending loses none and duplicates none after restart: the real app
// (node server.mjs, whose scheduler dispatches the outbox) sends to a real SMTP sink and is killed with
// SIGKILL while the sink holds a message it has not yet accepted; a new instance finishes the work.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { demoCallers, initiativeIn } from "../factories/initiatives.ts";
import { buildApp, startInstance, stopInstance, type Instance } from "../helpers/instances.ts";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.ts";

let sink: SmtpSink;
const LEASE_MS = 1500;

beforeAll(async () => {
  await buildApp();
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  await seed({ demoData: true, portfolio: false });
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await sink.close();
});

async function until(check: () => Promise<boolean> | boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it("SIGKILL mid-send: after a restart every pending e-mail arrives exactly once", async () => {
  const c = await demoCallers();
  for (let i = 0; i < 5; i++) await initiativeIn("efficiencyReview", c); // two e-mails each
  const keys = (await db.notificationDelivery.findMany({ select: { key: true } })).map(
    (d) => `<${d.key}@initiative-tracker>`,
  );
  expect(keys).toHaveLength(10);

  const env = { SMTP_URL: sink.url, NOTIFY_LEASE_MS: String(LEASE_MS), JOBS_INTERVAL_MS: "200" };
  sink.setDelay(400);
  const running: { first?: Instance } = {};
  let received = 0;
  const killed = new Promise<void>((resolve) => {
    sink.onReceive = () => {
      // The fourth message is in the sink's hands but not accepted: the sender dies waiting for the answer.
      if (++received === 4 && running.first) {
        running.first.process.kill("SIGKILL");
        resolve();
      }
    };
  });
  const first = (running.first = await startInstance(env));
  await killed;
  await until(() => first.process.exitCode !== null || first.process.signalCode !== null, 10_000, "the kill");
  sink.onReceive = null;
  const beforeRestart = sink.mails.length;
  expect(beforeRestart).toBe(3);
  expect(await db.notificationDelivery.count({ where: { status: { not: "SENT" } } })).toBe(7);

  sink.setDelay(0);
  const second = await startInstance(env);
  try {
    await until(
      async () => (await db.notificationDelivery.count({ where: { status: "SENT" } })) === 10,
      60_000,
      "every delivery to be sent",
    );
  } finally {
    await stopInstance(second);
  }
  const ids = sink.mails.map((m) => m.messageId).sort();
  expect(ids).toEqual([...keys].sort());
  expect(new Set(ids).size).toBe(10);
});

// The scheduled work as a worker process: reminders and escalations, digests, and the outbox's deliveries.
//
//   npm run jobs                               run a pass every JOBS_INTERVAL_MS (default 10 s) until stopped
//   npm run jobs -- --once                     run one pass now and exit
//   npm run jobs -- --once --as-of <ISO time>  run one pass as if at that time (operators and tests)
//
// Safe beside the app's own scheduler and other workers: every reminder is recorded once and every delivery
// is claimed once. Prints one JSON line per pass.
import { disconnectDb } from "../app/utils/db.server.ts";
import { runJobsOnce, startJobs, stopJobs } from "../app/notifications/jobs.server.ts";
import { closeMailTransport } from "../app/notifications/email.server.ts";

try {
  process.loadEnvFile(".env");
} catch {
  // no .env file: the environment alone configures the worker
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const once = process.argv.includes("--once");
  const asOf = argValue("--as-of");
  let now: Date | undefined;
  if (asOf !== undefined) {
    now = new Date(asOf);
    if (!asOf || Number.isNaN(now.getTime())) {
      console.error(`--as-of needs an ISO time such as 2026-12-01T09:00:00+08:00, not "${asOf ?? ""}"`);
      process.exit(2);
    }
    if (!once) {
      console.error("--as-of is only for a single pass: add --once");
      process.exit(2);
    }
  }
  if (once) {
    const result = await runJobsOnce({ now });
    console.log(JSON.stringify({ asOf: (now ?? new Date()).toISOString(), ...result }));
    closeMailTransport();
    await disconnectDb();
    return;
  }
  startJobs();
  const stop = async () => {
    await stopJobs();
    closeMailTransport();
    await disconnectDb();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
  // The scheduler's timer does not keep the process alive; this does.
  setInterval(() => {}, 1 << 30);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

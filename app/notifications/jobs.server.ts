/**
 * Scheduled work: one pass sends the reminders and escalations that are due, releases the digests that are
 * due and dispatches the outbox. A pass is safe to run on several instances at once (each reminder is
 * recorded once by a unique key, each delivery claimed once). By default the app process runs passes on a
 * timer (startJobs); `npm run jobs` runs them in a worker process instead (JOBS_IN_APP=false in the app).
 */
import { getLogger } from "~/utils/logger.server.ts";
import { runDigestPass, type DigestResult } from "./digest.server.ts";
import { dispatchOnce, type DispatchResult } from "./dispatcher.server.ts";
import { runReminderPass, type ReminderPassResult } from "./reminders.server.ts";

export type PassResult = { reminders: ReminderPassResult; digests: DigestResult; dispatch: DispatchResult };

/** One pass as if at `now` (the real time by default): reminders, then digests, then the outbox. */
export async function runJobsOnce(opts: { now?: Date; workerId?: string } = {}): Promise<PassResult> {
  const now = opts.now ?? new Date();
  const reminders = await runReminderPass(now);
  const digests = await runDigestPass(now);
  const dispatch = await dispatchOnce({ now: opts.now, workerId: opts.workerId });
  return { reminders, digests, dispatch };
}

/** Milliseconds between passes (JOBS_INTERVAL_MS, default 10 s). */
export function jobsIntervalMs(): number {
  const v = Number(process.env.JOBS_INTERVAL_MS);
  return Number.isInteger(v) && v >= 100 ? v : 10_000;
}

let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<unknown> | undefined;
let stopped = false;

/**
 * Runs passes until stopJobs(): the next one starts an interval after the last one ended, so passes never
 * overlap within a process. The timer does not keep the process alive.
 */
export function startJobs(opts: { intervalMs?: number } = {}): void {
  if (timer || running) return;
  stopped = false;
  const interval = opts.intervalMs ?? jobsIntervalMs();
  const tick = () => {
    timer = undefined;
    running = runJobsOnce()
      .then((r) => {
        if (r.dispatch.claimed + r.reminders.notifications + r.digests.digests > 0) {
          getLogger().info({ event: "jobs_pass", ...r }, "jobs pass");
        }
      })
      .catch((error: unknown) => getLogger().warn({ event: "jobs_pass_failed", err: error }, "jobs pass failed"))
      .finally(() => {
        running = undefined;
        if (!stopped) {
          timer = setTimeout(tick, interval);
          timer.unref?.();
        }
      });
  };
  timer = setTimeout(tick, Math.min(interval, 1000));
  timer.unref?.();
}

/** Stops the timer and waits for a pass in progress to end (graceful shutdown). */
export async function stopJobs(): Promise<void> {
  stopped = true;
  if (timer) clearTimeout(timer);
  timer = undefined;
  await running;
}

/** Whether this app process runs the passes itself (JOBS_IN_APP, default true). */
export function jobsInApp(): boolean {
  const v = process.env.JOBS_IN_APP?.trim().toLowerCase();
  return !(v === "false" || v === "0" || v === "no");
}

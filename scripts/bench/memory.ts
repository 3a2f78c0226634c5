// Memory: a soak of mixed page load (every page of the page table in turn, 10 connections) on the demo
// data, sampling the server's resident memory every two seconds; then the same after an idle spell. The
// steady state is the median of the samples in the soak's second half.
import { judge, printTable } from "./goals.ts";
import { median, requestsPerSecond } from "./load.ts";
import { IDLE_SECONDS, SOAK_SECONDS } from "./options.ts";
import { checkAnswers, demoPages, TRIVIAL } from "./pages.ts";
import { rssMb, type Server } from "./server.ts";

const GOAL_MB = 250;

export async function memorySoak(server: Server, databaseUrl: string, engine: string): Promise<void> {
  const section = `memory (${engine})`;
  const pages = await demoPages(databaseUrl);
  await checkAnswers(server.url, pages);
  const atStart = rssMb(server.pid);
  const samples: { at: number; mb: number }[] = [];
  const started = performance.now();
  const sampler = setInterval(() => samples.push({ at: performance.now() - started, mb: rssMb(server.pid) }), 2000);
  let load: Awaited<ReturnType<typeof requestsPerSecond>>;
  try {
    load = await requestsPerSecond(server.url, [TRIVIAL, ...pages], SOAK_SECONDS);
  } finally {
    clearInterval(sampler);
  }
  const secondHalf = samples.filter((s) => s.at >= (SOAK_SECONDS * 1000) / 2).map((s) => s.mb);
  const steady = median(secondHalf.length ? secondHalf : samples.map((s) => s.mb));
  const peak = Math.max(...samples.map((s) => s.mb));
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const idle = rssMb(server.pid);
  printTable(
    `Memory (server RSS, MB), ${engine}: ${SOAK_SECONDS} s of mixed page load at ${load.perSecond.toFixed(0)} req/s` +
      (load.failed ? ` (${load.failed} answers not 2xx)` : "") +
      `, then ${IDLE_SECONDS} s idle`,
    ["when", "RSS (MB)", "goal", ""],
    [
      ["after start-up and sign-in", atStart.toFixed(0), "—", "—"],
      ["peak during the soak", peak.toFixed(0), "—", "—"],
      [
        "steady state (median, soak's second half)",
        ...judge(section, "steady-state RSS (MB)", steady.toFixed(0), `≤ ${GOAL_MB}`, steady <= GOAL_MB),
      ],
      [
        `after ${IDLE_SECONDS} s idle`,
        ...judge(
          section,
          "RSS when idle (MB)",
          idle.toFixed(0),
          `≤ ${GOAL_MB}, below steady`,
          idle <= GOAL_MB && idle < steady,
        ),
      ],
    ],
  );
}

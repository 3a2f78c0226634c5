// Memory: a soak of mixed page load (every page of the page table in turn, at most 10 at once) on the demo
// data at a fixed request rate, evenly paced, sampling the server's resident memory every two seconds; then the same after
// an idle spell. The steady state is the median of the samples in the soak's second half. The rate is fixed
// (BENCH_SOAK_RATE) because memory under load grows with it: runs at different rates do not compare. The
// rate reached and the server's CPU time per request are printed beside it, and where the memory goes
// (the server's own `memory` log: its main thread's heap, memory outside it; the rest is the read workers'
// heaps, malloc and code).
import { judge, printTable } from "./goals.ts";
import { median, pacedLoad, type Target } from "./load.ts";
import { IDLE_SECONDS, SOAK_RATE, SOAK_SECONDS } from "./options.ts";
import { checkAnswers, demoPages, TRIVIAL } from "./pages.ts";
import { cpuMs, residentMb, type MemoryLog, type Server } from "./server.ts";

const GOAL_MB = 250;
/** How often the server logs its memory split (seconds); the environment to start the memory server with. */
export const MEMORY_SERVER_ENV = { MEMORY_LOG_SECONDS: "2" };

type Sample = ReturnType<typeof residentMb> & { log: MemoryLog | null };

function sample(server: Server): Sample {
  return { ...residentMb(server.pid), log: server.lastMemoryLog() };
}

/** One row of the split: each figure the median over `samples`. */
export function splitRow(when: string, samples: Sample[]): string[] {
  const of = (pick: (s: Sample) => number | undefined) => {
    const values = samples.map(pick).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : NaN;
  };
  const anon = of((s) => s.anon);
  const heap = of((s) => s.log?.heapTotal);
  const external = of((s) => s.log?.external);
  const cells = [
    of((s) => s.rss),
    of((s) => s.file),
    anon,
    heap,
    of((s) => s.log?.heapUsed),
    external,
    anon - heap - external,
  ];
  return [when, ...cells.map((v) => (Number.isNaN(v) ? "—" : v.toFixed(0)))];
}

/** One soak of `targets` at `rate` a second, then the idle spell: the samples and the figures. */
export async function soak(server: Server, targets: Target[], seconds = SOAK_SECONDS, rate = SOAK_RATE) {
  const atStart = sample(server);
  const samples: (Sample & { at: number })[] = [];
  const started = performance.now();
  const cpuBefore = cpuMs(server.pid);
  const sampler = setInterval(() => samples.push({ at: performance.now() - started, ...sample(server) }), 2000);
  let load: Awaited<ReturnType<typeof pacedLoad>>;
  try {
    load = await pacedLoad(server.url, targets, seconds, rate);
  } finally {
    clearInterval(sampler);
  }
  const cpuPerRequest = (cpuMs(server.pid) - cpuBefore) / Math.max(load.total, 1);
  const secondHalf = samples.filter((s) => s.at >= (seconds * 1000) / 2);
  const steadySamples = secondHalf.length ? secondHalf : samples;
  const steady = median(steadySamples.map((s) => s.rss));
  const peak = Math.max(...samples.map((s) => s.rss));
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const idleSample = sample(server);
  return { atStart, steadySamples, steady, peak, idleSample, idle: idleSample.rss, load, cpuPerRequest };
}

export async function memorySoak(server: Server, databaseUrl: string, engine: string): Promise<void> {
  const section = `memory (${engine})`;
  const pages = await demoPages(databaseUrl);
  await checkAnswers(server.url, pages);
  const { atStart, steadySamples, steady, peak, idleSample, idle, load, cpuPerRequest } = await soak(server, [
    TRIVIAL,
    ...pages,
  ]);
  const keptRate = load.perSecond >= SOAK_RATE * 0.95;
  printTable(
    `Memory (server RSS, MB), ${engine}: ${SOAK_SECONDS} s of mixed page load at ${SOAK_RATE} req/s asked, ` +
      `${load.perSecond.toFixed(1)} reached (${load.total} requests, ${cpuPerRequest.toFixed(1)} ms of server CPU each)` +
      (load.failed ? ` (${load.failed} answers not 2xx)` : "") +
      `, then ${IDLE_SECONDS} s idle` +
      (keptRate
        ? ""
        : `\nThe rate asked was not reached: the machine was too busy, and this run compares with no other.`),
    ["when", "RSS (MB)", "goal", ""],
    [
      ["after start-up and sign-in", atStart.rss.toFixed(0), "—", "—"],
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
  printTable(
    `Where it goes (MB; "rest" is the read workers' heaps, malloc — SQLite's caches and statements — and stacks)`,
    ["when", "RSS", "files mapped (code)", "anonymous", "main heap", "of it in use", "external", "rest"],
    [
      splitRow("after start-up and sign-in", [atStart]),
      splitRow("steady state (medians, soak's second half)", steadySamples),
      splitRow(`after ${IDLE_SECONDS} s idle`, [idleSample]),
    ],
  );
}

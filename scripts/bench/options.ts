// The whole-suite benchmark's options (environment), read once. Imported before ./environment.ts, so that
// the quick mode's smaller defaults (BENCH_INITIATIVES, BENCH_RUNS) are in place when that module reads them.
const number = (name: string, fallback: number) => {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number, not "${value}"`);
  return n;
};

/** BENCH_QUICK=1: everything small, to check the harness itself in a couple of minutes. */
export const QUICK = ["1", "true", "yes"].includes(process.env.BENCH_QUICK ?? "");
if (QUICK) {
  process.env.BENCH_INITIATIVES ??= "2000";
  process.env.BENCH_RUNS ??= "5";
}

export const SECTIONS = ["startup", "pages", "writes", "growth", "interference", "memory"] as const;
export type Section = (typeof SECTIONS)[number];

/** BENCH_ONLY=pages,writes runs only those sections (comma-separated); all of them by default. */
export const ONLY: ReadonlySet<Section> = (() => {
  const names = (process.env.BENCH_ONLY ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown section ${unknown.join(", ")} (${SECTIONS.join(", ")})`);
  return new Set((names.length ? names : SECTIONS) as Section[]);
})();

/** Interleaved rounds of the page table; each figure is the median over them. */
export const ROUNDS = number("BENCH_ROUNDS", QUICK ? 1 : 3);
/** Seconds of load per page (and per trivial run) in each round of the page table. */
export const LOAD_SECONDS = number("BENCH_LOAD_SECONDS", QUICK ? 1 : 3);
/** Connections of the load generator (the figures use 10). */
export const CONNECTIONS = number("BENCH_CONNECTIONS", 10);
/** Seconds of writes at each number of clients. */
export const WRITE_SECONDS = number("BENCH_WRITE_SECONDS", QUICK ? 3 : 10);
/** The memory soak, then the idle time after it. */
export const SOAK_SECONDS = number("BENCH_SOAK_SECONDS", QUICK ? 15 : 300);
/**
 * The soak's request rate (across all connections). Fixed, so that runs compare: memory under load grows with
 * the rate, and an unthrottled soak runs at whatever rate the machine happens to reach.
 */
export const SOAK_RATE = number("BENCH_SOAK_RATE", 40);
export const IDLE_SECONDS = number("BENCH_IDLE_SECONDS", QUICK ? 5 : 45);
/** Seconds of trivial-page requests idle, and again beside the dashboard reloads. */
export const INTERFERENCE_SECONDS = number("BENCH_INTERFERENCE_SECONDS", QUICK ? 3 : 15);
/** The servers under test listen on BENCH_PORT, BENCH_PORT + 1, … */
export const PORT = number("BENCH_PORT", 3100);

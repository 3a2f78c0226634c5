// The page table: each page's requests a second as a share of the trivial route's (the framework's floor),
// on fresh demo data. 10 connections; each round times the trivial route, a page, the trivial route, the
// next page, …, and a page's share in a round is its req/s over the mean of the trivial runs on either side
// of it; the table gives the median over the rounds.
import { judge, printTable } from "./goals.ts";
import { get, median, requestsPerSecond, type Target } from "./load.ts";
import { LOAD_SECONDS, ROUNDS } from "./options.ts";
import { busiestInitiative, signIn } from "./sign-in.ts";
import type { Server } from "./server.ts";

export const TRIVIAL: Target = { path: "/bench/trivial", headers: {} };

const OFFICER = "officer.itb@demo.gov.hk";
const REVIEWER = "reviewer.dg@demo.gov.hk";
const LEADER = "leader@demo.gov.hk";

export type Page = Target & { name: string; goal: number | null };

/** The pages timed on the demo data, each as the user who would open it. */
export async function demoPages(databaseUrl: string): Promise<Page[]> {
  const { cookie, bearer } = await signIn(databaseUrl, [OFFICER, REVIEWER, LEADER]);
  const ref = await busiestInitiative();
  const page = (name: string, path: string, as: string | null, goal: number | null = 0.5): Page => ({
    name,
    path,
    headers: as ? { Cookie: cookie[as]! } : {},
    goal,
  });
  return [
    page("/login", "/login", null, null),
    {
      ...page("/api/v1/initiatives (leader)", "/api/v1/initiatives", null, 0.7),
      headers: { Authorization: bearer[LEADER]! },
    },
    page("/reviews (reviewer)", "/reviews", REVIEWER),
    page("/initiatives (officer)", "/initiatives", OFFICER),
    page("/initiatives (leader)", "/initiatives", LEADER),
    page(`/initiatives/:ref (leader, ${ref})`, `/initiatives/${ref}`, LEADER),
    page("/dashboard (leader)", "/dashboard", LEADER),
    page("/ (officer)", "/", OFFICER),
    page("/notifications (officer)", "/notifications", OFFICER),
    page("/funding-rounds (leader)", "/funding-rounds", LEADER),
    page("/account (officer)", "/account", OFFICER),
  ];
}

/** Every target must answer 200 before its speed means anything. */
export async function checkAnswers(baseUrl: string, targets: (Target & { name?: string })[]): Promise<void> {
  for (const t of targets) {
    const { status } = await get(baseUrl, t);
    if (status !== 200) throw new Error(`${t.name ?? t.path} answered ${status}, not 200`);
  }
}

export async function pageTable(server: Server, databaseUrl: string, engine: string): Promise<void> {
  const pages = await demoPages(databaseUrl);
  await checkAnswers(server.url, [TRIVIAL, ...pages]);
  // A short warm-up of each: the first requests compile and fill caches.
  for (const t of [TRIVIAL, ...pages]) await requestsPerSecond(server.url, [t], 1);
  const shares: number[][] = pages.map(() => []);
  const rates: number[][] = pages.map(() => []);
  const trivialRates: number[] = [];
  let failed = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let before = await requestsPerSecond(server.url, [TRIVIAL], LOAD_SECONDS);
    trivialRates.push(before.perSecond);
    for (const [i, p] of pages.entries()) {
      const measured = await requestsPerSecond(server.url, [p], LOAD_SECONDS);
      const after = await requestsPerSecond(server.url, [TRIVIAL], LOAD_SECONDS);
      failed += measured.failed + before.failed + after.failed;
      shares[i]!.push(measured.perSecond / ((before.perSecond + after.perSecond) / 2));
      rates[i]!.push(measured.perSecond);
      trivialRates.push(after.perSecond);
      before = after;
    }
  }
  const shareOf = (i: number) => (Number.isFinite(median(shares[i]!)) ? median(shares[i]!) : NaN);
  const rows = pages.map((p, i) => [
    p.name,
    median(rates[i]!).toFixed(0),
    ...judge(
      `pages (${engine})`,
      p.name,
      shareOf(i).toFixed(2),
      p.goal === null ? "" : `≥ ${p.goal}`,
      p.goal === null ? null : shareOf(i) >= p.goal,
    ),
  ]);
  rows.unshift(["trivial route (one paragraph)", median(trivialRates).toFixed(0), "1.00", "—", "—"]);
  printTable(
    `Pages on the demo data, ${engine}: ${ROUNDS} interleaved round(s) of ${LOAD_SECONDS} s per run, median` +
      (failed ? ` — ${failed} answers were not 2xx` : ""),
    ["page", "req/s", "share of trivial", "goal", ""],
    rows,
  );
}

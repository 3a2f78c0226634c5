// Interference: does one heavy page stall the others? At the growth table's scale, one client's trivial-page
// requests one after another, idle, and again while another client reloads the unfiltered dashboard in a
// loop; the figure is the ratio of the two p95s.
import { judge, printTable } from "./goals.ts";
import { get, sequentialLatencies, type Target } from "./load.ts";
import { INTERFERENCE_SECONDS } from "./options.ts";
import { TRIVIAL } from "./pages.ts";
import { stats } from "./timing.ts";

const GOAL_RATIO = 2;

export async function interference(baseUrl: string, dashboard: Target, engine: string): Promise<void> {
  const section = `interference (${engine})`;
  await sequentialLatencies(baseUrl, TRIVIAL, 1);
  const idle = stats(await sequentialLatencies(baseUrl, TRIVIAL, INTERFERENCE_SECONDS));
  let reloading = true;
  let reloads = 0;
  const failed = new Set<number>();
  const loop = (async () => {
    while (reloading) {
      const { status } = await get(baseUrl, dashboard);
      reloads++;
      if (status !== 200) failed.add(status);
    }
  })();
  let busy: ReturnType<typeof stats>;
  try {
    // Let the first reload start before timing.
    await new Promise((r) => setTimeout(r, 200));
    busy = stats(await sequentialLatencies(baseUrl, TRIVIAL, INTERFERENCE_SECONDS));
  } finally {
    reloading = false;
    await loop;
  }
  const ratio = busy.p95 / idle.p95;
  printTable(
    // No write comes between the reloads, so after the first they find the dashboard's figures kept (one
    // statement each): this measures a client reloading it, not its computation's weight on the others.
    `Interference, ${engine}: a trivial page's latency, one client, ${INTERFERENCE_SECONDS} s each (${reloads} dashboard reloads meanwhile, all but the first answered from its kept figures` +
      (failed.size ? `; the dashboard answered ${[...failed].join(", ")}, so this figure does not count` : "") +
      ")",
    ["trivial page", "p50 (ms)", "p95 (ms)", "goal", ""],
    [
      ["idle", idle.p50.toFixed(1), idle.p95.toFixed(1), "—", "—"],
      ["while one client reloads /dashboard", busy.p50.toFixed(1), busy.p95.toFixed(1), "—", "—"],
      [
        "p95 ratio",
        "",
        ...judge(
          section,
          "trivial p95 busy / idle",
          `${ratio.toFixed(2)}×`,
          `≤ ${GOAL_RATIO}×`,
          failed.size ? false : ratio <= GOAL_RATIO,
        ),
      ],
    ],
  );
}

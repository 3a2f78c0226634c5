/**
 * The dashboard page's whole answer — the figures, the filters' choices and the funding round's figures —
 * kept under the same stamp as the figures (dashboard-cache.server.ts). The choices (financial years with
 * visible initiatives, the B/Ds) and the round's figures (its bids, scores and outcomes) are read from
 * tables whose every writer appends an audit entry in the same transaction, as the figures' are, so a load
 * whose stamp, date, caller scope and filters were seen before costs the stamp's one statement.
 */
import { todayInHongKong } from "~/calendar/hong-kong.ts";
import { roundFigures } from "~/funding-rounds/round-figures.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { registerChoices } from "~/initiatives/register-totals.server.ts";
import { cachedFigures } from "./dashboard-cache.server.ts";
import { dashboardRequest, scopeOf } from "./dashboard-request.server.ts";
import { keptDashboard } from "./dashboard.queries.server.ts";
import { readDataStamp } from "~/utils/db/data-stamp.server.ts";

/** The dashboard page for a caller and query string: 403 and 400 before any statement. */
export async function dashboardPage(caller: Caller, params: URLSearchParams, today = todayInHongKong()) {
  const filters = dashboardRequest(caller, params);
  const stamp = await readDataStamp();
  const key = {
    stamp,
    today,
    role: caller.role,
    scope: scopeOf(caller, filters),
    part: "page",
    bureauCode: caller.bureauCode,
  };
  return cachedFigures(key, async () => {
    const [dashboard, choices] = await Promise.all([
      // The figures are kept on their own as well: the API answers them without the rest.
      keptDashboard(caller, filters, today, stamp),
      registerChoices(caller, Promise.resolve(stamp)),
    ]);
    // The round of the year filtered on, else the latest round.
    const fundingRound = await roundFigures(caller, filters.fy ?? null);
    return { dashboard, choices, fundingRound };
  });
}

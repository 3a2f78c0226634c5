import { apiJson, apiRoute } from "~/api/api.server.ts";
import { requireApiUser } from "~/api/tokens.server.ts";
import { getDashboard } from "~/dashboard/dashboard.queries.server.ts";

/**
 * GET /api/v1/dashboard?fy=&bureau=&division=&category= — the dashboard's figures as JSON (DESIGN.md §4):
 * `byStage`, `byBureau`, `byDivision`, `funding` { requested, approved, referred }, `cycleTimeDays`
 * (stage → { median, p90 }), `oldestPending`, `deliveryHealth` { red, amber, green } and the rest of
 * what the page shows. Leadership sees every initiative, a reviewer their division's; others get 403,
 * a bad filter 400.
 */
export const loader = apiRoute({
  async GET({ request }) {
    const user = await requireApiUser(request);
    return apiJson(await getDashboard(user, new URL(request.url).searchParams));
  },
});
export const action = loader;
